/**
 * The rules' entry points: parse a command at the edge, `decide` it against the state, `evolve`
 * the state by each event, `replay` a history. Dispatch is by command and event type; each slice
 * owns its own.
 */
import { jsonPointer, type FieldIssue } from '../core/index.ts';
import { err, ok, type Result } from '../core/index.ts';
import type { Agreement } from '../policy/index.ts';
import { AirspaceCommandSchema, AIRSPACE_COMMAND_TYPES, type AirspaceCommand } from './airspace/commands.ts';
import { decideAirspace } from './airspace/decide.ts';
import { AIRSPACE_EVENT_TYPES, type AirspaceEvent } from './airspace/events.ts';
import { evolveAirspace } from './airspace/state.ts';
import type { DecideContext, Decision } from './model.ts';
import {
  OperationsCommandSchema,
  OPERATIONS_COMMAND_TYPES,
  type OperationsCommand,
} from './operations/commands.ts';
import { decideOperations } from './operations/decide.ts';
import type { OperationsEvent } from './operations/events.ts';
import { evolveOperations } from './operations/evolve.ts';
import { recheckNominations } from './operations/reactor.ts';
import { notify } from './operations/state.ts';
import { scratch } from './persistent-map.ts';
import { initialState, type RootState } from './state.ts';
import { decideHumanitarianRoot, decideViolationRoot, evolveAccessSlices } from './humanitarian-slice.ts';
import type { HumanitarianCommand, HumanitarianEvent } from './humanitarian-model.ts';
import { HUMANITARIAN_COMMAND_TYPES, HumanitarianCommandSchema } from './humanitarian-wire.ts';
import type { ViolationCommand, ViolationEvent } from './violations-model.ts';
import { VIOLATION_COMMAND_TYPES, ViolationCommandSchema } from './violations-wire.ts';

export type Command = OperationsCommand | HumanitarianCommand | ViolationCommand | AirspaceCommand;
export type RulesEvent = OperationsEvent | HumanitarianEvent | ViolationEvent | AirspaceEvent;
export type Context = DecideContext<Agreement>;

const OPERATIONS_EVENT_TYPES: ReadonlySet<string> = new Set<OperationsEvent['type']>([
  'ProtectedSiteRegistered',
  'ProtectedSiteWithdrawn',
  'ProtectedSiteDisputed',
  'DisputeAnswered',
  'TargetNominated',
  'NominationRechecked',
  'NominationDecided',
  'NominationVetted',
  'NominationInvalidated',
  'NominationWithdrawn',
  'IntegratedOperationsAuthorized',
  'ExecutionReported',
  'ExecutionDeviationFlagged',
  'ImminentThreatActionRecorded',
  'UnilateralActionAlleged',
  'NoticeSent',
  'DeconflictionAlerted',
  'ReceiptAcknowledged',
]);

/** The commands `parseCommand` has returned, by identity: no value from the network is one of them. */
const parsedCommands = new WeakSet<object>();

/**
 * Whether `value` is a command `parseCommand` returned (and so needs no second parse, as when the
 * HTTP edge has parsed the body and hands the result to the service). Callers do not change a
 * parsed command.
 */
export function wasParsed(value: unknown): value is Command {
  return typeof value === 'object' && value !== null && parsedCommands.has(value);
}

/** Parses a command from `unknown`; every invalid field comes back with its JSON pointer. */
export function parseCommand(raw: unknown): Result<Command, readonly FieldIssue[]> {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const schema =
    typeof type !== 'string'
      ? undefined
      : OPERATIONS_COMMAND_TYPES.has(type)
        ? OperationsCommandSchema
        : HUMANITARIAN_COMMAND_TYPES.has(type)
          ? HumanitarianCommandSchema
          : VIOLATION_COMMAND_TYPES.has(type)
            ? ViolationCommandSchema
            : AIRSPACE_COMMAND_TYPES.has(type)
              ? AirspaceCommandSchema
              : undefined;
  if (schema === undefined)
    return err([{ pointer: '/type', reason: `unknown command type ${JSON.stringify(type)}` }]);
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    parsedCommands.add(parsed.data);
    return ok(parsed.data);
  }
  return err(
    parsed.error.issues.flatMap((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
      if (i.code === 'unrecognized_keys')
        return i.keys.map((k) => ({ pointer: jsonPointer([...path, k]), reason: 'unknown field' }));
      return [{ pointer: jsonPointer(path), reason: i.message }];
    }),
  );
}

