/**
 * Planar predicates in (longitude, latitude) degrees. RFC 7946 §3.1.1 defines the line between two
 * positions as the straight Cartesian line in this coordinate system, so containment and crossing
 * are decided here, on the plane; only distances use the ellipsoid (see `distance.ts`).
 *
 * Rings are flat arrays `[x0, y0, x1, y1, ...]` whose last vertex repeats the first; longitudes
 * are already unwrapped (see `unwrapLongitudes`) so no edge spans more than 180 degrees.
 */

/** Twice the signed area: positive when counter-clockwise. */
export function signedArea2(ring: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i + 3 < ring.length; i += 2) {
    s += ring[i]! * ring[i + 3]! - ring[i + 2]! * ring[i + 1]!;
  }
  return s;
}

/**
 * Even-odd point in ring, boundary counted as inside (a point on an area's edge is in the area:
 * for restrictions, the conservative answer).
 */
export function pointInRing(x: number, y: number, ring: ArrayLike<number>): boolean {
  let inside = false;
  for (let i = 0; i + 3 < ring.length; i += 2) {
    const ax = ring[i]!,
      ay = ring[i + 1]!,
      bx = ring[i + 2]!,
      by = ring[i + 3]!;
    if (ay > y !== by > y) {
      const t = ax + ((y - ay) * (bx - ax)) / (by - ay);
      if (x < t) inside = !inside;
      else if (x === t) return true;
    } else if (ay === y && by === y && (x - ax) * (x - bx) <= 0) return true;
    else if (ay === y && ax === x) return true;
  }
  return inside;
}

/** Polygon = exterior ring then holes; inside the exterior and not strictly inside any hole. */
export function pointInPolygon(x: number, y: number, rings: readonly ArrayLike<number>[]): boolean {
  const shell = rings[0];
  if (shell === undefined || !pointInRing(x, y, shell)) return false;
  for (let h = 1; h < rings.length; h++) {
    if (pointInRing(x, y, rings[h]!) && !onRingBoundary(x, y, rings[h]!)) return false;
  }
  return true;
}

export function onRingBoundary(x: number, y: number, ring: ArrayLike<number>): boolean {
  for (let i = 0; i + 3 < ring.length; i += 2) {
    if (onSegment(x, y, ring[i]!, ring[i + 1]!, ring[i + 2]!, ring[i + 3]!)) return true;
  }
  return false;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

export function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  return (
    orient(ax, ay, bx, by, px, py) === 0 &&
    Math.min(ax, bx) <= px &&
    px <= Math.max(ax, bx) &&
    Math.min(ay, by) <= py &&
    py <= Math.max(ay, by)
  );
}

/** Closed segments AB and CD share at least one point. */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onSegment(cx, cy, ax, ay, bx, by)) ||
    (o2 === 0 && onSegment(dx, dy, ax, ay, bx, by)) ||
    (o3 === 0 && onSegment(ax, ay, cx, cy, dx, dy)) ||
    (o4 === 0 && onSegment(bx, by, cx, cy, dx, dy))
  );
}

/**
 * Shifts each longitude by a multiple of 360 so that it lies within 180 degrees of the previous
 * one: an edge between 179 and -179 is read as the 2-degree edge across the antimeridian, not the
 * 358-degree edge the other way round. Returns a flat `[x0, y0, ...]` array.
 */
export function unwrapLongitudes(positions: readonly (readonly number[])[], startLon?: number): number[] {
  const out: number[] = [];
  let prev = startLon;
  for (const p of positions) {
    let x = p[0]!;
    if (prev !== undefined) {
      while (x - prev > 180) x -= 360;
      while (prev - x > 180) x += 360;
    }
    out.push(x, p[1]!);
    prev = x;
  }
  return out;
}

/** Axis-aligned bounds of a flat coordinate array: [minX, minY, maxX, maxY]. */
export function flatBounds(flat: ArrayLike<number>): [number, number, number, number] {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const x = flat[i]!,
      y = flat[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
