/**
 * Distances on the WGS 84 ellipsoid. Exact figures come from geographiclib (Karney's geodesics,
 * accurate to 15 nm); the hot path of the indexes uses a flat-earth formula with the ellipsoid's
 * radii of curvature at the mid-latitude, only where its error is known to be small, and every
 * decision it makes is held to a stated margin (APPROX_*): anything closer to the limit than the
 * margin is settled with the exact geodesic. See docs/geo.md.
 */
import geodesic from 'geographiclib-geodesic';
import { meters, type Meters } from '../core/index.ts';
import type { LonLat } from './types.ts';

const G = geodesic.Geodesic.WGS84;
const DISTANCE = geodesic.Geodesic.DISTANCE;
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

/** The fast formula is used only for |lat| <= this ... */
export const APPROX_MAX_LAT = 80;
/** ... and distances up to this; measured error there is below 1e-4 of the distance. */
export const APPROX_MAX_M = 50_000;
/** Stated margin of the fast formula: relative part (ten times the worst error measured) ... */
export const APPROX_REL_MARGIN = 1e-3;
/** ... plus this absolute part, in metres. */
export const APPROX_ABS_MARGIN = 0.05;

/** Geodesic distance in metres between two positions ([lon, lat]), on the WGS 84 ellipsoid. */
export function distanceMeters(a: LonLat | readonly number[], b: LonLat | readonly number[]): Meters {
  return meters(geodesicM(a[0], a[1], b[0], b[1]));
}

export function geodesicM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return G.Inverse(lat1, lon1, lat2, lon2, DISTANCE).s12 ?? NaN;
}

/**
 * Flat-earth distance with the ellipsoid's meridional and transverse radii at the mid-latitude.
 * Meaningful only inside APPROX_MAX_LAT / APPROX_MAX_M: callers check `approxValid`.
 */
export function approxM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const pm = (lat1 + lat2) * 0.5 * RAD;
  const s = Math.sin(pm);
  const w = 1 - E2 * s * s;
  const sw = Math.sqrt(w);
  let dl = lon2 - lon1;
  if (dl > 180) dl -= 360;
  else if (dl < -180) dl += 360;
  const dx = ((dl * RAD * A) / sw) * Math.cos(pm);
  const dy = ((lat2 - lat1) * RAD * A * (1 - E2)) / (w * sw);
  return Math.sqrt(dx * dx + dy * dy);
}

/** Metres per degree of latitude at `lat`: the ellipsoid's meridional radius M(φ), in degrees. */
export function meridianDegM(lat: number): number {
  const s = Math.sin(lat * RAD);
  const w = 1 - E2 * s * s;
  return (RAD * A * (1 - E2)) / (w * Math.sqrt(w));
}

/** Metres per degree of longitude along the parallel at `lat`: N(φ)·cos φ, in degrees. */
export function parallelDegM(lat: number): number {
  const s = Math.sin(lat * RAD);
  return (RAD * A * Math.cos(lat * RAD)) / Math.sqrt(1 - E2 * s * s);
}

/**
 * Lengths of a degree near latitude `lat`, as Taylor series in the offset h (degrees) from it:
 * a degree of longitude at lat + h is out[0] + h·(out[1] + h·out[2]) metres, a degree of latitude
 * out[3] + h·out[4]. Exact derivatives on the ellipsoid (dp/dφ = -M·sin φ for the parallel radius
 * p = N·cos φ; dM/dφ = 3e²·M·sin φ·cos φ / (1 - e²sin²φ)); the terms left out are below 3e-7 of
 * the length for |h| <= 0.25° and |lat| <= 80°.
 */
export function degreeLengthSeries(lat: number, out: Float64Array): void {
  const s = Math.sin(lat * RAD),
    c = Math.cos(lat * RAD);
  const w = 1 - E2 * s * s;
  const m = (A * (1 - E2)) / (w * Math.sqrt(w));
  const p = (A * c) / Math.sqrt(w);
  const dm = (3 * E2 * m * s * c) / w;
  out[0] = RAD * p;
  out[1] = RAD * RAD * -m * s;
  out[2] = 0.5 * RAD * RAD * RAD * (-dm * s - m * c);
  out[3] = RAD * m;
  out[4] = RAD * RAD * dm;
}

