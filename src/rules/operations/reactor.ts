/**
 * After any change of protections (a site registered or withdrawn, a movement notified, a zone
 * declared), every open nomination is checked again. A vetted one that now conflicts is
 * invalidated and every party told; a blocked one that no longer conflicts may become vetted.
 * Pure: state in, events out.
 */
import { allProtections } from '../protections.ts';
import type { RootState } from '../state.ts';
import { conflictsFor, sameConflicts } from './conflicts.ts';
import { emit, parties, type OpsContext } from './context.ts';
import type { OperationsEvent } from './events.ts';
import { readyToVet } from './nominations.ts';
import { isOpen, nominationStatus, type Nomination } from './state.ts';

function recheck(s: RootState, n: Nomination, ctx: OpsContext): OperationsEvent[] {
  const conflicts = conflictsFor(ctx.policy, allProtections(s, ctx.now), n.location, n.window);
  if (sameConflicts(conflicts, n.conflicts)) return [];
  const owner = { owner: n.owner };
  if (nominationStatus(n) === 'vetted' && conflicts.length > 0)
    return [emit(ctx, 'NominationInvalidated', n.id, { conflicts, notify: parties(ctx.policy) }, owner)];
  const rechecked = emit(ctx, 'NominationRechecked', n.id, { conflicts }, owner);
  if (!readyToVet(s, { ...n, conflicts }, ctx)) return [rechecked];
  return [rechecked, emit(ctx, 'NominationVetted', n.id, { executors: n.executors }, owner)];
}

export function recheckNominations(s: RootState, ctx: OpsContext): OperationsEvent[] {
  return [...s.operations.nominations.values()].filter(isOpen).flatMap((n) => recheck(s, n, ctx));
}
