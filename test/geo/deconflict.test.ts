/**
 * 4-D route deconfliction: the space-time index against the all-pairs exact check on random
 * routes (fast-check), in mid-latitudes, across the antimeridian, around a pole and on the
 * equator, with random index parameters; and hand-made encounters whose answer is known.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { deconflictAllPairs, deconflictPaths, deconflictRoutes } from '../../src/geo/deconflict.ts';
import { destination, FT_M, NMI_M, type LonLat } from '../../src/geo/geodesy.ts';
import { prepareRoute } from '../../src/geo/route-path.ts';
import type { Route, RouteWaypoint } from '../../src/geo/route.ts';

const T0 = Date.UTC(2016, 6, 31, 12);

const REGIONS: Record<string, LonLat> = {
  'mid-latitudes': [38.5, 35],
  'the antimeridian': [180, 10],
  'the north pole': [0, 89.7],
  'the south pole': [123, -89.8],
  'the equator': [0, 0],
};

const band = fc.record({ minM: fc.integer({ min: 0, max: 2000 }), width: fc.integer({ min: 0, max: 600 }) });
const leg = fc.record({
  bearing: fc.double({ min: 0, max: 360, noNaN: true }),
  lengthM: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 80_000, noNaN: true })),
  speed: fc.double({ min: 50, max: 300, noNaN: true }),
  hoverS: fc.integer({ min: 30, max: 600 }),
  band,
});
const routeSpec = fc.record({
  bearing: fc.double({ min: 0, max: 360, noNaN: true }),
  offsetM: fc.double({ min: 0, max: 50_000, noNaN: true }),
  startS: fc.integer({ min: 0, max: 3600 }),
  perWaypoint: fc.boolean(),
  band,
  legs: fc.array(leg, { minLength: 1, maxLength: 4 }),
});

type Spec = typeof routeSpec extends fc.Arbitrary<infer S> ? S : never;

function buildRoute(centre: LonLat, spec: Spec, id: string): Route {
  let p = destination(centre, spec.bearing, spec.offsetM, 'wgs84');
  let t = T0 + spec.startS * 1000;
  const toBand = (b: { minM: number; width: number }) => ({ minM: b.minM, maxM: b.minM + b.width });
  const waypoints: RouteWaypoint[] = [
    { position: p, time: t, ...(spec.perWaypoint ? { altitude: toBand(spec.band) } : {}) },
  ];
  for (const l of spec.legs) {
    p = l.lengthM === 0 ? p : destination(p, l.bearing, l.lengthM, 'wgs84');
    t += l.lengthM === 0 ? l.hoverS * 1000 : Math.max(1000, (l.lengthM / l.speed) * 1000);
    waypoints.push({ position: p, time: t, ...(spec.perWaypoint ? { altitude: toBand(l.band) } : {}) });
  }
  return { id, waypoints, ...(spec.perWaypoint ? {} : { altitude: toBand(spec.band) }) };
}

const scenario = (centre: LonLat) =>
  fc.record({
    routes: fc
      .array(routeSpec, { minLength: 2, maxLength: 16 })
      .map((ss) => ss.map((s, i) => buildRoute(centre, s, `r${i}`))),
    minima: fc.record({
      lateralM: fc.constantFrom(1852, 5 * NMI_M, 20_000),
      verticalM: fc.constantFrom(150, 1000 * FT_M, 1000),
    }),
    options: fc.record({
      sliceMs: fc.constantFrom(5_000, 60_000, 180_000, 900_000),
      cellM: fc.constantFrom(500, 5_000, 40_000, 300_000),
    }),
  });

describe('the space-time index against all pairs checked exactly', () => {
  for (const [name, centre] of Object.entries(REGIONS)) {
    it(`finds exactly the brute-force conflicts, intervals and closest approaches near ${name}`, () => {
      let conflicts = 0;
      fc.assert(
        fc.property(scenario(centre), ({ routes, minima, options }) => {
          const paths = routes.map((r) => prepareRoute(r));
          const brute = deconflictAllPairs(paths, minima);
          assert.deepStrictEqual(deconflictPaths(paths, minima, options), brute);
          conflicts += brute.length;
        }),
        { numRuns: 100, seed: 20160731 },
      );
      assert.ok(conflicts > 20, `the generator should produce conflicts (got ${conflicts})`);
    });
  }
});

/** A route from a to b between two times, at one band. */
function straight(
  id: string,
  a: LonLat,
  b: LonLat,
  t0s: number,
  t1s: number,
  minM = 3000,
  maxM = 3300,
): Route {
  return {
    id,
    altitude: { minM, maxM },
    waypoints: [
      { position: a, time: T0 + t0s * 1000 },
      { position: b, time: T0 + t1s * 1000 },
    ],
  };
}

const FIVE_NMI = { lateralM: 5 * NMI_M, verticalM: 1000 * FT_M };

