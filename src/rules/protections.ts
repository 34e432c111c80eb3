/**
 * Every place the rules protect, whichever slice owns it, as `Protection`s. Nomination, notice
 * (and later flight) checks read them from here only.
 */
import type { EpochMs } from '../core/index.ts';
import type { Protection } from './model.ts';
import type { RootState } from './state.ts';
import { OPEN_END, activeProtections } from './humanitarian.ts';
import { indexedProtections, type ProtectionIndex } from './protection-index.ts';

/** A slice's contribution: the places it protects at a moment. */
export type ProtectionSource = (state: RootState, at: EpochMs) => readonly Protection[];

/** Protected sites, disputed ones included: a site protects until its owner withdraws it. */
const protectedSites: ProtectionSource = (state) =>
  [...state.operations.sites.values()]
    .filter((s) => s.withdrawnAt === null)
    .map((s) => ({
      id: s.id,
      kind: 'protected_site',
      owner: s.owner,
      release: s.release,
      category: s.category,
      geometry: s.geometry,
      bufferM: s.bufferM,
    }));

/**
 * Humanitarian sites and movements that still protect at `at` or later, each with its window:
 * a convoy notified for tomorrow blocks a nomination for tomorrow, not one for next week.
 */
const humanitarianNotices: ProtectionSource = (state, at) =>
  activeProtections(state.humanitarian, { from: at, to: OPEN_END });

/**
 * Add a slice's source here (the humanitarian slice's `activeProtections`, a flight slice's
 * planned routes) and every check sees it.
 */
const sources: readonly ProtectionSource[] = [protectedSites, humanitarianNotices];

export function allProtections(state: RootState, at: EpochMs): readonly Protection[] {
  return sources.flatMap((source) => source(state, at));
}

/**
 * Events that change what a source protects, each naming the protection by its `record`. The
 * reactor rechecks nominations after these only, near the protections they name. (The index
 * below is keyed by the sites and notices, so a source that is not in them needs its own key.)
 */
export const PROTECTION_EVENTS: ReadonlySet<string> = new Set([
  'ProtectedSiteRegistered',
  'ProtectedSiteWithdrawn',
  'NoticeGiven',
  'NoticeAmended',
  'NoticeCancelled',
]);

const EVER = Number.MIN_SAFE_INTEGER as EpochMs;

/** Every protection of the state, at any time, indexed; checks pass `at` to its queries. */
export function protectionIndex(state: RootState): ProtectionIndex {
  return indexedProtections(state, (s) => allProtections(s, EVER));
}
