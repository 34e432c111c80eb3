/**
 * The geometric predicates of the airspace rules, in one file so that switching them to `src/geo`
 * (its indexes, closest point of approach and 4-D deconfliction) is one edit.
 *
 * Everything works in a local tangent plane: positions are projected to metres east/north of a
 * reference latitude with the WGS84 ellipsoid's radii of curvature there. Over the distances that
 * matter here (separation minima, corridors, look-ahead of a few minutes) the scale error is well
 * under 1%; every predicate errs on the side of raising an alert: separation thresholds are widened
 * by `MARGIN`, exemption corridors narrowed by it.
 */
const A = 6378137;
const E2 = 0.00669437999014;
const RAD = Math.PI / 180;
/** Covers the local projection's scale error (< 1% within ±1.5° of the reference latitude). */
export const MARGIN = 1.02;

export type LonLat = readonly [number, number];
export type Ring = readonly (readonly [number, number, ...number[]])[];
export interface Polygon {
  readonly type: 'Polygon';
  readonly coordinates: readonly Ring[];
}
export interface BBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Metres per degree of longitude and latitude at a latitude. */
export function metresPerDegree(lat: number): { readonly x: number; readonly y: number } {
  const phi = lat * RAD;
  const w = 1 - E2 * Math.sin(phi) ** 2;
  return { x: (A / Math.sqrt(w)) * Math.cos(phi) * RAD, y: ((A * (1 - E2)) / w ** 1.5) * RAD };
}

export function bboxOf(p: Polygon): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const q of p.coordinates[0] ?? []) {
    minX = Math.min(minX, q[0]);
    maxX = Math.max(maxX, q[0]);
    minY = Math.min(minY, q[1]);
    maxY = Math.max(maxY, q[1]);
  }
  return { minX, minY, maxX, maxY };
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/**
 * Point in polygon (outer ring minus holes) by ray casting. Written here rather than with turf
 * because it runs on every position report and turf's version allocates per call.
 */
export function inPolygon(lon: number, lat: number, p: Polygon): boolean {
  const [outer, ...holes] = p.coordinates;
  if (!outer || !inRing(lon, lat, outer)) return false;
  return !holes.some((h) => inRing(lon, lat, h));
}

/** Distance from a point to a polyline, metres (local plane around the point). */
export function distanceToLineM(lon: number, lat: number, line: readonly LonLat[]): number {
  const m = metresPerDegree(lat);
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const ax = (a[0] - lon) * m.x;
    const ay = (a[1] - lat) * m.y;
    const dx = (b[0] - a[0]) * m.x;
    const dy = (b[1] - a[1]) * m.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  if (line.length === 1) best = Math.hypot((line[0]![0] - lon) * m.x, (line[0]![1] - lat) * m.y);
  return best;
}

/** Whether a point lies inside a corridor of half-width `halfWidthM`, narrowed by `MARGIN`. */
export function inCorridor(lon: number, lat: number, line: readonly LonLat[], halfWidthM: number): boolean {
  return distanceToLineM(lon, lat, line) * MARGIN <= halfWidthM;
}

/** Relative motion of B seen from A: position (m) and velocity (m/s) in the local plane. */
export interface Relative {
  readonly x: number;
  readonly y: number;
  readonly vx: number;
  readonly vy: number;
  readonly z: number;
  readonly vz: number;
}

export interface Encounter {
  /** Seconds from now to the first moment inside both minima; null when none within the horizon. */
  readonly lossInS: number | null;
  /** Seconds from now to the closest horizontal approach (0 when they are already opening). */
  readonly cpaInS: number;
  readonly cpaDistanceM: number;
  readonly cpaVerticalM: number;
}

/** Times in [lo, hi] where `a t^2 + b t + c <= 0`, or null. */
function quadraticBelow(a: number, b: number, c: number, lo: number, hi: number): [number, number] | null {
  if (a < 1e-12) {
    if (Math.abs(b) < 1e-12) return c <= 0 ? [lo, hi] : null;
    const root = -c / b;
    const r: [number, number] = b > 0 ? [lo, Math.min(hi, root)] : [Math.max(lo, root), hi];
    return r[0] <= r[1] ? r : null;
  }
  const disc = b * b - 4 * a * c;
  if (disc < 0) return null;
  const s = Math.sqrt(disc);
  const from = Math.max(lo, (-b - s) / (2 * a));
  const to = Math.min(hi, (-b + s) / (2 * a));
  return from <= to ? [from, to] : null;
}

/**
 * Closest point of approach and time to loss of separation for two aircraft on straight,
 * constant-speed courses over the next `horizonS` seconds. Loss means horizontally within
 * `lateralM` and vertically within `verticalM` at the same moment (both widened by `MARGIN`).
 */
