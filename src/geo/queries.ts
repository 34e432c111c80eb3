/**
 * Conflict queries. Each filters with the index's conservative boxes, then confirms every
 * candidate: containment exactly on the longitude/latitude plane, distances on the WGS 84
 * ellipsoid. Distances are geodesic (geographiclib) unless `exact: false`, in which case the fast
 * formula's figure is returned with its `marginM`; either way membership is exact, because a
 * candidate within the margin of the limit is always settled with the geodesic.
 */
import { approxM, approxMargin, approxValid, geodesicM } from './distance.ts';
import { shapeDistance, touches } from './measure.ts';
import { inPolygon, prepareShape, type Shape } from './shapes.ts';
import type {
  CeasefireZone,
  DesignatedArea,
  Movement,
  ProtectedSite,
  SpatialIndex,
  TimeWindow,
} from './spatial-index.ts';
import type { Geometry, LonLat } from './types.ts';

export interface Match<T> {
  readonly item: T;
  /** Metres on the WGS 84 ellipsoid; 0 inside or touching. */
  readonly distanceM: number;
  /** 0 when `distanceM` is exact; otherwise the true distance is within ± this. */
  readonly marginM: number;
}

export interface When {
  /** Instant (epoch ms) to test validity windows at; absent matches every window. */
  readonly timeMs?: number;
  /** Altitude (m); absent (and no altitude in the position) matches every band. */
  readonly altitudeM?: number;
  /** Only areas restricted to this actor; absent matches every area. */
  readonly actor?: string;
}

export interface DistanceOptions {
  /** Geodesic distances (default) or the fast formula with its margin. */
  readonly exact?: boolean;
}

type AreaLike = DesignatedArea | CeasefireZone;

function inWindow(w: TimeWindow | undefined, t: number | undefined): boolean {
  return w === undefined || t === undefined || (t >= w.start && t < w.end);
}

function applies(a: AreaLike, when: When, altitude: number | undefined): boolean {
  if (!inWindow(a.validity, when.timeMs)) return false;
  const band = 'altitude' in a ? a.altitude : undefined;
  if (band && altitude !== undefined && (altitude < band.minM || altitude > band.maxM)) return false;
  const actors = 'restrictedActors' in a ? a.restrictedActors : undefined;
  return when.actor === undefined || actors === undefined || actors.includes(when.actor);
}

/** Areas (or zones) that contain a position, at a time and altitude. */
export function areasAt<T extends AreaLike>(
  index: SpatialIndex<T>,
  p: LonLat | readonly number[],
  when: When = {},
): Match<T>[] {
  const out: Match<T>[] = [];
  forEachAreaAt(index, p, (item) => out.push({ item, distanceM: 0, marginM: 0 }), when);
  return out;
}

/**
 * `areasAt` without building an array: visit(item) for each area (or zone) containing the position;
 * returns how many. For callers checking many positions (the CLI, ingest, benchmarks).
 */
export function forEachAreaAt<T extends AreaLike>(
  index: SpatialIndex<T>,
  p: LonLat | readonly number[],
  visit: (item: T) => void,
  when: When = {},
): number {
  const x = p[0],
    y = p[1];
  const altitude = when.altitudeM ?? p[2];
  const filtered = when.timeMs !== undefined || when.actor !== undefined || altitude !== undefined;
  let n = 0;
  index.eachAtPoint(x, y, (item, shape, _reach, dx) => {
    // Time, altitude and actor first: they are cheaper than the polygon.
    if (filtered && !applies(item, when, altitude)) return;
    const polygons = shape.polygons;
    for (let i = 0; i < polygons.length; i++) {
      if (inPolygon(x + dx, y, polygons[i]!)) {
        n++;
        visit(item);
        return;
      }
    }
  });
  return n;
}

/** Areas (or zones) that a geometry touches or overlaps. */
export function areasTouching<T extends AreaLike>(
  index: SpatialIndex<T>,
  g: Geometry,
  when: When = {},
): Match<T>[] {
  const q = prepareShape(g);
  const altitude = when.altitudeM;
  const out: Match<T>[] = [];
  index.eachInBox(q.box, (item, shape) => {
    if (applies(item, when, altitude ?? q.altitude?.[0]) && touches(q, shape))
      out.push({ item, distanceM: 0, marginM: 0 });
  });
  return out;
}

