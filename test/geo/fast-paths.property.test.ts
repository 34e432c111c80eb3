// The fast paths of point checks against brute force: the point grid's local frame with its
// folded-in margin (a site at a geodesic distance just inside its buffer is always found, one just
// outside never), the frame's error against the geodesic, and the polygon cells and rays against
// the plain even-odd test over every edge.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import geodesic from 'geographiclib-geodesic';
import {
  buildSiteIndex,
  distanceMeters,
  forEachSiteNear,
  lonLat,
  parseGeometry,
  sitesNear,
  type AreaGeometry,
  type LonLat,
  type ProtectedSite,
} from '../../src/geo/index.ts';
import { degreeLengthSeries } from '../../src/geo/distance.ts';
import { pointInPolygon } from '../../src/geo/planar.ts';
import { inPolygon, prepareShape } from '../../src/geo/shapes.ts';

const G = geodesic.Geodesic.WGS84;
const RUNS = 40;
const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;

/** The point at `distanceM` from (lon, lat) along azimuth `az`, on the ellipsoid. */
function along(lon: number, lat: number, az: number, distanceM: number): LonLat {
  const r = G.Direct(lat, lon, az, distanceM);
  return lonLat(wrap(r.lon2!), Math.max(-90, Math.min(90, r.lat2!)));
}

const centre = fc.oneof(
  fc.tuple(fc.double({ min: 35.5, max: 42, noNaN: true }), fc.double({ min: 32, max: 37.5, noNaN: true })),
  fc.tuple(fc.double({ min: 179.5, max: 180.5, noNaN: true }), fc.double({ min: -30, max: 30, noNaN: true })),
  // Up to and past the grid's 79 degree limit, so that both the grid and the general path are used.
  fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: 76, max: 82, noNaN: true })),
  fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -82, max: -76, noNaN: true })),
);
// Buffers up to and past the grid's 45 km limit; relative offsets straddling the buffer's edge.
const buffer = fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 30_000, max: 60_000 }));
const edge = fc.oneof(
  fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
  fc.double({ min: -2e-3, max: 2e-3, noNaN: true }),
  fc.double({ min: -0.5, max: 0.5, noNaN: true }),
);

const ids = (xs: readonly { id: string }[]) => xs.map((s) => s.id).sort();
const at = (s: ProtectedSite) => (s.geometry as { coordinates: LonLat }).coordinates;

