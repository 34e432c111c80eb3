import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lonLat, type Geometry } from '../../src/geo/index.ts';
import { distanceMeters, geometryDistance, pointInGeometry, withinBuffer } from '../../src/rules/geometry.ts';

const pt = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: lonLat(lon, lat) });
const line = (...c: [number, number][]): Geometry => ({
  type: 'LineString',
  coordinates: c.map(([x, y]) => lonLat(x, y)),
});
const square = (x: number, y: number, h: number): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      lonLat(x - h, y - h),
      lonLat(x + h, y - h),
      lonLat(x + h, y + h),
      lonLat(x - h, y + h),
      lonLat(x - h, y - h),
    ],
  ],
});

/** Geodesic distance from a point to a straight lon/lat segment, by dense sampling (an upper bound). */
function sampled(p: readonly [number, number], a: [number, number], b: [number, number]): number {
  let best = Infinity;
  for (let i = 0; i <= 400; i++) {
    const t = i / 400;
    best = Math.min(best, distanceMeters(p, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]));
  }
  return best;
}

describe('rules geometry on the geometry engine', () => {
  it('measures a degree of latitude near Aleppo as about 110.9 km on the ellipsoid', () => {
    const d = distanceMeters([37.16, 36], [37.16, 37]);
    assert.ok(Math.abs(d - 110_950) < 100, String(d));
  });

  it('gives zero, exactly, for a point inside a polygon', () => {
    assert.deepEqual(geometryDistance(pt(37.1, 36.1), square(37.1, 36.1, 0.1)), { distanceM: 0, marginM: 0 });
    assert.ok(pointInGeometry([37.1, 36.1], square(37.1, 36.1, 0.1)));
  });

  it('measures across the antimeridian the short way', () => {
    const d = geometryDistance(pt(179.99, 0), line([-179.99, -1], [-179.99, 1]));
    assert.ok(Math.abs(d.distanceM - 2226) < 5, JSON.stringify(d));
  });

  it('states a margin for the fast formula and none beyond its range', () => {
    const near = geometryDistance(pt(37, 36), pt(37.1, 36));
    assert.ok(near.marginM > 0 && near.marginM < 10, JSON.stringify(near));
    const far = geometryDistance(pt(37, 36), pt(38, 36));
    assert.equal(far.marginM, 0);
  });

  it('reports a point clearly inside the buffer with the margin of its distance', () => {
    const exact = distanceMeters([37, 36], [37.01, 36]);
    const near = withinBuffer(pt(37, 36), pt(37.01, 36), exact + 100);
    assert.ok(near !== null && near.marginM > 0 && Math.abs(near.distanceM - exact) <= near.marginM);
  });

  it('settles a buffer that falls inside the margin with the geodesic', () => {
    const exact = distanceMeters([37, 36], [37.01, 36]);
    assert.deepEqual(withinBuffer(pt(37, 36), pt(37.01, 36), exact + 0.01), { distanceM: exact, marginM: 0 });
    assert.equal(withinBuffer(pt(37, 36), pt(37.01, 36), exact - 0.01), null);
  });

  it('never puts a point farther from a segment than it is (sampled geodesic along the segment)', () => {
    const offset = fc.tuple(
      fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      fc.double({ min: -0.5, max: 0.5, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: 35, max: 39, noNaN: true }), fc.double({ min: 32, max: 37, noNaN: true })),
        offset,
        offset,
        ([x, y], [ax, ay], [bx, by]) => {
          const a: [number, number] = [x + ax, y + ay];
          const b: [number, number] = [x + bx, y + by];
          const d = geometryDistance(pt(x, y), line(a, b));
          return d.distanceM - d.marginM <= sampled([x, y], a, b) + 1e-6;
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});