export function approxValid(lat1: number, lat2: number, d: number): boolean {
  return d <= APPROX_MAX_M && Math.abs(lat1) <= APPROX_MAX_LAT && Math.abs(lat2) <= APPROX_MAX_LAT;
}

export function approxMargin(d: number): number {
  return d * APPROX_REL_MARGIN + APPROX_ABS_MARGIN;
}

/** Longitude brought into [-180, 180]. */
export function wrapLon(x: number): number {
  return x >= -180 && x <= 180 ? x : ((((x + 180) % 360) + 360) % 360) - 180;
}

/** Parameter t in [0, 1] of the point of segment AB nearest P in a local plane around P. */
function nearestT(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const k = Math.cos(py * RAD);
  const ux = (bx - ax) * k,
    uy = by - ay;
  const len2 = ux * ux + uy * uy;
  if (len2 === 0) return 0;
  const t = ((px - ax) * k * ux + (py - ay) * uy) / len2;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/**
 * Fast distance from P to segment AB (longitudes unwrapped to P's frame). The nearest parameter is
 * found in a local plane; the distance to that point of the segment uses `approxM`. Callers hold
 * it to `approxMargin` and settle close calls with `segmentM`.
 */
export function approxSegmentM(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const t = nearestT(px, py, ax, ay, bx, by);
  return approxM(px, py, ax + t * (bx - ax), ay + t * (by - ay));
}

const PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Exact distance (metres, WGS 84) from P to the segment AB, where the segment is the straight
 * line in longitude/latitude that RFC 7946 means. geographiclib measures from P to a point of the
 * segment; the nearest point is found by a coarse scan then golden-section search on the segment's
 * parameter (the distance along a segment has one minimum for the segment lengths jig meets).
 */
export function segmentM(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const f = (t: number) => geodesicM(px, py, ax + t * (bx - ax), ay + t * (by - ay));
  const STEPS = 8;
  let best = 0,
    bestD = f(0);
  for (let i = 1; i <= STEPS; i++) {
    const d = f(i / STEPS);
    if (d < bestD) [best, bestD] = [i / STEPS, d];
  }
  let lo = Math.max(0, best - 1 / STEPS),
    hi = Math.min(1, best + 1 / STEPS);
  let x1 = hi - PHI * (hi - lo),
    x2 = lo + PHI * (hi - lo);
  let f1 = f(x1),
    f2 = f(x2);
  // Near the minimum the distance is flat, so 1e-7 of the segment is far below a millimetre.
  while (hi - lo > 1e-7) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - PHI * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + PHI * (hi - lo);
      f2 = f(x2);
    }
  }
  return Math.min(bestD, f1, f2);
}

/** Length of one degree, lower bounds used to widen boxes conservatively. */
const M_PER_DEG_LAT_MIN = 110_574; // meridian degree at the equator, the shortest on WGS 84
const M_PER_DEG_LON_EQ = (Math.PI / 180) * A; // a parallel degree is at least this times cos(lat)

/**
 * Widens a box [minX, minY, maxX, maxY] so that it holds every point within `reachM` metres of it
 * on the ellipsoid (with a 1% safety factor). A geodesic of length r moves at most r/110574
 * degrees of latitude, and along it each degree of longitude costs at least 111319·cos(lat) m
 * at the highest latitude it reaches; a box that reaches a pole takes every longitude.
 */
export function expandBox(box: readonly number[], reachM: number): [number, number, number, number] {
  const [minX, minY, maxX, maxY] = box as [number, number, number, number];
  if (reachM <= 0) return [minX, minY, maxX, maxY];
  const r = reachM * 1.01;
  const dLat = r / M_PER_DEG_LAT_MIN;
  const lo = minY - dLat,
    hi = maxY + dLat;
  const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
  const cos = Math.cos(Math.min(90, maxAbs) * RAD);
  const dLon = maxAbs >= 90 ? 360 : r / (M_PER_DEG_LON_EQ * cos);
  if (dLon >= 180) return [-180, Math.max(-90, lo), 180, Math.min(90, hi)];
  return [minX - dLon, Math.max(-90, lo), maxX + dLon, Math.min(90, hi)];
}
