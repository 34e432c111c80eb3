/** What parties did: execution reports of vetted nominations, and unilateral imminent-threat actions. */
import { epochMs, type EpochMs, type PartyId } from '../../core/index.ts';
import { distanceMeters } from '../geometry.ts';
import { accept, refuse } from '../model.ts';
import type { RootState } from '../state.ts';
import type { CommandOf } from './commands.ts';
import { emit, needsRole, parties, type OpsContext, type OpsDecision } from './context.ts';
import type { OperationsEvent } from './events.ts';
import { nominationStatus, type Allegation } from './state.ts';

export function reportExecution(s: RootState, c: CommandOf<'ReportExecution'>, ctx: OpsContext): OpsDecision {
  const denied = needsRole(ctx, 'operator');
  if (denied) return denied;
  const n = s.operations.nominations.get(c.nomination);
  if (!n) return refuse('NOT_FOUND', `no nomination ${c.nomination}`);
  if (!n.executors.includes(ctx.actor.party))
    return refuse('NOT_AUTHORIZED', `${ctx.actor.party} is not an executor`);
  const status = nominationStatus(n);
  if (status === 'executed') return refuse('ALREADY_DECIDED', 'an execution is already reported');
  if (status !== 'vetted') return refuse('INVALID_STATE', `the nomination is ${status}, not vetted`);
  if (c.executedAt > ctx.now)
    return refuse('INVALID_INPUT', 'the execution time is in the future', [
      { pointer: '/executedAt', reason: 'after now' },
    ]);
  const distanceM = Math.round(distanceMeters(n.location.coordinates, c.location.coordinates));
  const id = ctx.newId();
  const report = emit(ctx, 'ExecutionReported', id, {
    nomination: n.id,
    executedAt: c.executedAt,
    location: c.location,
    outcome: c.outcome,
    remarks: c.remarks ?? null,
    distanceM,
  });
  const toleranceM = ctx.policy.execution.toleranceM;
  const deviations: ('location' | 'window')[] = [];
  if (distanceM > toleranceM) deviations.push('location');
  if (c.executedAt < n.window.from || c.executedAt > n.window.to) deviations.push('window');
  if (deviations.length === 0) return accept(report);
  const flag = emit(ctx, 'ExecutionDeviationFlagged', id, {
    nomination: n.id,
    deviations,
    distanceM,
    toleranceM,
    notify: parties(ctx.policy),
  });
  return accept<OperationsEvent>(report, flag);
}

const deadlineAfter = (ctx: OpsContext, t: EpochMs): EpochMs =>
  epochMs(t + ctx.policy.imminentThreat.filingDeadlineHours * 3_600_000);

export function recordImminentAction(
  s: RootState,
  c: CommandOf<'RecordImminentThreatAction'>,
  ctx: OpsContext,
): OpsDecision {
  const denied = needsRole(ctx, 'operator', 'national_authority');
  if (denied) return denied;
  const rule = ctx.policy.imminentThreat;
  if (!rule.allowed) return refuse('NOT_ALLOWED_BY_POLICY', 'the agreement allows no unilateral action');
  if (!rule.groups.includes(c.group))
    return refuse('NOT_ALLOWED_BY_POLICY', `unilateral action is not allowed against "${c.group}"`, [
      { pointer: '/group', reason: 'not covered by the imminent-threat rule' },
    ]);
  if (c.actionAt > ctx.now)
    return refuse('INVALID_INPUT', 'the action is recorded after the fact', [
      { pointer: '/actionAt', reason: 'after now' },
    ]);
  let allegation: Allegation | undefined;
  if (c.allegation !== undefined) {
    allegation = s.operations.allegations.get(c.allegation);
    if (!allegation || allegation.against !== ctx.actor.party)
      return refuse('NOT_FOUND', `no allegation ${c.allegation} against ${ctx.actor.party}`);
    if (allegation.filing !== null)
      return refuse('ALREADY_DECIDED', 'the allegation is already answered by a filing');
  }
  const deadline = deadlineAfter(ctx, c.actionAt);
  return accept(
    emit(ctx, 'ImminentThreatActionRecorded', ctx.newId(), {
      group: c.group,
      actionAt: c.actionAt,
      location: c.location,
      threat: c.threat,
      deadline,
      filing: ctx.now <= deadline ? 'on_time' : 'late',
      allegation: allegation?.id ?? null,
    }),
  );
}

export function allegeAction(
  _: RootState,
  c: CommandOf<'AllegeUnilateralAction'>,
  ctx: OpsContext,
): OpsDecision {
  const denied = needsRole(ctx, 'operator', 'monitor');
  if (denied) return denied;
  if (!parties(ctx.policy).includes(c.against) || c.against === ctx.actor.party)
    return refuse('INVALID_INPUT', 'an allegation names another party', [
      { pointer: '/against', reason: 'not another party' },
    ]);
  if (c.actionAt > ctx.now)
    return refuse('INVALID_INPUT', 'the action is in the future', [
      { pointer: '/actionAt', reason: 'after now' },
    ]);
  const data = {
    against: c.against,
    actionAt: c.actionAt,
    location: c.location,
    description: c.description,
    deadline: deadlineAfter(ctx, c.actionAt),
  };
  return accept(emit(ctx, 'UnilateralActionAlleged', ctx.newId(), data));
}

export type FilingStatus = 'on_time' | 'late' | 'missing' | 'due';

/** The filing status of an alleged action: due until the deadline, missing after it, then the filing's. */
export function allegationStatus(s: RootState, a: Allegation, now: EpochMs): FilingStatus {
  const filing = a.filing === null ? undefined : s.operations.imminentActions.get(a.filing);
  if (filing) return filing.filing;
  return now > a.deadline ? 'missing' : 'due';
}

/** Every party's unilateral actions with their filing status, for the board all parties see. */
export function imminentBoard(
  s: RootState,
  now: EpochMs,
): { id: string; party: PartyId; status: FilingStatus }[] {
  const filed = [...s.operations.imminentActions.values()].map((a) => ({
    id: a.id,
    party: a.party,
    status: a.filing,
  }));
  const unanswered = [...s.operations.allegations.values()]
    .filter((a) => a.filing === null)
    .map((a) => ({ id: a.id, party: a.against, status: allegationStatus(s, a, now) }));
  return [...filed, ...unanswered];
}
