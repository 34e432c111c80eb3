/**
 * Geometries prepared for repeated queries: flat coordinate arrays with longitudes unwrapped into
 * one frame (so a shape across the antimeridian is one small shape), bounds, and for polygons an
 * edge table cut into horizontal strips so that point-in-polygon visits only the edges of one strip
 * (a 500-vertex area costs a dozen edge tests, not 500).
 */
import { flatBounds, unwrapLongitudes } from './planar.ts';
import type { Geometry, LonLat, SimpleGeometry } from './types.ts';

export interface PreparedPolygon {
  /** Every edge of every ring: [ax, ay, bx, by] repeated. Even-odd over all rings honours holes. */
  readonly edges: Float64Array;
  readonly minY: number;
  readonly stripH: number;
  readonly stripStart: Uint32Array;
  readonly stripEdges: Uint32Array;
  readonly rings: readonly Float64Array[];
}

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

function preparePolygon(rings: Float64Array[]): PreparedPolygon {
  const n = rings.reduce((s, r) => s + r.length / 2 - 1, 0);
  const edges = new Float64Array(4 * n);
  let k = 0;
  for (const r of rings) for (let i = 0; i + 3 < r.length; i += 2) edges.set(r.subarray(i, i + 4), 4 * k++);
  const [, minY, , maxY] = flatBounds(rings[0]!);
  const strips = Math.max(1, Math.min(1024, n >> 2));
  const stripH = (maxY - minY) / strips || 1;
  const stripOf = (y: number) => Math.min(strips - 1, Math.max(0, Math.floor((y - minY) / stripH)));
  const counts = new Uint32Array(strips + 1);
  const span = (e: number) => {
    const ay = edges[4 * e + 1]!,
      by = edges[4 * e + 3]!;
    return [stripOf(Math.min(ay, by)), stripOf(Math.max(ay, by))] as const;
  };
  for (let e = 0; e < n; e++) {
    const [s0, s1] = span(e);
    for (let s = s0; s <= s1; s++) counts[s + 1]!++;
  }
  for (let s = 0; s < strips; s++) counts[s + 1]! += counts[s]!;
  const stripEdges = new Uint32Array(counts[strips]!);
  const fill = counts.slice(0, strips);
  for (let e = 0; e < n; e++) {
    const [s0, s1] = span(e);
    for (let s = s0; s <= s1; s++) stripEdges[fill[s]!++] = e;
  }
  return { edges, minY, stripH, stripStart: counts, stripEdges, rings };
}

/** Even-odd point in polygon (holes included, edges inside), visiting only the edges of the point's strip. */
export function inPolygon(x: number, y: number, p: PreparedPolygon): boolean {
  const strips = p.stripStart.length - 1;
  const s = Math.floor((y - p.minY) / p.stripH);
  if (s < 0 || s > strips || (s === strips && y > p.minY + strips * p.stripH)) return false;
  const strip = Math.min(s, strips - 1);
  const e = p.edges;
  let inside = false;
  for (let k = p.stripStart[strip]!, end = p.stripStart[strip + 1]!; k < end; k++) {
    const i = 4 * p.stripEdges[k]!;
    const ax = e[i]!,
      ay = e[i + 1]!,
      bx = e[i + 2]!,
      by = e[i + 3]!;
    // Same rule as planar.pointInRing, boundary included: a point on an area's edge is inside.
    if (ay > y !== by > y) {
      const t = ax + ((y - ay) * (bx - ax)) / (by - ay);
      if (x < t) inside = !inside;
      else if (x === t) return true;
    } else if (ay === y && ((by === y && (x - ax) * (x - bx) <= 0) || ax === x)) return true;
  }
  return inside;
}
