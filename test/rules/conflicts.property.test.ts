/**
 * The rules' conflict checks (indexed, fast formula with margins) against brute force: the
 * geodesic distance from the target to every protection, measured by geographiclib to densely
 * sampled points of each edge (an upper bound of the true distance, so a conflict brute force
 * finds is a real one).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { epochMs, partyId, recordId } from '../../src/core/index.ts';
import { distanceMeters, lonLat, pointInGeometry, type Geometry } from '../../src/geo/index.ts';
import { replay } from '../../src/rules/index.ts';
import type { Protection } from '../../src/rules/model.ts';
import { conflictsNear } from '../../src/rules/operations/conflicts.ts';
import { ProtectionIndex } from '../../src/rules/protection-index.ts';
import { HOUR, T0, nomination, policy, run, ru, us, type Step } from './given.ts';

type P = readonly [number, number];

function edgesOf(g: Geometry): [P, P][] {
  const lines =
    g.type === 'Point'
      ? [[g.coordinates, g.coordinates]]
      : g.type === 'LineString'
        ? [g.coordinates]
        : g.type === 'Polygon'
          ? g.coordinates
          : [];
  return lines.flatMap((l) => l.slice(1).map((b, i): [P, P] => [l[i] as P, b as P]));
}

/** Least geodesic distance from p to samples of every edge of g; 0 inside a polygon. */
function bruteDistance(p: P, g: Geometry): number {
  if (pointInGeometry(p, g)) return 0;
  let best = Infinity;
  for (const [a, b] of edgesOf(g))
    for (let i = 0; i <= 200; i++) {
      const t = i / 200;
      best = Math.min(best, distanceMeters(p, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]));
    }
  return best;
}

// Around Aleppo, within a few kilometres of each other so that buffers matter.
const coord = fc.tuple(
  fc.double({ min: 37.1, max: 37.2, noNaN: true }),
  fc.double({ min: 36.15, max: 36.25, noNaN: true }),
);
const offset = fc.double({ min: 0.001, max: 0.02, noNaN: true });
const geometry: fc.Arbitrary<Geometry> = fc.oneof(
  coord.map(([x, y]) => ({ type: 'Point', coordinates: lonLat(x, y) }) as const),
  fc
    .tuple(coord, offset, offset)
    .map(
      ([[x, y], dx, dy]) =>
        ({ type: 'LineString', coordinates: [lonLat(x, y), lonLat(x + dx, y - dy)] }) as const,
    ),
  fc.tuple(coord, offset).map(
    ([[x, y], h]) =>
      ({
        type: 'Polygon',
        coordinates: [[lonLat(x, y), lonLat(x + h, y), lonLat(x + h, y + h), lonLat(x, y + h), lonLat(x, y)]],
      }) as const,
  ),
);
const protection = fc.tuple(geometry, fc.integer({ min: 50, max: 3000 }), fc.boolean());

describe('conflict checks against brute force', () => {
  it('never miss a protection whose buffer brute force finds the target in', () => {
    fc.assert(
      fc.property(fc.array(protection, { minLength: 1, maxLength: 12 }), coord, (items, [x, y]) => {
        const protections: Protection[] = items.map(([g, bufferM, sealed], i) => ({
          id: recordId(`p${i}`),
          kind: 'protected_site',
          owner: partyId('US'),
          release: sealed ? 'sealed' : 'joint',
          category: 'hospital',
          geometry: g,
          bufferM,
        }));
        const target = { type: 'Point', coordinates: lonLat(x, y) } as const;
        const window = { from: epochMs(T0), to: epochMs(T0 + HOUR) };
        const found = conflictsNear(policy, new ProtectionIndex(protections), target, window, epochMs(T0));
        const expected = protections.filter(
          (p) => bruteDistance([x, y], p.geometry as Geometry) <= p.bufferM,
        );
        assert.ok(found.length >= expected.length, `${found.length} < ${expected.length}`);
        for (const p of expected.filter((q) => q.release === 'joint'))
          assert.ok(
            found.some((c) => c.disclosure === 'full' && c.protection === p.id),
            `missed ${p.id}`,
          );
      }),
      { numRuns: 300, seed: 2016 },
    );
  });

  it('the reactor blocks every open nomination that a site registered later reaches', () => {
    const point = coord.map(([x, y]) => [x, y] as const);
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 6 }),
        fc.array(protection, { maxLength: 5 }),
        (targets, sites) => {
          const steps: Step[] = [
            ...targets.map((t): Step => [ru.operator, nomination(t)]),
            ...sites.map(([g, bufferM]): Step => [
              us.liaison,
              {
                type: 'RegisterProtectedSite',
                category: 'hospital',
                geometry: g,
                bufferM,
                release: 'sealed',
              },
            ]),
          ];
          const state = replay(run(steps));
          for (const n of state.operations.nominations.values()) {
            const p = n.location.coordinates as unknown as P;
            const reached = sites.filter(([g, bufferM]) => bruteDistance(p, g) <= bufferM).length;
            assert.ok(n.conflicts.length >= reached, `${n.conflicts.length} < ${reached}`);
          }
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });
});
