/**
 * Geometries prepared for repeated queries: flat coordinate arrays with longitudes unwrapped into
 * one frame (so a shape across the antimeridian is one small shape), bounds, and for polygons an
 * index for point in polygon (`polygon-index.ts`: most points are answered by reading one byte,
 * the rest by a ray through a few edges, not all 500 of an area).
 */
import { flatBounds, unwrapLongitudes } from './planar.ts';
import { preparePolygon, type PreparedPolygon } from './polygon-index.ts';
import type { Geometry, LonLat, SimpleGeometry } from './types.ts';

export { inPolygon, type PreparedPolygon } from './polygon-index.ts';

export interface Shape {
  /** Isolated points (Point, MultiPoint), flat [x, y, ...]. */
  readonly points: Float64Array;
  readonly lines: readonly Float64Array[];
  readonly polygons: readonly PreparedPolygon[];
  /** [minX, minY, maxX, maxY] in the shape's unwrapped frame. */
  readonly box: readonly [number, number, number, number];
  /** Lowest and highest altitude given, or undefined when 2-D. */
  readonly altitude?: readonly [number, number];
}

function parts(g: Geometry): SimpleGeometry[] {
  return g.type === 'GeometryCollection' ? [...g.geometries] : [g];
}

export function prepareShape(g: Geometry): Shape {
  const points: number[] = [];
  const lines: Float64Array[] = [];
  const polygons: PreparedPolygon[] = [];
  let frame: number | undefined;
  const unwrap = (ps: readonly LonLat[]) => {
    const flat = unwrapLongitudes(ps, frame);
    frame ??= flat[0];
    return Float64Array.from(flat);
  };
  const alts: number[] = [];
  const visit = (ps: readonly LonLat[]) => {
    for (const p of ps) if (p.length === 3) alts.push(p[2]);
  };
  for (const part of parts(g)) {
    switch (part.type) {
      case 'Point':
        points.push(...unwrap([part.coordinates]));
        visit([part.coordinates]);
        break;
      case 'MultiPoint':
        points.push(...unwrap(part.coordinates));
        visit(part.coordinates);
        break;
      case 'LineString':
        lines.push(unwrap(part.coordinates));
        visit(part.coordinates);
        break;
      case 'MultiLineString':
        for (const l of part.coordinates) {
          lines.push(unwrap(l));
          visit(l);
        }
        break;
      case 'Polygon':
        polygons.push(preparePolygon(part.coordinates.map(unwrap)));
        break;
      case 'MultiPolygon':
        for (const p of part.coordinates) polygons.push(preparePolygon(p.map(unwrap)));
        break;
    }
  }
  const all = [Float64Array.from(points), ...lines, ...polygons.flatMap((p) => p.rings)];
  const boxes = all.filter((a) => a.length > 0).map(flatBounds);
  const box: [number, number, number, number] = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
  const shape = { points: Float64Array.from(points), lines, polygons, box };
  return alts.length > 0 ? { ...shape, altitude: [Math.min(...alts), Math.max(...alts)] } : shape;
}
