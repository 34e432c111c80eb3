/** Geometry checks against protections, and what each conflict may disclose. */
import type { EpochMs, ErrorCode } from '../../core/index.ts';
import type { Agreement } from '../../policy/index.ts';
import { withinBuffer, type Geometry, type Proximity } from '../geometry.ts';
import type { Protection } from '../model.ts';
import type { ProtectionIndex } from '../protection-index.ts';
import type { Conflict, TimeWindow } from './events.ts';

const CODES: Record<Protection['kind'], ErrorCode> = {
  protected_site: 'PROTECTED_SITE_CONFLICT',
  humanitarian_site: 'MOVEMENT_CONFLICT',
  movement: 'MOVEMENT_CONFLICT',
  ceasefire_zone: 'ZONE_CONFLICT',
};

export const overlaps = (a: TimeWindow, b: { readonly from: number; readonly to: number }): boolean =>
  a.from < b.to && b.from < a.to;

/** The class a sealed conflict discloses in place of its category. */
function categoryClass(policy: Agreement, p: Protection): string {
  const known = policy.protectedSites.categories.find((c) => c.id === p.category);
  if (known) return known.class;
  if (p.kind === 'movement' || p.kind === 'humanitarian_site') return 'humanitarian';
  return p.kind === 'ceasefire_zone' ? 'ceasefire_zone' : 'other';
}

function band(policy: Agreement, d: number): number | null {
  return policy.protectedSites.disclosureBandsM.find((b) => d <= b) ?? null;
}

export function describeConflict(policy: Agreement, p: Protection, near: Proximity): Conflict {
  const code = CODES[p.kind];
  const { distanceM: d, marginM: m } = near;
  if (p.release !== 'joint')
    return {
      disclosure: 'sealed',
      code,
      kind: p.kind,
      owner: p.owner,
      categoryClass: categoryClass(policy, p),
      // "Within X" must hold whatever the true distance in the margin.
      withinM: band(policy, d + m),
    };
  return {
    disclosure: 'full',
    code,
    kind: p.kind,
    protection: p.id,
    owner: p.owner,
    category: p.category,
    distanceM: Math.round(d),
    marginM: Math.ceil(m),
    bufferM: p.bufferM,
  };
}

/** Every protection the geometry comes within the buffer of during the window, in a stable order. */
export function conflictsFor(
  policy: Agreement,
  protections: readonly Protection[],
  geometry: Geometry,
  window: TimeWindow,
): Conflict[] {
  const found: Conflict[] = [];
  for (const p of protections) {
    if (p.window && !overlaps(window, p.window)) continue;
    const near = withinBuffer(geometry, p.geometry as Geometry, p.bufferM);
    if (near) found.push(describeConflict(policy, p, near));
  }
  return found.sort((a, b) => key(a).localeCompare(key(b)));
}

/** The same check through the state's protection index: a lookup, not a pass over every protection. */
export function conflictsNear(
  policy: Agreement,
  index: ProtectionIndex,
  geometry: Geometry,
  window: TimeWindow,
  at: EpochMs,
): Conflict[] {
  return index
    .near(geometry, window, at)
    .map((n) => describeConflict(policy, n.protection, n))
    .sort((a, b) => key(a).localeCompare(key(b)));
}

export const key = (c: Conflict): string => JSON.stringify(c);

export function sameConflicts(a: readonly Conflict[], b: readonly Conflict[]): boolean {
  return a.length === b.length && a.every((c, i) => key(c) === key(b[i]!));
}
