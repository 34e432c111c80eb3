/** Nominations against vetted groups: submission, each party's decision, withdrawal, vetting. */
import type { RootState } from '../state.ts';
import { accept, refuse } from '../model.ts';
import { protectionIndex } from '../protections.ts';
import type { CommandOf } from './commands.ts';
import { conflictsNear } from './conflicts.ts';
import { emit, needsRole, parties, type OpsContext, type OpsDecision } from './context.ts';
import type { OperationsEvent } from './events.ts';
import { nominationStatus, type Nomination } from './state.ts';

/** Integrated operations: authorized from the start by the policy, or by every national authority. */
export function integratedAuthorized(s: RootState, ctx: OpsContext): boolean {
  const io = ctx.policy.integratedOperations;
  if (!io.permitted) return false;
  return io.authorized || parties(ctx.policy).every((p) => s.operations.integratedAuthorizations.has(p));
}

/** Vetted once every party concurs, nothing blocks, and the executors are allowed. */
export function readyToVet(s: RootState, n: Nomination, ctx: OpsContext): boolean {
  const allConcur = parties(ctx.policy).every((p) => n.decisions.get(p)?.concur === true);
  const executorsOk = n.executors.length === 1 || integratedAuthorized(s, ctx);
  return allConcur && n.conflicts.length === 0 && executorsOk && n.vettedAt === null;
}

export function nominate(s: RootState, c: CommandOf<'NominateTarget'>, ctx: OpsContext): OpsDecision {
  const denied = needsRole(ctx, 'operator');
  if (denied) return denied;
  const group = ctx.policy.groups.find((g) => g.id === c.group);
  if (!group)
    return refuse('NOT_FOUND', `unknown designated group "${c.group}"`, [
      { pointer: '/group', reason: 'unknown group' },
    ]);
  if (group.mode !== 'vetted')
    return refuse('NOT_ALLOWED_BY_POLICY', `${group.id} is ${group.mode}: send a notice instead`, [
      { pointer: '/group', reason: 'not a vetted group' },
    ]);
  const known = new Set<string>(parties(ctx.policy));
  const stranger = c.executors.findIndex((p) => !known.has(p));
  if (stranger >= 0)
    return refuse('INVALID_INPUT', 'unknown executing party', [
      { pointer: `/executors/${stranger}`, reason: 'not a party' },
    ]);
  if (new Set(c.executors).size !== c.executors.length)
    return refuse('INVALID_INPUT', 'an executor is named twice', [
      { pointer: '/executors', reason: 'duplicates' },
    ]);
  if (c.executors.length > 1 && !integratedAuthorized(s, ctx))
    return refuse(
      'NOT_ALLOWED_BY_POLICY',
      'one executing party only: integrated operations are not authorized',
      [{ pointer: '/executors', reason: 'expected exactly one party' }],
    );
  const conflicts = conflictsNear(ctx.policy, protectionIndex(s), c.location, c.window, ctx.now);
  const data = {
    group: group.id,
    location: c.location,
    justification: c.justification,
    window: c.window,
    executors: c.executors,
    conflicts,
  };
  return accept(emit(ctx, 'TargetNominated', ctx.newId(), data));
}

function openNomination(s: RootState, id: Nomination['id']): Nomination | OpsDecision {
  const n = s.operations.nominations.get(id);
  if (!n) return refuse('NOT_FOUND', `no nomination ${id}`);
  const status = nominationStatus(n);
  if (status === 'pending' || status === 'blocked') return n;
  return refuse('INVALID_STATE', `the nomination is ${status}`);
}

export function decideNomination(
  s: RootState,
  c: CommandOf<'DecideNomination'>,
  ctx: OpsContext,
): OpsDecision {
  const denied = needsRole(ctx, 'approver');
  if (denied) return denied;
  const n = openNomination(s, c.nomination);
  if ('ok' in n) return n;
  if (n.decisions.has(ctx.actor.party))
    return refuse('ALREADY_DECIDED', `${ctx.actor.party} has already decided`);
  const decided = emit(ctx, 'NominationDecided', n.id, {
    party: ctx.actor.party,
    concur: c.concur,
    reason: c.reason ?? null,
  });
  const after: Nomination = {
    ...n,
    decisions: new Map(n.decisions).set(ctx.actor.party, { concur: c.concur, reason: c.reason ?? null }),
  };
  if (!readyToVet(s, after, ctx)) return accept(decided);
  const vetted = emit(ctx, 'NominationVetted', n.id, { executors: n.executors }, { owner: n.owner });
  return accept<OperationsEvent>(decided, vetted);
}

export function withdrawNomination(
  s: RootState,
  c: CommandOf<'WithdrawNomination'>,
  ctx: OpsContext,
): OpsDecision {
  const denied = needsRole(ctx, 'operator', 'approver');
  if (denied) return denied;
  const n = s.operations.nominations.get(c.nomination);
  if (!n) return refuse('NOT_FOUND', `no nomination ${c.nomination}`);
  if (n.owner !== ctx.actor.party) return refuse('NOT_AUTHORIZED', 'only the nominating party withdraws');
  const status = nominationStatus(n);
  if (status === 'withdrawn' || status === 'executed')
    return refuse('INVALID_STATE', `the nomination is ${status}`);
  return accept(emit(ctx, 'NominationWithdrawn', n.id, { reason: c.reason }));
}

export function authorizeIntegrated(
  s: RootState,
  _: CommandOf<'AuthorizeIntegratedOperations'>,
  ctx: OpsContext,
): OpsDecision {
  const denied = needsRole(ctx, 'national_authority');
  if (denied) return denied;
  if (!ctx.policy.integratedOperations.permitted)
    return refuse('NOT_ALLOWED_BY_POLICY', 'the agreement does not provide for integrated operations');
  if (s.operations.integratedAuthorizations.has(ctx.actor.party))
    return refuse('ALREADY_DECIDED', `${ctx.actor.party} has already authorized integrated operations`);
  return accept(emit(ctx, 'IntegratedOperationsAuthorized', ctx.newId(), { party: ctx.actor.party }));
}
