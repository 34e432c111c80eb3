/**
 * After a change of protections (a site registered or withdrawn, a humanitarian notice given,
 * amended or cancelled), the open nominations near what changed are checked again. A vetted one
 * that now conflicts is invalidated and every party told; a blocked one that no longer conflicts
 * may become vetted. Pure: state in, events out.
 *
 * Only nominations that lie within reach of a changed protection (as it was or as it is) can see
 * their conflicts change, so they alone are rechecked: the changed protections go in a small
 * index of the geometry engine and each open nomination is one lookup in it; the rechecks then
 * query the state's protection index. Commands that change no protection recheck nothing: time
 * passing alone (a convoy's window ending) changes no nomination until the next change near it.
 */
import type { RecordId } from '../../core/index.ts';
import { ProtectionIndex } from '../protection-index.ts';
import { allProtections, PROTECTION_EVENTS, protectionIndex } from '../protections.ts';
import type { RootState } from '../state.ts';
import { conflictsNear, sameConflicts } from './conflicts.ts';
import { emit, parties, type OpsContext } from './context.ts';
import type { OperationsEvent } from './events.ts';
import { readyToVet } from './nominations.ts';
import { isOpen, nominationStatus, type Nomination } from './state.ts';

/** What a decision changed: the state before it and the events it produced. */
export interface Change {
  readonly before: RootState;
  readonly events: readonly { readonly type: string; readonly record: RecordId }[];
}

function recheck(s: RootState, n: Nomination, index: ProtectionIndex, ctx: OpsContext): OperationsEvent[] {
  const conflicts = conflictsNear(ctx.policy, index, n.location, n.window, ctx.now);
  if (sameConflicts(conflicts, n.conflicts)) return [];
  const owner = { owner: n.owner };
  if (nominationStatus(n) === 'vetted' && conflicts.length > 0)
    return [emit(ctx, 'NominationInvalidated', n.id, { conflicts, notify: parties(ctx.policy) }, owner)];
  const rechecked = emit(ctx, 'NominationRechecked', n.id, { conflicts }, owner);
  if (!readyToVet(s, { ...n, conflicts }, ctx)) return [rechecked];
  return [rechecked, emit(ctx, 'NominationVetted', n.id, { executors: n.executors }, owner)];
}

const openNominations = (s: RootState): Nomination[] => [...s.operations.nominations.values()].filter(isOpen);

const EVER = Number.MIN_SAFE_INTEGER as OpsContext['now'];

/** Open nominations within reach of a protection the change touched, before or after it. */
function touched(after: RootState, change: Change): Nomination[] {
  const ids = new Set<string>();
  for (const e of change.events) if (PROTECTION_EVENTS.has(e.type)) ids.add(e.record);
  if (ids.size === 0) return [];
  const open = openNominations(after);
  if (open.length === 0) return [];
  const changed = [change.before, after].flatMap((s) => allProtections(s, EVER).filter((p) => ids.has(p.id)));
  if (changed.length === 0) return [];
  // Ids repeat between before and after: index each version under its own key.
  const local = new ProtectionIndex(changed.map((p, i) => ({ ...p, id: `${i}` as RecordId })));
  return open.filter((n) => local.near(n.location).length > 0);
}

/**
 * Rechecks open nominations: those near what `change` touched, or all of them when no change is
 * given.
 */
export function recheckNominations(s: RootState, ctx: OpsContext, change?: Change): OperationsEvent[] {
  const candidates = change === undefined ? openNominations(s) : touched(s, change);
  if (candidates.length === 0) return [];
  const index = protectionIndex(s);
  return candidates.flatMap((n) => recheck(s, n, index, ctx));
}