describe('known encounters', () => {
  it('finds a head-on meeting on the equator at the midpoint, with the loss interval around it', () => {
    const [c] = deconflictRoutes(
      [straight('a', [0, 0], [1, 0], 0, 1000), straight('b', [1, 0], [0, 0], 0, 1000)],
      FIVE_NMI,
    );
    assert.ok(c);
    assert.equal(c.a, 'a');
    assert.ok(Math.abs(c.closest.time - (T0 + 500_000)) < 1);
    assert.ok(c.closest.horizontalM < 1);
    assert.ok(Math.abs(c.closest.a[0] - 0.5) < 1e-6 && Math.abs(c.closest.a[1]) < 1e-6);
    // Closing at 2 * 111,319.5 m per 1,000 s: 5 nmi is crossed 41.6 s before and after.
    const half = (5 * NMI_M) / ((2 * 111_319.49) / 1000);
    assert.equal(c.intervals.length, 1);
    assert.ok(Math.abs(c.intervals[0]!.start - (T0 + (500 - half) * 1000)) < 50);
    assert.ok(Math.abs(c.intervals[0]!.end - (T0 + (500 + half) * 1000)) < 50);
  });

  it('separates the same meeting by altitude bands 1,000 ft apart or more, not less', () => {
    const a = straight('a', [0, 0], [1, 0], 0, 1000, 3000, 3300);
    const far = straight('b', [1, 0], [0, 0], 0, 1000, 3300 + 1000 * FT_M, 4000);
    const near = straight('b', [1, 0], [0, 0], 0, 1000, 3300 + 900 * FT_M, 4000);
    assert.equal(deconflictRoutes([a, far], FIVE_NMI).length, 0);
    const [c] = deconflictRoutes([a, near], FIVE_NMI);
    assert.ok(c && Math.abs(c.closest.verticalM - 900 * FT_M) < 1e-6);
  });

  it('follows a band that changes per waypoint (a climb through the other level)', () => {
    const climb: Route = {
      id: 'climb',
      waypoints: [
        { position: [0, 0], time: T0, altitude: { minM: 0, maxM: 100 } },
        { position: [1, 0], time: T0 + 1_000_000, altitude: { minM: 6000, maxM: 6100 } },
      ],
    };
    const level = straight('level', [1, 0], [0, 0], 0, 1000, 3000, 3100);
    const [c] = deconflictRoutes([climb, level], FIVE_NMI);
    assert.ok(c && Math.abs(c.closest.time - (T0 + 500_000)) < 1_000);
  });

  it('ignores routes that share the place but not the time', () => {
    const routes = [straight('a', [0, 0], [1, 0], 0, 1000), straight('b', [1, 0], [0, 0], 2000, 3000)];
    assert.deepEqual(deconflictRoutes(routes, FIVE_NMI), []);
  });

  it('finds a crossing on the antimeridian', () => {
    const routes = [
      straight('east', [179.5, 10], [-179.5, 10], 0, 1000),
      straight('north', [180, 9.5], [180, 10.5], 0, 1000),
    ];
    const [c] = deconflictRoutes(routes, FIVE_NMI);
    assert.ok(c, 'conflict across the antimeridian');
    assert.ok(Math.abs(Math.abs(c.closest.a[0]) - 180) < 0.01 && Math.abs(c.closest.a[1] - 10) < 0.01);
    assert.ok(Math.abs(c.closest.time - (T0 + 500_000)) < 5_000);
  });

  it('finds two flights crossing over the north pole', () => {
    const routes = [
      straight('a', [0, 89.5], [180, 89.5], 0, 1000),
      straight('b', [90, 89.5], [-90, 89.5], 0, 1000),
    ];
    const [c] = deconflictRoutes(routes, FIVE_NMI);
    assert.ok(c, 'conflict at the pole');
    assert.ok(c.closest.a[1] > 89.99 && c.closest.horizontalM < 1);
  });

  it('refuses an invalid route with the pointer of the fault', () => {
    const bad: Route = {
      id: 'bad',
      waypoints: [
        { position: [0, 0], time: T0 },
        { position: [1, 0], time: T0 },
      ],
    };
    assert.throws(
      () => deconflictRoutes([straight('a', [0, 0], [1, 0], 0, 1000), bad], FIVE_NMI),
      (e: unknown) =>
        (e as { code: string; issues: { pointer: string }[] }).code === 'INVALID_GEOMETRY' &&
        (e as { issues: { pointer: string }[] }).issues.some((i) => i.pointer === '/1/waypoints/1/time'),
    );
  });

  it('refuses a near-antipodal leg rather than guess its path', () => {
    assert.throws(
      () =>
        deconflictRoutes(
          [straight('a', [0, 0], [179.9, 0.1], 0, 40_000), straight('b', [0, 1], [1, 1], 0, 10)],
          FIVE_NMI,
        ),
      /near-antipodal/,
    );
  });
});
