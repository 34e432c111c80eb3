import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { distanceM, pointDistanceM, type Geometry } from '../../src/rules/geometry.ts';

const pt = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] });

describe('rules geometry', () => {
  it('measures a degree of latitude near Aleppo as about 110.9 km on the ellipsoid', () => {
    const d = pointDistanceM([37.16, 36], [37.16, 37]);
    assert.ok(Math.abs(d - 110_950) < 100, String(d));
  });

  it('gives zero for a point inside a polygon', () => {
    const poly: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [37, 36],
          [37.2, 36],
          [37.2, 36.2],
          [37, 36.2],
          [37, 36],
        ],
      ],
    };
    assert.equal(distanceM(pt(37.1, 36.1), poly), 0);
  });

  it('never exceeds the true distance from a point to a segment (sampled along the segment)', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: 35, max: 39, noNaN: true }), fc.double({ min: 32, max: 37, noNaN: true })),
        fc.tuple(
          fc.double({ min: -0.5, max: 0.5, noNaN: true }),
          fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        ),
        fc.tuple(
          fc.double({ min: -0.5, max: 0.5, noNaN: true }),
          fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        ),
        ([x, y], [ax, ay], [bx, by]) => {
          const a: [number, number] = [x + ax, y + ay];
          const b: [number, number] = [x + bx, y + by];
          const bound = distanceM(pt(x, y), { type: 'LineString', coordinates: [a, b] });
          let best = Infinity;
          for (let i = 0; i <= 200; i++) {
            const t = i / 200;
            best = Math.min(
              best,
              pointDistanceM([x, y], [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]),
            );
          }
          return bound <= best + 1e-6;
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});
