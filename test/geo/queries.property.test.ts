// Every indexed query against a brute-force answer over every feature (exact point-in-polygon,
// geodesic distance to each feature): the index must return exactly the same set, so in
// particular never miss a real conflict, in Syria, across the antimeridian and near the poles.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  areasAt,
  buildAreaIndex,
  buildMovementIndex,
  buildSiteIndex,
  geometryDistance,
  movementsNear,
  pointInGeometry,
  sitesNear,
  type DesignatedArea,
  type Geometry,
  type LonLat,
  type Movement,
  type ProtectedSite,
} from '../../src/geo/index.ts';
import { centre, near, polygonArb, type Region } from './support.ts';

const RUNS = 25;
const ids = (ms: readonly { item: { id: string } }[]) => ms.map((m) => m.item.id).sort();
const pt = (p: LonLat): Geometry => ({ type: 'Point', coordinates: p });
const offsets = fc.tuple(
  fc.double({ min: -0.15, max: 0.15, noNaN: true }),
  fc.double({ min: -0.15, max: 0.15, noNaN: true }),
);

function scenario(region: Region) {
  return fc.record({
    areas: fc.array(fc.record({ g: polygonArb(region), alt: fc.option(fc.integer({ min: 0, max: 5000 })) }), {
      minLength: 1,
      maxLength: 8,
    }),
    sites: fc.array(
      fc.record({
        c: centre(region),
        poly: fc.option(polygonArb(region)),
        buffer: fc.integer({ min: 1, max: 8000 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    queries: fc.array(fc.tuple(fc.nat(20), offsets, fc.integer({ min: 0, max: 6000 })), {
      minLength: 1,
      maxLength: 8,
    }),
  });
}

for (const region of ['syria', 'antimeridian', 'polar'] as const) {
  describe(`indexed queries ${region === 'syria' ? 'in northern Syria' : region === 'polar' ? 'near the poles' : 'across the antimeridian'}`, () => {
    it('find exactly the areas a brute-force point-in-polygon finds, with altitude bands', () => {
      fc.assert(
        fc.property(scenario(region), ({ areas, queries }) => {
          const list: DesignatedArea[] = areas.map((a, i) => ({
            id: `a${i}`,
            geometry: a.g,
            ...(a.alt === null ? {} : { altitude: { minM: a.alt, maxM: a.alt + 1000 } }),
          }));
          const index = buildAreaIndex(list);
          for (const [k, [dx, dy], alt] of queries) {
            const ring = list[k % list.length]!.geometry.coordinates[0] as readonly LonLat[];
            const c = ring[0]!;
            const p = near([c[0], c[1]], dx * 0.2, dy * 0.2);
            const brute = list.filter(
              (a) =>
                pointInGeometry(p, a.geometry) &&
                (!a.altitude || (alt >= a.altitude.minM && alt <= a.altitude.maxM)),
            );
            assert.deepEqual(
              ids(areasAt(index, p, { altitudeM: alt })),
              ids(brute.map((item) => ({ item }))),
            );
          }
        }),
        { numRuns: RUNS },
      );
    });

    it('find exactly the sites whose buffer holds the point, by geodesic distance to every site', () => {
      fc.assert(
        fc.property(scenario(region), fc.boolean(), ({ sites, queries }, exact) => {
          const list: ProtectedSite[] = sites.map((s, i) => ({
            id: `s${i}`,
            geometry: s.poly ?? pt(near(s.c, 0, 0)),
            bufferM: s.buffer,
          }));
          const index = buildSiteIndex(list);
          for (const [k, [dx, dy]] of queries) {
            const s = sites[k % sites.length]!;
            const p = near(s.c, dx * 0.3, dy * 0.3);
            const brute = list.filter(
              (site) => geometryDistance(pt(p), site.geometry).distanceM <= site.bufferM,
            );
            const got = sitesNear(index, p, { exact });
            assert.deepEqual(ids(got), ids(brute.map((item) => ({ item }))));
            for (const m of got) {
              const d = geometryDistance(pt(p), m.item.geometry).distanceM;
              assert.ok(
                Math.abs(m.distanceM - d) <= m.marginM + 1e-3,
                `distance ${m.distanceM} ± ${m.marginM} vs ${d}`,
              );
            }
          }
        }),
        { numRuns: RUNS },
      );
    });

    it('find exactly the corridors a polygon meets, and keep that after adds and removals', () => {
      fc.assert(
        fc.property(scenario(region), polygonArb(region), ({ sites }, query) => {
          const list: Movement[] = sites.map((s, i) => ({
            id: `m${i}`,
            route: {
              type: 'LineString',
              coordinates: [near(s.c, 0, 0), near(s.c, 0.05, 0.03), near(s.c, 0.1, -0.02)],
            },
            corridorWidthM: 2 * s.buffer,
            window: { start: i * 1000, end: i * 1000 + 5000 },
          }));
          const index = buildMovementIndex(list.slice(0, 2));
          for (const m of list.slice(2)) index.add(m);
          index.remove('m1');
          const live = list.filter((m) => m.id !== 'm1');
          const window = { start: 2500, end: 4000 };
          const brute = live.filter(
            (m) =>
              window.start < m.window.end &&
              m.window.start < window.end &&
              geometryDistance(query, m.route).distanceM <= m.corridorWidthM / 2,
          );
          assert.deepEqual(ids(movementsNear(index, query, window)), ids(brute.map((item) => ({ item }))));
        }),
        { numRuns: RUNS },
      );
    });
  });
}
