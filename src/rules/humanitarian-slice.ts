/**
 * The humanitarian and violation slices as the root sees them: which commands and events are
 * theirs, and their deciders and folds over the root state with the agreement as policy.
 */
import type { Agreement } from '../policy/index.ts';
import type { DecideContext, Decision } from './model.ts';
import type { RootState } from './state.ts';
import { decideHumanitarian, evolveHumanitarian } from './humanitarian.ts';
import type { HumanitarianCommand, HumanitarianEvent, ReceiptsEscalated } from './humanitarian-model.ts';
import { escalateOverdueReceipts } from './humanitarian-receipts.ts';
import { humanitarianPolicyOf, violationPolicyOf } from './humanitarian-policy.ts';
import { decideViolation, evolveViolations } from './violations.ts';
import type { ViolationCommand, ViolationEvent } from './violations-model.ts';

type Ctx = DecideContext<Agreement>;

export const HUMANITARIAN_EVENT_TYPES: ReadonlySet<string> = new Set<HumanitarianEvent['type']>([
  'NoticeGiven',
  'NoticeAmended',
  'NoticeAcknowledged',
  'NoticeCancelled',
  'ReceiptsEscalated',
  'OutcomeRecorded',
]);

export const VIOLATION_EVENT_TYPES: ReadonlySet<string> = new Set<ViolationEvent['type']>([
  'ViolationReported',
  'ReporterSealed',
  'ReporterRevealed',
  'ViolationAssessed',
  'ViolationEvidenceAdded',
  'InformationRequested',
  'InformationProvided',
  'ViolationReportWithdrawn',
]);

export function decideHumanitarianRoot(
  s: RootState,
  c: HumanitarianCommand,
  ctx: Ctx,
): Decision<HumanitarianEvent> {
  return decideHumanitarian(s.humanitarian, c, { ...ctx, policy: humanitarianPolicyOf(ctx.policy) });
}

export function decideViolationRoot(s: RootState, c: ViolationCommand, ctx: Ctx): Decision<ViolationEvent> {
  return decideViolation(s.violations, c, { ...ctx, policy: violationPolicyOf(ctx.policy) });
}

/** Folds an event of either slice into the root state; other events leave it unchanged. */
export function evolveAccessSlices(s: RootState, e: { readonly type: string }): RootState {
  if (HUMANITARIAN_EVENT_TYPES.has(e.type))
    return { ...s, humanitarian: evolveHumanitarian(s.humanitarian, e as HumanitarianEvent) };
  if (VIOLATION_EVENT_TYPES.has(e.type))
    return { ...s, violations: evolveViolations(s.violations, e as ViolationEvent) };
  return s;
}

/**
 * What a scheduler calls, as often as it likes: one `ReceiptsEscalated` per notice version whose
 * receipts are overdue at `ctx.now` and not yet escalated. Append the events like any decision's.
 */
export function escalateOverdue(s: RootState, ctx: Ctx): Decision<ReceiptsEscalated> {
  return escalateOverdueReceipts(s.humanitarian, { ...ctx, policy: humanitarianPolicyOf(ctx.policy) });
}
