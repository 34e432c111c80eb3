/** The few rules the fake API applies: required fields, and the protected-site check of a nomination. */
import type { Rec } from './fake-data.ts';

const REQUIRED: Record<string, string[]> = {
  nominations: ['group', 'geometry', 'justification', 'window/from', 'window/to'],
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
  const at = (n['geometry'] as { coordinates: number[] }).coordinates;
  const checks = sites
    .filter(
      (s) =>
        metres(at, (s['geometry'] as { coordinates: number[] }).coordinates) <= Number(s['buffer_m'] ?? 0),
    )
    .map((s) => ({
      check: 'protected_sites',
      verdict: 'block',
      reason:
        s.release === 'joint' || s.owner === party
          ? `within ${String(s['buffer_m'])} m of protected site "${String(s['name'])}"`
          : `conflicts with a protected site of party ${s.owner} within ${Math.ceil(Number(s['buffer_m']) / 1000)} km`,
    }));
  if (checks.length === 0)
    checks.push({ check: 'protected_sites', verdict: 'pass', reason: 'no protected site within its buffer' });
  const blocked = checks.some((c) => c.verdict === 'block');
  return {
    checks,
    status: blocked ? 'blocked' : 'pending',
    decisions: [{ party, decision: 'concur', reason: '' }],
  };
}
