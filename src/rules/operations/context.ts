/** What every operations decision shares: the context type, event construction, role checks. */
import type { PartyId, RecordId, ReleaseLevel, Role } from '../../core/index.ts';
import type { Agreement } from '../../policy/index.ts';
import { refuse, type DecideContext, type Decision } from '../model.ts';
import type { OperationsEvent } from './events.ts';

export type OpsContext = DecideContext<Agreement>;
export type OpsDecision = Decision<OperationsEvent>;
type Of<T extends OperationsEvent['type']> = Extract<OperationsEvent, { type: T }>;

/** Builds an event attributed to the actor; joint and owned by the actor's party unless told. */
export function emit<T extends OperationsEvent['type']>(
  ctx: OpsContext,
  type: T,
  record: RecordId,
  data: Of<T>['data'],
  opts: { readonly release?: ReleaseLevel; readonly owner?: PartyId } = {},
): Of<T> {
  const event = {
    type,
    record,
    owner: opts.owner ?? ctx.actor.party,
    release: opts.release ?? 'joint',
    at: ctx.now,
    by: { person: ctx.actor.id, party: ctx.actor.party },
    data,
  };
  return event as unknown as Of<T>;
}

/** A refusal unless the actor holds one of the roles. */
export function needsRole(ctx: OpsContext, ...roles: Role[]): OpsDecision | null {
  if (roles.some((r) => ctx.actor.roles.includes(r))) return null;
  return refuse('NOT_AUTHORIZED', `needs the role ${roles.join(' or ')}`);
}

export const parties = (policy: Agreement): PartyId[] => policy.parties.map((p) => p.id);
