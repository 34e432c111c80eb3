/**
 * A route made ready for exact 4-D checks: its geodesic legs cut into pieces of at most
 * `MAX_PIECE_M`, each piece the straight chord (in earth-centred WGS 84 coordinates, on the
 * ellipsoid's surface) between two points of the geodesic, flown at constant speed.
 *
 * Why chords: the distance between two aircraft moving linearly in 3-D is a quadratic in time, so
 * loss of separation and closest approach come out in closed form, with no projection to choose
 * per pair, and nothing special at the antimeridian or the poles. Error bound: a chord runs at
 * most L^2 / (8 R) below its geodesic (7.9 m for L = 20 km, R >= 6,335 km), radially, so the
 * horizontal distance between two aircraft differs from the geodesic one by at most that much
 * when they are nearly on top of each other, and by a few centimetres once they are 1 km apart or
 * more (the offset is nearly at right angles to the separation, so it adds in quadrature). The chord distance between two surface points
 * is shorter than the geodesic by d^3 / (24 R^2): 1 mm at 10 km, on the safe side.
 */
import geodesic from 'geographiclib-geodesic';
import { JigError } from '../core/index.ts';
import { toEcef, WGS84_A_M, WGS84_F, wgs84Geodesic } from './geodesy.ts';
import {
  assertRouteShape,
  bandAt,
  MAX_SEGMENT_M,
  type AltitudeBand,
  type Route,
  type RouteWaypoint,
} from './route.ts';

/** The longest piece of a leg checked as one chord. */
export const MAX_PIECE_M = 20_000;

/**
 * Vertices of the pieces, interleaved in one array (one allocation per route): vertex i holds
 * time (epoch ms) at `v[i * STRIDE + T]`, earth-centred x, y, z (m) at `+ X`, `+ Y`, `+ Z`, and
 * its altitude band at `+ LO`, `+ HI`.
 */
export interface RoutePath {
  readonly route: Route;
  readonly v: Float64Array;
  /** Number of vertices. */
  readonly n: number;
  readonly start: number;
  readonly end: number;
}
export const STRIDE = 6;
/** Offsets of the fields of a vertex. */
export const T: number = 0;
export const X: number = 1;
export const Z: number = 3;
export const LO: number = 4;
export const HI: number = 5;
const Y: number = 2;

const LATLON = geodesic.Geodesic.LATITUDE | geodesic.Geodesic.LONGITUDE;
const LINE_CAPS = LATLON | geodesic.Geodesic.DISTANCE_IN;
/** Legs up to this chord length get their inner vertices from the great ellipse (see above). */
export const GREAT_ELLIPSE_MAX_M = 200_000;
const B2 = (WGS84_A_M * (1 - WGS84_F)) ** 2;
const A2 = WGS84_A_M ** 2;
/** Chord of the longest accepted leg: 2 R sin(s / 2R) with the smallest radius, on the safe side. */
const MIN_RADIUS_M = 6_335_439;
const MAX_CHORD_M = 2 * MIN_RADIUS_M * Math.sin(MAX_SEGMENT_M / (2 * MIN_RADIUS_M));

/** Scratch for the route being prepared, reused: only the final copy is allocated per route. */
let scratch = new Float64Array(STRIDE * 1024);
let count = 0;
function pushVertex(t: number, x: number, y: number, z: number, lo: number, hi: number): void {
  if ((count + 1) * STRIDE > scratch.length) {
    const bigger = new Float64Array(scratch.length * 2);
    bigger.set(scratch);
    scratch = bigger;
  }
  const o = count++ * STRIDE;
  scratch[o + T] = t;
  scratch[o + X] = x;
  scratch[o + Y] = y;
  scratch[o + Z] = z;
  scratch[o + LO] = lo;
  scratch[o + HI] = hi;
}

/** True when the typed route is well formed (cheap; the parser explains what is wrong otherwise). */
function wellFormed(route: Route): boolean {
  const ws = route.waypoints;
  if (typeof route.id !== 'string' || route.id === '' || ws.length < 2) return false;
  let prev = -Infinity;
  for (const w of ws) {
    const [lon, lat] = w.position;
    const band = w.altitude ?? route.altitude;
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90 && Number.isFinite(w.time) && w.time > prev))
      return false;
    if (!band || !(Number.isFinite(band.minM) && Number.isFinite(band.maxM) && band.minM <= band.maxM))
      return false;
    prev = w.time;
  }
  return true;
}

