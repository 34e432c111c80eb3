/** The few rules the fake API applies: required fields, and the protected-site check of a nomination. */
import type { Rec } from './fake-data.ts';

const REQUIRED: Record<string, string[]> = {
  nominations: ['group', 'location', 'justification', 'window/from', 'window/to', 'executors'],
  'protected-sites': ['name', 'geometry'],
  violations: ['geometry', 'time'],
};

function get(o: Record<string, unknown>, path: string): unknown {
  return path
    .split('/')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      o,
    );
}

export function validate(c: string, body: Record<string, unknown>): { pointer: string; reason: string }[] {
  const errors = (REQUIRED[c] ?? [])
    .filter((f) => get(body, f) === undefined)
    .map((f) => ({ pointer: `/${f}`, reason: 'is required' }));
  const from = get(body, 'window/from');
  const to = get(body, 'window/to');
  if (typeof from === 'string' && typeof to === 'string' && Date.parse(to) <= Date.parse(from))
    errors.push({ pointer: '/window/to', reason: 'must be after the start of the window' });
  return errors;
}

function metres(a: number[], b: number[]): number {
  const rad = Math.PI / 180;
  const dLat = ((b[1] ?? 0) - (a[1] ?? 0)) * rad;
  const dLon = ((b[0] ?? 0) - (a[0] ?? 0)) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos((a[1] ?? 0) * rad) * Math.cos((b[1] ?? 0) * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Blocks a nomination inside any protected site's buffer; sealed sites are named only by party. */
export function checkNomination(n: Rec, sites: readonly Rec[], party: string): Record<string, unknown> {
  const at = (n['location'] as { coordinates: number[] }).coordinates;
  // The server's conflicts: full disclosure to whoever may see the site, a band otherwise.
  const checks = sites
    .filter(
      (s) =>
        metres(at, (s['geometry'] as { coordinates: number[] }).coordinates) <= Number(s['buffer_m'] ?? 0),
    )
    .map((s) =>
      s.release === 'joint' || s.owner === party
        ? {
            disclosure: 'full',
            kind: 'protected_site',
            protection: s.id,
            owner: s.owner,
            category: s['category'],
            distanceM: Math.round(metres(at, (s['geometry'] as { coordinates: number[] }).coordinates)),
            marginM: 0,
            bufferM: Number(s['buffer_m'] ?? 0),
          }
        : {
            disclosure: 'sealed',
            kind: 'protected_site',
            owner: s.owner,
            categoryClass: 'protected',
            withinM: Math.ceil(Number(s['buffer_m']) / 1000) * 1000,
          },
    );
  return {
    geometry: n['location'],
    checks,
    status: checks.length > 0 ? 'blocked' : 'pending',
    decisions: [{ party, concur: true, decision: 'concur' }],
  };
}