export function evolve(state: RootState, event: RulesEvent): RootState {
  if (OPERATIONS_EVENT_TYPES.has(event.type))
    return { ...state, operations: evolveOperations(state.operations, event as OperationsEvent) };
  if (AIRSPACE_EVENT_TYPES.has(event.type))
    return {
      ...state,
      // Flights and areas cross to the other parties: their receipts live with the operations'.
      operations: notify(state.operations, event),
      airspace: evolveAirspace(state.airspace, event as AirspaceEvent),
    };
  return evolveAccessSlices(state, event);
}

export function replay(events: readonly RulesEvent[], from: RootState = initialState): RootState {
  return events.reduce(evolve, from);
}

/**
 * Decides a command, then lets the reactors answer the events it produced (rechecking the open
 * nominations near any protection it changed). The result holds both, in order.
 */
export function decide(state: RootState, command: Command, ctx: Context): Decision<RulesEvent> {
  const decision = decideSlice(state, command, ctx);
  if (!decision.ok) return decision;
  // Simulated on overlays, so that the caller's own replay of these events stays O(1) per map.
  const after = scratch(() => replay(decision.events, state));
  const reactions = recheckNominations(after, ctx, { before: state, events: decision.events });
  return { ok: true, events: [...decision.events, ...reactions] };
}

function decideSlice(state: RootState, command: Command, ctx: Context): Decision<RulesEvent> {
  if (HUMANITARIAN_COMMAND_TYPES.has(command.type))
    return decideHumanitarianRoot(state, command as HumanitarianCommand, ctx);
  if (VIOLATION_COMMAND_TYPES.has(command.type))
    return decideViolationRoot(state, command as ViolationCommand, ctx);
  if (AIRSPACE_COMMAND_TYPES.has(command.type)) return decideAirspace(state, command as AirspaceCommand, ctx);
  return decideOperations(state, command as OperationsCommand, ctx);
}

export { initialState, type RootState } from './state.ts';
export {
  access,
  viewEvent,
  viewEvents,
  visibleRecords,
  type Access,
  type EventView,
  type SealedStub,
} from './visibility.ts';
export { allProtections, type ProtectionSource } from './protections.ts';
export { OperationsCommandSchema } from './operations/commands.ts';
export { AirspaceCommandSchema } from './airspace/commands.ts';
export type * from './airspace/events.ts';
export * from './airspace/public.ts';
export * as commandSchemas from './operations/commands.ts';
export type * from './operations/events.ts';
export { nominationStatus, type NominationStatus, type OperationsState } from './operations/state.ts';
export { receipts, type ReceiptRow } from './operations/notices.ts';
export { allegationStatus, imminentBoard, type FilingStatus } from './operations/actions.ts';
export { integratedAuthorized } from './operations/nominations.ts';
export { recheckNominations } from './operations/reactor.ts';

// Violations and humanitarian access: read models and helpers for views, exports and schedulers.
export { escalateOverdue } from './humanitarian-slice.ts';
export { activeProtections, current as currentVersion } from './humanitarian.ts';
export { overdueReceipts, receiptsOwed, type OverdueReceipt } from './humanitarian-receipts.ts';
export { coordinatesAt, noticeRecord, type NoticeRecord } from './humanitarian-record.ts';
export { humanitarianPolicyOf, violationPolicyOf } from './humanitarian-policy.ts';
export { pendingInformationRequests, violationStatus, violationStatuses } from './violations-status.ts';
export { evidenceRef, sha256Hex, verifyEvidence, type EvidenceRef } from './evidence.ts';
export { figureInputs, violationFigures, type ViolationFigures } from './figures.ts';
export { figuresCsv, figuresHtml } from './figures-render.ts';