/** Adds the inner vertices of leg a-b, k pieces, at equal time steps. */
function innerVertices(
  a: RouteWaypoint,
  b: RouteWaypoint,
  ba: AltitudeBand,
  bb: AltitudeBand,
  k: number,
  chord: number,
) {
  const o = (count - 1) * STRIDE;
  const [ax, ay, az] = [scratch[o + X]!, scratch[o + Y]!, scratch[o + Z]!];
  const e = toEcef(b.position, 'wgs84');
  // Great ellipse: slerp of the geocentric directions, scaled back onto the ellipsoid.
  const [na, nb] = [Math.hypot(ax, ay, az), Math.hypot(e[0], e[1], e[2])];
  const cos = (ax * e[0] + ay * e[1] + az * e[2]) / (na * nb);
  const th = Math.acos(Math.min(1, cos));
  const line =
    chord > GREAT_ELLIPSE_MAX_M
      ? wgs84Geodesic.InverseLine(a.position[1], a.position[0], b.position[1], b.position[0], LINE_CAPS)
      : undefined;
  for (let j = 1; j < k; j++) {
    const f = j / k;
    let x: number, y: number, z: number;
    if (line) {
      const p = line.Position(line.s13 * f, LATLON);
      [x, y, z] = toEcef([p.lon2 ?? NaN, p.lat2 ?? NaN], 'wgs84');
    } else {
      const [w1, w2] = [Math.sin((1 - f) * th) / Math.sin(th) / na, Math.sin(f * th) / Math.sin(th) / nb];
      [x, y, z] = [w1 * ax + w2 * e[0], w1 * ay + w2 * e[1], w1 * az + w2 * e[2]];
      const s = 1 / Math.sqrt((x * x + y * y) / A2 + (z * z) / B2);
      [x, y, z] = [x * s, y * s, z * s];
    }
    const t = a.time + f * (b.time - a.time);
    pushVertex(t, x, y, z, ba.minM + f * (bb.minM - ba.minM), ba.maxM + f * (bb.maxM - ba.maxM));
  }
}

/**
 * Cuts a route into chord pieces. Throws INVALID_GEOMETRY (with JSON pointers under `pointer`)
 * when the route is malformed or has a near-antipodal leg.
 */
export function prepareRoute(route: Route, pointer = ''): RoutePath {
  if (!wellFormed(route)) assertRouteShape(route, pointer);
  const ws = route.waypoints;
  count = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const band = bandAt(route, i);
    const [x, y, z] = toEcef(w.position, 'wgs84');
    if (i > 0) {
      const o = (count - 1) * STRIDE;
      const chord = Math.hypot(x - scratch[o + X]!, y - scratch[o + Y]!, z - scratch[o + Z]!);
      if (!(chord <= MAX_CHORD_M))
        throw new JigError('INVALID_GEOMETRY', `route ${route.id} has a near-antipodal leg`, {
          issues: [
            { pointer: `${pointer}/waypoints/${i}/position`, reason: 'leg too long to be unambiguous' },
          ],
        });
      // Arc length from the chord on the smallest radius of curvature: never shorter than the geodesic.
      const arc = 2 * MIN_RADIUS_M * Math.asin(Math.min(1, chord / (2 * MIN_RADIUS_M)));
      const k = Math.ceil((arc * 1.0001) / MAX_PIECE_M);
      if (k > 1) innerVertices(ws[i - 1]!, w, bandAt(route, i - 1), band, k, chord);
    }
    pushVertex(w.time, x, y, z, band.minM, band.maxM);
  }
  return {
    route,
    v: scratch.slice(0, count * STRIDE),
    n: count,
    start: ws[0]!.time,
    end: ws[ws.length - 1]!.time,
  };
}

/** The index of the piece flown at `time` (the last vertex at or before it, never the final one). */
export function pieceAt(path: RoutePath, time: number): number {
  const v = path.v;
  let lo = 0;
  let hi = path.n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (v[mid * STRIDE]! <= time) lo = mid;
    else hi = mid;
  }
  return lo;
}
