/**
 * The few geometric predicates the rules use, on the geometry engine (`src/geo`, docs/geo.md):
 * distances on the WGS 84 ellipsoid to points, lines and polygons (edges are the straight
 * longitude/latitude lines RFC 7946 draws), containment on the longitude/latitude plane, and the
 * antimeridian handled by the engine.
 *
 * Conservative by construction: a real conflict must never be missed. Distances come from the
 * engine's fast formula wherever its stated margin holds (|lat| <= 80°, up to 50 km: the true
 * distance lies within `distanceM ± marginM`), and from the exact geodesic elsewhere (margin 0).
 * Whether a geometry lies within a buffer is decided as the engine's indexed queries decide it
 * (`sitesNear`): clearly inside or outside on the fast figure and its margin, and by the geodesic
 * when the buffer falls inside the margin. A conflict found on the fast figure carries its margin,
 * so the distance reported says how exact it is.
 */
import {
  distanceMeters as geodesicMeters,
  geometriesTouch,
  geometryDistance as engineDistance,
  pointInGeometry as enginePointIn,
  type Geometry,
  type LonLat,
} from '../geo/index.ts';

export type { Geometry, LonLat, PointGeometry, PolygonGeometry } from '../geo/index.ts';

/** How far apart two geometries are: the true distance lies within `distanceM ± marginM`. */
export interface Proximity {
  /** Metres on the WGS 84 ellipsoid; 0 when the geometries touch or overlap. */
  readonly distanceM: number;
  /** 0 when `distanceM` is the exact geodesic figure. */
  readonly marginM: number;
}

/** Exact geodesic distance between two positions on the WGS 84 ellipsoid, metres. */
export function distanceMeters(a: LonLat | readonly number[], b: LonLat | readonly number[]): number {
  return geodesicMeters(a, b);
}

/** Least distance between two geometries, with the engine's margin (fast where it holds). */
export function geometryDistance(a: Geometry, b: Geometry): Proximity {
  return engineDistance(a, b, false);
}

/** Is the position inside (or on the edge of) a Polygon or MultiPolygon? */
export function pointInGeometry(p: LonLat | readonly number[], g: Geometry): boolean {
  return enginePointIn(p, g);
}

/**
 * The proximity of `a` to `b` when `a` comes within `bufferM` of `b`, otherwise null: the same
 * decision as the engine's indexed queries, so that a linear check and an indexed one agree.
 */
export function withinBuffer(a: Geometry, b: Geometry, bufferM: number): Proximity | null {
  const p = geometryDistance(a, b);
  if (p.distanceM - p.marginM > bufferM) return null;
  if (p.distanceM + p.marginM <= bufferM) return p;
  const exact = engineDistance(a, b, true);
  return exact.distanceM <= bufferM ? exact : null;
}

/** Do two geometries touch or overlap (distance zero, decided exactly on the lon/lat plane)? */
export function touching(a: Geometry, b: Geometry): boolean {
  return geometriesTouch(a, b);
}
