/**
 * Distance between any two prepared shapes: zero when they touch or overlap (decided on the
 * longitude/latitude plane, as RFC 7946 draws edges), otherwise the least ellipsoidal distance
 * from a vertex of one to a point or edge of the other. For two edges that do not cross, the
 * nearest pair of points always includes an endpoint on the plane; on the ellipsoid this holds to
 * within the curvature of edges a few kilometres long, far below the margins jig uses.
 */
import { approxMargin, approxSegmentM, approxValid, geodesicM, segmentM } from './distance.ts';
import { segmentsIntersect } from './planar.ts';
import { inPolygon, type Shape } from './shapes.ts';

export interface Measured {
  readonly distanceM: number;
  /** 0 when exact; otherwise the true distance lies within distanceM ± marginM. */
  readonly marginM: number;
}

interface Flat {
  readonly verts: Float64Array;
  /** [ax, ay, bx, by]; an isolated point is a segment of length zero. */
  readonly segs: Float64Array;
}
const flats = new WeakMap<Shape, Flat>();

function flat(s: Shape): Flat {
  let f = flats.get(s);
  if (f) return f;
  const verts: number[] = [...s.points];
  const segs: number[] = [];
  for (let i = 0; i + 1 < s.points.length; i += 2)
    segs.push(s.points[i]!, s.points[i + 1]!, s.points[i]!, s.points[i + 1]!);
  for (const line of [...s.lines, ...s.polygons.flatMap((p) => p.rings)]) {
    verts.push(...line);
    for (let i = 0; i + 3 < line.length; i += 2)
      segs.push(line[i]!, line[i + 1]!, line[i + 2]!, line[i + 3]!);
  }
  f = { verts: Float64Array.from(verts), segs: Float64Array.from(segs) };
  flats.set(s, f);
  return f;
}

/** The multiple of 360 that brings b's frame next to a's. */
function frameShift(a: Shape, b: Shape): number {
  const ca = (a.box[0] + a.box[2]) / 2,
    cb = (b.box[0] + b.box[2]) / 2;
  return Math.round((ca - cb) / 360) * 360;
}

function pointInShape(x: number, y: number, s: Shape): boolean {
  for (const p of s.polygons) if (inPolygon(x, y, p)) return true;
  return false;
}

/** Do a and b (b shifted by dx degrees of longitude) share a point? */
export function touches(a: Shape, b: Shape, dx = frameShift(a, b)): boolean {
  const fa = flat(a),
    fb = flat(b);
  for (let i = 0; i + 1 < fa.verts.length; i += 2)
    if (pointInShape(fa.verts[i]! - dx, fa.verts[i + 1]!, b)) return true;
  for (let i = 0; i + 1 < fb.verts.length; i += 2)
    if (pointInShape(fb.verts[i]! + dx, fb.verts[i + 1]!, a)) return true;
  const s = fa.segs,
    t = fb.segs;
  for (let i = 0; i < s.length; i += 4) {
    const ax = s[i]!,
      ay = s[i + 1]!,
      bx = s[i + 2]!,
      by = s[i + 3]!;
    for (let j = 0; j < t.length; j += 4) {
      const cx = t[j]! + dx,
        cy = t[j + 1]!,
        ex = t[j + 2]! + dx,
        ey = t[j + 3]!;
      if (Math.max(cx, ex) < Math.min(ax, bx) || Math.min(cx, ex) > Math.max(ax, bx)) continue;
      if (Math.max(cy, ey) < Math.min(ay, by) || Math.min(cy, ey) > Math.max(ay, by)) continue;
      if (segmentsIntersect(ax, ay, bx, by, cx, cy, ex, ey)) return true;
    }
  }
  return false;
}

interface Pair {
  px: number;
  py: number;
  seg: Float64Array;
  j: number;
  dx: number;
  approx: number;
}

function vertexPairs(from: Flat, to: Flat, dx: number, out: Pair[]): void {
  const v = from.verts,
    s = to.segs;
  for (let i = 0; i + 1 < v.length; i += 2) {
    const px = v[i]!,
      py = v[i + 1]!;
    for (let j = 0; j < s.length; j += 4) {
      const approx = approxSegmentM(px, py, s[j]! + dx, s[j + 1]!, s[j + 2]! + dx, s[j + 3]!);
      out.push({ px, py, seg: s, j, dx, approx });
    }
  }
}

function exactPair(p: Pair): number {
  const s = p.seg,
    j = p.j;
  if (s[j] === s[j + 2] && s[j + 1] === s[j + 3]) return geodesicM(p.px, p.py, s[j]! + p.dx, s[j + 1]!);
  return segmentM(p.px, p.py, s[j]! + p.dx, s[j + 1]!, s[j + 2]! + p.dx, s[j + 3]!);
}

/**
 * Distance in metres between two shapes. With `exact`, geographiclib settles the answer; without,
 * the fast formula is returned with its margin wherever it is valid.
 */
export function shapeDistance(a: Shape, b: Shape, exact: boolean): Measured {
  const dx = frameShift(a, b);
  if (touches(a, b, dx)) return { distanceM: 0, marginM: 0 };
  const pairs: Pair[] = [];
  vertexPairs(flat(a), flat(b), dx, pairs);
  vertexPairs(flat(b), flat(a), -dx, pairs);
  let best = Infinity;
  for (const p of pairs) if (p.approx < best) best = p.approx;
  const top = pairs.find((p) => p.approx === best)!;
  if (!exact && approxValid(top.py, top.py, best)) return { distanceM: best, marginM: approxMargin(best) };
  // Only pairs the fast formula puts near the best can hold the exact minimum; 5% + 100 m is far
  // wider than its error where it is valid, and beyond that every pair is measured.
  const allValid = pairs.every((p) => Math.abs(p.py) <= 80) && best < 50_000;
  const cut = allValid ? best * 1.05 + 100 : Infinity;
  let d = Infinity;
  for (const p of pairs) if (p.approx <= cut) d = Math.min(d, exactPair(p));
  return { distanceM: d, marginM: 0 };
}
