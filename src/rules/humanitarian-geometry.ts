/**
 * The little geometry that violation and humanitarian rules need: shape checks of GeoJSON
 * `[lon, lat]` geometries, point-in-polygon, a representative point and the distance from a point
 * to a geometry. Distances use a local equirectangular projection around the point, which is
 * within a fraction of a percent of the geodesic at the tens of kilometres these checks concern;
 * the geometry engine in `src/geo` is the reference for anything precise.
 */
import type { FieldIssue } from '../core/index.ts';

type Position = readonly number[];
type Ring = readonly Position[];

export type Geometry =
  | { readonly type: 'Point'; readonly coordinates: Position }
  | { readonly type: 'LineString'; readonly coordinates: readonly Position[] }
  | { readonly type: 'Polygon'; readonly coordinates: readonly Ring[] }
  | { readonly type: 'MultiPolygon'; readonly coordinates: readonly (readonly Ring[])[] };

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

function positionIssue(p: Position, pointer: string): FieldIssue | null {
  const [lon, lat] = p;
  if (p.length < 2 || p.length > 3 || lon === undefined || lat === undefined)
    return { pointer, reason: 'must be [lon, lat] or [lon, lat, alt]' };
  if (!Number.isFinite(lon) || lon < -180 || lon > 180)
    return { pointer: `${pointer}/0`, reason: 'longitude must be within [-180, 180]' };
  if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    return { pointer: `${pointer}/1`, reason: 'latitude must be within [-90, 90]' };
  return null;
}

function ringIssues(ring: Ring, pointer: string): FieldIssue[] {
  const issues = ring.flatMap((p, i) => positionIssue(p, `${pointer}/${i}`) ?? []);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length < 4) issues.push({ pointer, reason: 'a ring needs at least 4 positions' });
  else if (first?.[0] !== last?.[0] || first?.[1] !== last?.[1])
    issues.push({ pointer, reason: 'a ring must end where it starts' });
  return issues;
}

/** Every fault in a geometry of one of the `allowed` types, with pointers under `pointer`. */
export function geometryIssues(
  g: Geometry,
  allowed: readonly Geometry['type'][],
  pointer: string,
): FieldIssue[] {
  if (!allowed.includes(g.type))
    return [{ pointer: `${pointer}/type`, reason: `must be one of ${allowed.join(', ')}` }];
  const at = `${pointer}/coordinates`;
  switch (g.type) {
    case 'Point':
      return [positionIssue(g.coordinates, at)].flatMap((i) => i ?? []);
    case 'LineString': {
      const issues = g.coordinates.flatMap((p, i) => positionIssue(p, `${at}/${i}`) ?? []);
      if (g.coordinates.length < 2) issues.push({ pointer: at, reason: 'a line needs at least 2 positions' });
      return issues;
    }
    case 'Polygon':
      return g.coordinates.length === 0
        ? [{ pointer: at, reason: 'a polygon needs a ring' }]
        : g.coordinates.flatMap((r, i) => ringIssues(r, `${at}/${i}`));
    case 'MultiPolygon':
      return g.coordinates.length === 0
        ? [{ pointer: at, reason: 'a multipolygon needs a polygon' }]
        : g.coordinates.flatMap((poly, i) => poly.flatMap((r, j) => ringIssues(r, `${at}/${i}/${j}`)));
  }
}

/** Even-odd ray casting on one ring (planar in degrees, as GeoJSON polygons are drawn). */
function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(lon: number, lat: number, rings: readonly Ring[]): boolean {
  const [outer, ...holes] = rings;
  return outer !== undefined && inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h));
}

/** True when the point `[lon, lat]` lies inside a Polygon or MultiPolygon. */
export function containsPoint(g: Geometry, lon: number, lat: number): boolean {
  if (g.type === 'Polygon') return inPolygon(lon, lat, g.coordinates);
  if (g.type === 'MultiPolygon') return g.coordinates.some((p) => inPolygon(lon, lat, p));
  return false;
}

function allPositions(g: Geometry): readonly Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'Polygon':
      return g.coordinates[0] ?? [];
    case 'MultiPolygon':
      return g.coordinates.flatMap((p) => p[0] ?? []);
  }
}

/**
 * One point standing for a geometry when places are counted: the point itself, or the mean of
 * the vertices of the outer ring(s) (the closing vertex counted once). Good enough to bucket a
 * reported area into a region; not a true centroid.
 */
export function representativePoint(g: Geometry): readonly [number, number] {
  if (g.type === 'Point') return [g.coordinates[0] ?? 0, g.coordinates[1] ?? 0];
  const rings =
    g.type === 'Polygon'
      ? [g.coordinates[0] ?? []]
      : g.type === 'MultiPolygon'
        ? g.coordinates.map((p) => p[0] ?? [])
        : [g.coordinates];
  const pts = rings.flatMap((r) => (g.type === 'LineString' ? r : r.slice(0, -1)));
  let lon = 0;
  let lat = 0;
  for (const p of pts) {
    lon += p[0] ?? 0;
    lat += p[1] ?? 0;
  }
  const n = Math.max(pts.length, 1);
  return [lon / n, lat / n];
}

/** Distance in metres from a point to a segment, in a projection local to the point. */
function segmentDistanceM(lon: number, lat: number, a: Position, b: Position): number {
  const k = Math.cos(lat * RAD);
  const ax = ((a[0] ?? 0) - lon) * k;
  const ay = (a[1] ?? 0) - lat;
  const bx = ((b[0] ?? 0) - lon) * k;
  const by = (b[1] ?? 0) - lat;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy) * RAD * EARTH_RADIUS_M;
}

/** Distance in metres from the point `[lon, lat]` to a geometry (0 inside a polygon). */
export function distanceToGeometryM(g: Geometry, lon: number, lat: number): number {
  if (containsPoint(g, lon, lat)) return 0;
  if (g.type === 'Point') return segmentDistanceM(lon, lat, g.coordinates, g.coordinates);
  const lines: (readonly Position[])[] =
    g.type === 'LineString'
      ? [g.coordinates]
      : g.type === 'Polygon'
        ? [...g.coordinates]
        : g.coordinates.flat();
  let best = Infinity;
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1];
      const b = line[i];
      if (a && b) best = Math.min(best, segmentDistanceM(lon, lat, a, b));
    }
  }
  // A degenerate line or ring (no segment): fall back to its first position.
  const [first] = allPositions(g);
  return best === Infinity && first ? segmentDistanceM(lon, lat, first, first) : best;
}