describe('point checks through the point grid', () => {
  it('find every site whose geodesic distance is within its buffer and no other, at the edge of the buffer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ c: centre, buffer }), { minLength: 1, maxLength: 10 }),
        fc.nat(20),
        fc.double({ min: 0, max: 360, noNaN: true }),
        edge,
        fc.boolean(),
        fc.boolean(),
        (raw, pick, az, rel, exact, later) => {
          const sites: ProtectedSite[] = raw.map((s, i) => ({
            id: `s${i}`,
            geometry: { type: 'Point', coordinates: lonLat(wrap(s.c[0]), s.c[1]) },
            bufferM: s.buffer,
          }));
          // Half the sites go in after the build (the grid's short list), one is removed.
          const index = buildSiteIndex(later ? sites.slice(0, 1) : sites);
          if (later) for (const s of sites.slice(1)) index.add(s);
          const removed = sites.length > 2 ? sites[1]!.id : undefined;
          if (removed) index.remove(removed);
          const target = sites[pick % sites.length]!;
          const [lon, lat] = at(target);
          const q = along(lon, lat, az, Math.max(0, target.bufferM * (1 + rel)));
          const truth = sites.filter((s) => s.id !== removed && distanceMeters(q, at(s)) <= s.bufferM);
          const found: ProtectedSite[] = [];
          const n = forEachSiteNear(
            index,
            q,
            (site, d, margin) => {
              found.push(site);
              const e = distanceMeters(q, at(site));
              assert.ok(Math.abs(d - e) <= margin + 1e-6, `distance ${d} ± ${margin} vs geodesic ${e}`);
              if (exact) assert.equal(margin, 0);
            },
            { exact },
          );
          assert.equal(n, found.length);
          assert.deepEqual(ids(found), ids(truth));
          assert.deepEqual(ids(sitesNear(index, q, { exact }).map((m) => m.item)), ids(truth));
        },
      ),
      {
        numRuns: 300,
        // Once found: a lone built site with no buffer, queried where its latitude of 5e-324 reads 0.
        examples: [
          [
            [
              { c: [179.5, 5e-324], buffer: 0 },
              { c: [0, -76], buffer: 0 },
            ],
            0,
            0,
            0,
            false,
            true,
          ],
        ],
      },
    );
  });

  it('measure distances in the local frame within 1e-4 of the geodesic up to 50 km and 79.5 degrees', () => {
    const k = new Float64Array(5);
    fc.assert(
      fc.property(
        fc.double({ min: -79.5, max: 79.5, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 1, max: 50_000, noNaN: true }),
        (lat, az, d) => {
          const r = G.Direct(lat, 10, az, d);
          if (Math.abs(r.lat2!) > 80) return;
          degreeLengthSeries(lat, k);
          const dLat = r.lat2! - lat,
            h = dLat / 2;
          const f = Math.hypot(
            (r.lon2! - 10) * (k[0]! + h * (k[1]! + h * k[2]!)),
            dLat * (k[3]! + h * k[4]!),
          );
          assert.ok(Math.abs(f - d) <= 1e-4 * d, `frame ${f} vs geodesic ${d}`);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** A star-shaped ring of many vertices (so the polygon gets cells), optionally with a star hole. */
function spiky(c: [number, number], r: number, radii: readonly number[], hole: boolean): AreaGeometry {
  const ring = (scale: number, rs: readonly number[]) => {
    const pts = rs.map((f, i) => {
      const a = (2 * Math.PI * i) / rs.length;
      return lonLat(c[0] + scale * r * f * Math.cos(a), c[1] + scale * r * f * Math.sin(a));
    });
    return [...pts, pts[0]!];
  };
  const rings = hole ? [ring(1, radii), ring(0.3, radii.slice(0, 12)).reverse()] : [ring(1, radii)];
  const g = parseGeometry({ type: 'Polygon', coordinates: rings });
  if (!g.ok) throw new Error(JSON.stringify(g.error));
  return g.value as AreaGeometry;
}

describe('point in polygon through cells and rays', () => {
  it('counts a vertex at the very top of an area as inside (the top strip used to round it out)', () => {
    const radii = Array.from({ length: 45 }, (_, i) => (i === 37 ? 0.862 : 0.6));
    const poly = prepareShape(spiky([0, 0], 0.001, radii, false)).polygons[0]!;
    const shell = poly.rings[0]!;
    let top = 0;
    for (let i = 1; i < shell.length; i += 2) if (shell[i]! > shell[top + 1]!) top = i - 1;
    assert.equal(inPolygon(shell[top]!, shell[top + 1]!, poly), true);
  });

  it('agrees with the even-odd test over every edge, holes and vertices included', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: -170, max: 170, noNaN: true }),
          fc.double({ min: -80, max: 80, noNaN: true }),
        ),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.array(fc.double({ min: 0.6, max: 1, noNaN: true }), { minLength: 40, maxLength: 300 }),
        fc.boolean(),
        fc.array(
          fc.tuple(
            fc.double({ min: -1.1, max: 1.1, noNaN: true }),
            fc.double({ min: -1.1, max: 1.1, noNaN: true }),
          ),
          {
            minLength: 20,
            maxLength: 60,
          },
        ),
        (c, r, radii, hole, offsets) => {
          const g = spiky(c, r, radii, hole);
          const poly = prepareShape(g).polygons[0]!;
          const rings = poly.rings;
          const shell = rings[0]!;
          const queries: [number, number][] = offsets.map(([dx, dy]) => [c[0] + dx * r, c[1] + dy * r]);
          for (let i = 0; i < shell.length; i += 14) queries.push([shell[i]!, shell[i + 1]!]);
          for (const [x, y] of queries)
            assert.equal(inPolygon(x, y, poly), pointInPolygon(x, y, rings), `at ${x}, ${y}`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