export function encounter(r: Relative, lateralM: number, verticalM: number, horizonS: number): Encounter {
  const v2 = r.vx * r.vx + r.vy * r.vy;
  const tc = v2 < 1e-9 ? 0 : Math.max(0, -(r.x * r.vx + r.y * r.vy) / v2);
  const cpaDistanceM = Math.hypot(r.x + r.vx * tc, r.y + r.vy * tc);
  const cpaVerticalM = Math.abs(r.z + r.vz * tc);
  const L = lateralM * MARGIN;
  const horizontal = quadraticBelow(
    v2,
    2 * (r.x * r.vx + r.y * r.vy),
    r.x * r.x + r.y * r.y - L * L,
    0,
    horizonS,
  );
  if (!horizontal) return { lossInS: null, cpaInS: tc, cpaDistanceM, cpaVerticalM };
  const V = verticalM * MARGIN;
  // |z + vz t| <= V  <=>  (vz t + z)^2 - V^2 <= 0
  const vertical = quadraticBelow(
    r.vz * r.vz,
    2 * r.z * r.vz,
    r.z * r.z - V * V,
    horizontal[0],
    horizontal[1],
  );
  return { lossInS: vertical ? vertical[0] : null, cpaInS: tc, cpaDistanceM, cpaVerticalM };
}

/** A 4-D route: waypoints with times (epoch ms) and a constant altitude band. */
export interface Route4D {
  readonly points: readonly { readonly position: LonLat; readonly at: number }[];
  readonly band: { readonly minM: number; readonly maxM: number };
}

/** Where a route is at `t` (linear between waypoints), or null outside its window. */
function positionAt(r: Route4D, t: number): LonLat | null {
  const pts = r.points;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (t >= a.at && t <= b.at) {
      const f = b.at === a.at ? 0 : (t - a.at) / (b.at - a.at);
      return [
        a.position[0] + f * (b.position[0] - a.position[0]),
        a.position[1] + f * (b.position[1] - a.position[1]),
      ];
    }
  }
  return null;
}

export interface RouteConflict {
  /** When the two come closest, epoch ms. */
  readonly at: number;
  readonly distanceM: number;
  readonly verticalGapM: number;
}

/**
 * 4-D deconfliction of two planned routes: over the overlap of their windows, cut at every
 * waypoint of either so that both move linearly on each piece, the closest approach of each piece;
 * a conflict when it falls inside the lateral minimum while the altitude bands are within the
 * vertical one.
 */
export function routeConflict(
  a: Route4D,
  b: Route4D,
  lateralM: number,
  verticalM: number,
): RouteConflict | null {
  const verticalGapM = Math.max(0, a.band.minM - b.band.maxM, b.band.minM - a.band.maxM);
  if (verticalGapM > verticalM * MARGIN) return null;
  const from = Math.max(a.points[0]!.at, b.points[0]!.at);
  const to = Math.min(a.points.at(-1)!.at, b.points.at(-1)!.at);
  if (from > to) return null;
  const cuts = [...new Set([from, to, ...[...a.points, ...b.points].map((p) => p.at)])]
    .filter((t) => t >= from && t <= to)
    .sort((x, y) => x - y);
  let best: RouteConflict | null = null;
  for (let i = 0; i < cuts.length; i++) {
    const t0 = cuts[i]!;
    const t1 = cuts[i + 1] ?? t0;
    const pa0 = positionAt(a, t0)!;
    const pb0 = positionAt(b, t0)!;
    const pa1 = positionAt(a, t1)!;
    const pb1 = positionAt(b, t1)!;
    const m = metresPerDegree((pa0[1] + pb0[1]) / 2);
    const dt = Math.max(1e-3, (t1 - t0) / 1000);
    const x = (pb0[0] - pa0[0]) * m.x;
    const y = (pb0[1] - pa0[1]) * m.y;
    const vx = ((pb1[0] - pa1[0]) * m.x - x) / dt;
    const vy = ((pb1[1] - pa1[1]) * m.y - y) / dt;
    const pieceS = t1 === t0 ? 0 : dt;
    const e = encounter({ x, y, vx, vy, z: 0, vz: 0 }, lateralM, Infinity, pieceS);
    if (e.lossInS === null) continue;
    // The closest approach within this piece: the routes turn at its end.
    const tc = Math.min(e.cpaInS, pieceS);
    const distanceM = Math.hypot(x + vx * tc, y + vy * tc);
    if (best === null || distanceM < best.distanceM)
      best = { at: Math.round(t0 + tc * 1000), distanceM, verticalGapM };
  }
  return best;
}
