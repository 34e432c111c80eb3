/**
 * The few geometric predicates the rules need, in one place so that they can be switched to
 * `src/geo` in one edit once it lands.
 *
 * Conservative by construction: a real conflict must never be missed, so `distanceM` returns a
 * LOWER bound of the geodesic distance between two geometries (exact on the WGS84 ellipsoid
 * between two points; between a point and a segment, the distance in a local projection scaled
 * down by `SAFETY` to cover the projection's distortion over a few degrees). A near miss may be
 * reported as a conflict; a conflict is never reported as clear. Antimeridian-crossing shapes
 * are out of scope for the theatre this serves.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import geodesic from 'geographiclib-geodesic';

export type Position = readonly [number, number, ...number[]];
export type Geometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'MultiPoint'; readonly coordinates: readonly Position[] }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'MultiLineString'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

// CommonJS package: its named exports are only reachable through the default import under ESM.
const WGS84 = geodesic.Geodesic.WGS84;
/** Covers the local projection's scale error (< 1.5% within ±1° of the reference latitude). */
const SAFETY = 0.97;
const A = 6378137;
const E2 = 0.00669437999014;

interface Parts {
  readonly points: Position[];
  readonly segments: [Position, Position][];
  readonly polygons: (readonly (readonly Position[])[])[];
}

function ringSegments(ring: readonly Position[]): [Position, Position][] {
  const out: [Position, Position][] = [];
  for (let i = 1; i < ring.length; i++) out.push([ring[i - 1]!, ring[i]!]);
  return out;
}

function parts(g: Geometry): Parts {
  switch (g.type) {
    case 'Point':
      return { points: [g.coordinates], segments: [], polygons: [] };
    case 'MultiPoint':
      return { points: [...g.coordinates], segments: [], polygons: [] };
    case 'LineString':
      return { points: [...g.coordinates], segments: ringSegments(g.coordinates), polygons: [] };
    case 'MultiLineString':
      return { points: g.coordinates.flat(), segments: g.coordinates.flatMap(ringSegments), polygons: [] };
    case 'Polygon':
      return {
        points: g.coordinates.flat(),
        segments: g.coordinates.flatMap(ringSegments),
        polygons: [g.coordinates],
      };
    case 'MultiPolygon':
      return {
        points: g.coordinates.flat(2),
        segments: g.coordinates.flatMap((p) => p.flatMap(ringSegments)),
        polygons: [...g.coordinates],
      };
  }
}

/** Exact geodesic distance between two positions on the WGS84 ellipsoid, metres. */
export function pointDistanceM(a: Position, b: Position): number {
  return WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 ?? 0;
}

/** Local projection around `origin` with the ellipsoid's radii of curvature there (metres). */
function project(origin: Position, p: Position): [number, number] {
  const phi = (origin[1] * Math.PI) / 180;
  const w = 1 - E2 * Math.sin(phi) ** 2;
  const meridian = (A * (1 - E2)) / w ** 1.5;
  const normal = A / Math.sqrt(w);
  const rad = Math.PI / 180;
  return [(p[0] - origin[0]) * rad * normal * Math.cos(phi), (p[1] - origin[1]) * rad * meridian];
}

function pointSegmentM(p: Position, s: [Position, Position]): number {
  const [ax, ay] = project(p, s[0]);
  const [bx, by] = project(p, s[1]);
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const projected = Math.hypot(ax + t * dx, ay + t * dy) * SAFETY;
  return Math.min(projected, pointDistanceM(p, s[0]), pointDistanceM(p, s[1]));
}

function cross(o: Position, a: Position, b: Position): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function segmentsIntersect(s: [Position, Position], t: [Position, Position]): boolean {
  const d1 = cross(t[0], t[1], s[0]);
  const d2 = cross(t[0], t[1], s[1]);
  const d3 = cross(s[0], s[1], t[0]);
  const d4 = cross(s[0], s[1], t[1]);
  return d1 * d2 <= 0 && d3 * d4 <= 0;
}

function inside(p: Position, polygon: readonly (readonly Position[])[]): boolean {
  const coordinates = polygon.map((ring) => ring.map((q) => [q[0], q[1]]));
  return booleanPointInPolygon([p[0], p[1]], { type: 'Polygon', coordinates });
}

function touches(a: Parts, b: Parts): boolean {
  if (a.points.some((p) => b.polygons.some((poly) => inside(p, poly)))) return true;
  if (b.points.some((p) => a.polygons.some((poly) => inside(p, poly)))) return true;
  return a.segments.some((s) => b.segments.some((t) => segmentsIntersect(s, t)));
}

function nearest(from: Parts, to: Parts): number {
  let best = Infinity;
  for (const p of from.points) {
    for (const q of to.points) best = Math.min(best, pointDistanceM(p, q));
    for (const s of to.segments) best = Math.min(best, pointSegmentM(p, s));
  }
  return best;
}

/** A lower bound of the distance between two geometries, metres; 0 when they touch or overlap. */
export function distanceM(a: Geometry, b: Geometry): number {
  const pa = parts(a);
  const pb = parts(b);
  if (touches(pa, pb)) return 0;
  return Math.min(nearest(pa, pb), nearest(pb, pa));
}

/** Whether `a` comes within `bufferM` of `b` (conservatively). */
export function withinM(a: Geometry, b: Geometry, bufferM: number): boolean {
  return distanceM(a, b) <= bufferM;
}