function isPoint(s: Shape): boolean {
  return s.points.length === 2 && s.lines.length === 0 && s.polygons.length === 0;
}

/** Decides distance <= limit for a candidate; returns the match or undefined. */
function within<T>(item: T, q: Shape, shape: Shape, limit: number, exact: boolean): Match<T> | undefined {
  const m = shapeDistance(q, shape, false);
  if (m.distanceM - m.marginM > limit) return undefined;
  if (m.marginM === 0 || (!exact && m.distanceM + m.marginM <= limit)) return { item, ...m };
  const e = shapeDistance(q, shape, true);
  return e.distanceM <= limit ? { item, ...e } : undefined;
}

/** Point against point: the hot path, kept free of allocation until a match. */
function pointWithin<T>(
  item: T,
  x: number,
  y: number,
  s: Shape,
  limit: number,
  exact: boolean,
): Match<T> | undefined {
  const sx = s.points[0]!,
    sy = s.points[1]!;
  const d = approxM(x, y, sx, sy);
  if (approxValid(y, sy, d)) {
    const margin = approxMargin(d);
    if (d - margin > limit) return undefined;
    if (!exact && d + margin <= limit) return { item, distanceM: d, marginM: margin };
  }
  const e = geodesicM(x, y, sx, sy);
  return e <= limit ? { item, distanceM: e, marginM: 0 } : undefined;
}

/** Every item within reach of a position: single positions from the point grid, then the rest. */
function eachNear<T extends { readonly id: string }>(
  index: SpatialIndex<T>,
  query: LonLat | readonly number[],
  exact: boolean,
  visit: (item: T, distanceM: number, marginM: number) => void,
): number {
  const x = query[0],
    y = query[1];
  let n = index.pointsNear(x, y, exact, visit);
  if (!index.hasShapes) return n; // no closure to allocate when every item is a position
  let q: Shape | undefined;
  index.eachAtPoint(x, y, (item, shape, reach, dx) => {
    const m = isPoint(shape)
      ? pointWithin(item, x + dx, y, shape, reach, exact)
      : within(
          item,
          (q ??= prepareShape({ type: 'Point', coordinates: query as LonLat })),
          shape,
          reach,
          exact,
        );
    if (m) {
      n++;
      visit(item, m.distanceM, m.marginM);
    }
  });
  return n;
}

function near<T extends { readonly id: string }>(
  index: SpatialIndex<T>,
  query: LonLat | readonly number[] | Geometry,
  keep: (item: T) => boolean,
  opts: DistanceOptions,
): Match<T>[] {
  const exact = opts.exact ?? true;
  const out: Match<T>[] = [];
  if (!('type' in query)) {
    eachNear(index, query, exact, (item, distanceM, marginM) => {
      if (keep(item)) out.push({ item, distanceM, marginM });
    });
    return out;
  }
  const q = prepareShape(query);
  index.eachInBox(q.box, (item, shape, reach) => {
    const m = keep(item) ? within(item, q, shape, reach, exact) : undefined;
    if (m) out.push(m);
  });
  return out;
}

/** Protected sites whose buffer holds the position or geometry (distance <= the site's buffer). */
export function sitesNear(
  index: SpatialIndex<ProtectedSite>,
  query: LonLat | readonly number[] | Geometry,
  opts: DistanceOptions = {},
): Match<ProtectedSite>[] {
  return near(index, query, () => true, opts);
}

/**
 * `sitesNear` for a position without building an array: visit(site, distanceM, marginM) for each
 * protected site whose buffer holds it; returns how many. Allocates nothing for sites given as
 * one position (nor for the others' non-matches beyond one closure).
 */
export function forEachSiteNear(
  index: SpatialIndex<ProtectedSite>,
  p: LonLat | readonly number[],
  visit: (site: ProtectedSite, distanceM: number, marginM: number) => void,
  opts: DistanceOptions = {},
): number {
  return eachNear(index, p, opts.exact ?? true, visit);
}

/** Movements whose corridor (half its width either side of the route) the query meets in time and space. */
export function movementsNear(
  index: SpatialIndex<Movement>,
  query: LonLat | readonly number[] | Geometry,
  window?: TimeWindow,
  opts: DistanceOptions = {},
): Match<Movement>[] {
  const overlaps = (m: Movement) => !window || (window.start < m.window.end && m.window.start < window.end);
  return near(index, query, overlaps, opts);
}
