/**
 * The exact pair check (chords in earth-centred coordinates) against the routes as flown: each
 * aircraft on its WGS 84 geodesic legs (geographiclib), stepped every second, distances as
 * geodesic distances. They must agree everywhere except within a few metres of the minimum, the
 * error bound stated in route-path.ts.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { destination, NMI_M, surfaceDistanceM, toEcef, type LonLat } from '../../src/geo/geodesy.ts';
import { conflictBetween } from '../../src/geo/route-conflict.ts';
import { prepareRoute, STRIDE, T, X } from '../../src/geo/route-path.ts';
import { positionAt, type Route } from '../../src/geo/route.ts';

const T0 = Date.UTC(2016, 6, 31, 12);
const MINIMA = { lateralM: 5 * NMI_M, verticalM: 300 };
/** Distances this close to the minimum may fall either way (the bound is 7.9 m). */
const SLACK_M = 10;

const legs = fc.array(
  fc.record({
    bearing: fc.double({ min: 0, max: 360, noNaN: true }),
    lengthM: fc.double({ min: 5_000, max: 150_000, noNaN: true }),
    speed: fc.double({ min: 80, max: 260, noNaN: true }),
  }),
  { minLength: 1, maxLength: 3 },
);

function route(
  id: string,
  start: LonLat,
  startS: number,
  ls: { bearing: number; lengthM: number; speed: number }[],
): Route {
  let p = start;
  let t = T0 + startS * 1000;
  const waypoints = [{ position: p, time: t }];
  for (const l of ls) {
    p = destination(p, l.bearing, l.lengthM, 'wgs84');
    t += (l.lengthM / l.speed) * 1000;
    waypoints.push({ position: p, time: t });
  }
  return { id, waypoints, altitude: { minM: 3000, maxM: 3200 } };
}

function inside(intervals: readonly { start: number; end: number }[], t: number): boolean {
  return intervals.some((i) => t > i.start && t < i.end);
}

describe('the exact pair check against geodesic flight stepped every second', () => {
  for (const [name, centre] of [
    ['mid-latitudes', [38.5, 35]],
    ['high latitudes across the antimeridian', [180, 80]],
  ] as const) {
    it(`agrees except within ${SLACK_M} m of the lateral minimum, in ${name}`, () => {
      let checked = 0;
      let conflicts = 0;
      fc.assert(
        fc.property(
          legs,
          fc.array(
            fc.tuple(
              fc.double({ min: 0, max: 360, noNaN: true }),
              fc.double({ min: 0, max: 14_000, noNaN: true }),
            ),
            { minLength: 4, maxLength: 4 },
          ),
          (la, offsets) => {
            // B flies A's waypoints backwards, each moved a little: they meet somewhere near the minimum.
            const a = route('a', centre, 0, la);
            const ws = a.waypoints;
            const b: Route = {
              id: 'b',
              altitude: { minM: 3000, maxM: 3200 },
              waypoints: ws.map((w, i) => {
                const [bearing, dist] = offsets[i]!;
                return {
                  position: destination(ws[ws.length - 1 - i]!.position, bearing, dist, 'wgs84'),
                  time: w.time,
                };
              }),
            };
            const c = conflictBetween(prepareRoute(a), prepareRoute(b), MINIMA);
            const end = Math.min(a.waypoints.at(-1)!.time, b.waypoints.at(-1)!.time);
            for (let t = T0; t <= end; t += 1000) {
              const [pa, pb] = [positionAt(a, t)!, positionAt(b, t)!];
              const d = surfaceDistanceM(pa.position, pb.position, 'wgs84');
              const exact = c !== undefined && inside(c.intervals, t);
              if (d < MINIMA.lateralM - SLACK_M)
                assert.ok(
                  exact ||
                    (c && c.intervals.some((i) => Math.abs(i.start - t) < 1 || Math.abs(i.end - t) < 1)),
                  `missed at ${t - T0} ms, ${d} m`,
                );
              if (d > MINIMA.lateralM + SLACK_M) assert.ok(!exact, `false alarm at ${t - T0} ms, ${d} m`);
              checked++;
            }
            if (c) {
              conflicts++;
              const [pa, pb] = [positionAt(a, c.closest.time)!, positionAt(b, c.closest.time)!];
              assert.ok(
                Math.abs(surfaceDistanceM(pa.position, pb.position, 'wgs84') - c.closest.horizontalM) <
                  SLACK_M,
                `closest ${c.closest.horizontalM} m vs ${surfaceDistanceM(pa.position, pb.position, 'wgs84')} m`,
              );
            }
          },
        ),
        { numRuns: 25, seed: 7 },
      );
      assert.ok(checked > 1000 && conflicts >= 3, `${checked} steps, ${conflicts} conflicts`);
    });
  }
});

describe('inner vertices of legs up to 200 km', () => {
  it('lie within 3 m of the WGS 84 geodesic, at any latitude', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 20_001, max: 199_000, noNaN: true }),
        (lon, lat, bearing, lengthM) => {
          const a: LonLat = [lon, lat];
          const b = destination(a, bearing, lengthM, 'wgs84');
          const r: Route = {
            id: 'leg',
            altitude: { minM: 0, maxM: 0 },
            waypoints: [
              { position: a, time: T0 },
              { position: b, time: T0 + 1_000_000 },
            ],
          };
          const path = prepareRoute(r);
          assert.ok(path.n > 2);
          for (let i = 1; i < path.n - 1; i++) {
            const o = i * STRIDE;
            const truth = toEcef(positionAt(r, path.v[o + T]!)!.position, 'wgs84');
            const d = Math.hypot(
              truth[0] - path.v[o + X]!,
              truth[1] - path.v[o + X + 1]!,
              truth[2] - path.v[o + X + 2]!,
            );
            assert.ok(d < 3, `${d} m off at vertex ${i}`);
          }
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
