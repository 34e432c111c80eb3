/**
 * One-off relations between two geometries, without an index: what the indexed queries confirm
 * candidates with, and what a brute-force check over every feature uses.
 */
import { shapeDistance, touches, type Measured } from './measure.ts';
import { pointInPolygon, unwrapLongitudes } from './planar.ts';
import { prepareShape } from './shapes.ts';
import type { Geometry, LonLat } from './types.ts';

/** Least distance between two geometries in metres on WGS 84 (0 when they touch). */
export function geometryDistance(a: Geometry, b: Geometry, exact = true): Measured {
  return shapeDistance(prepareShape(a), prepareShape(b), exact);
}

export function geometriesTouch(a: Geometry, b: Geometry): boolean {
  return touches(prepareShape(a), prepareShape(b));
}

/**
 * Is the position inside (or on the edge of) a Polygon or MultiPolygon? Tests every ring edge
 * with the plain even-odd rule: the reference the indexed, strip-cut test is checked against.
 */
export function pointInGeometry(p: LonLat | readonly number[], g: Geometry): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polys.some((rings) => {
    let frame: number | undefined;
    const flat = rings.map((r) => {
      const f = unwrapLongitudes(r, frame);
      frame ??= f[0];
      return f;
    });
    return [0, 360, -360].some((dx) => pointInPolygon(p[0] + dx, p[1], flat));
  });
}
