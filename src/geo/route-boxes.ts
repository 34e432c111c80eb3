/**
 * The boxes of the deconfliction index: for each route and time slice, the earth-centred box of
 * the chords flown in that slice and the span of its altitude band.
 */
import { HI, LO, STRIDE, T, X, type RoutePath } from './route-path.ts';

/** Boxes of (route, slice), as parallel arrays ordered by slice. */
export interface SliceBoxes {
  readonly route: Int32Array;
  readonly box: Float64Array; // minx, miny, minz, maxx, maxy, maxz, lo, hi per box
  /** Boxes of slice k are at positions sliceStart[k] .. sliceStart[k + 1] - 1. */
  readonly sliceStart: Int32Array;
}

/** Widens the box at `out[o..o+7]` to the point a fraction f along piece i (exact at vertices). */
function extend(out: Float64Array, o: number, v: Float64Array, i: number, f: number): void {
  const p = i * STRIDE;
  for (let c = X; c <= HI; c++) {
    const a = v[p + c]!;
    const q = f === 0 ? a : a + f * (v[p + STRIDE + c]! - a);
    // Slots: min x, y, z at 0..2, max x, y, z at 3..5, lowest floor at 6, highest ceiling at 7.
    if (c === LO) {
      if (q < out[o + 6]!) out[o + 6] = q;
    } else if (c === HI) {
      if (q > out[o + 7]!) out[o + 7] = q;
    } else {
      if (q < out[o + c - X]!) out[o + c - X] = q;
      if (q > out[o + 3 + c - X]!) out[o + 3 + c - X] = q;
    }
  }
}

/** Writes the boxes of route p, slices first .. last, from position `at`, walking its pieces once. */
function routeBoxes(
  box: Float64Array,
  at: number,
  p: RoutePath,
  first: number,
  last: number,
  t0: number,
  sliceMs: number,
) {
  const v = p.v;
  let i = 0;
  for (let k = first; k <= last; k++, at++) {
    const o = at * 8;
    for (let a = 0; a < 3; a++) [box[o + a], box[o + 3 + a]] = [Infinity, -Infinity];
    [box[o + 6], box[o + 7]] = [Infinity, -Infinity];
    const ws = Math.max(p.start, t0 + k * sliceMs);
    const we = Math.min(p.end, t0 + (k + 1) * sliceMs);
    while (i < p.n - 2 && v[(i + 1) * STRIDE + T]! <= ws) i++;
    const ti = v[i * STRIDE + T]!;
    extend(box, o, v, i, (ws - ti) / (v[(i + 1) * STRIDE + T]! - ti));
    while (i < p.n - 2 && v[(i + 1) * STRIDE + T]! < we) extend(box, o, v, ++i, 0);
    const tj = v[i * STRIDE + T]!;
    extend(box, o, v, i, Math.min(1, (we - tj) / (v[(i + 1) * STRIDE + T]! - tj)));
  }
}

export function sliceBoxes(
  paths: readonly RoutePath[],
  t0: number,
  sliceMs: number,
  slices: number,
): SliceBoxes {
  const first = new Int32Array(paths.length);
  const last = new Int32Array(paths.length);
  const sliceStart = new Int32Array(slices + 1);
  let total = 0;
  paths.forEach((p, r) => {
    const [f, l] = [Math.floor((p.start - t0) / sliceMs), Math.floor((p.end - t0) / sliceMs)];
    [first[r], last[r]] = [f, l];
    total += l - f + 1;
  });
  // Boxes are written route by route, then reordered by slice (a counting sort).
  const byRoute = new Float64Array(total * 8);
  let at = 0;
  paths.forEach((p, r) => {
    routeBoxes(byRoute, at, p, first[r]!, last[r]!, t0, sliceMs);
    for (let k = first[r]!; k <= last[r]!; k++) sliceStart[k + 1]!++;
    at += last[r]! - first[r]! + 1;
  });
  for (let k = 0; k < slices; k++) sliceStart[k + 1]! += sliceStart[k]!;
  const fill = sliceStart.slice(0, slices);
  const route = new Int32Array(total);
  const box = new Float64Array(total * 8);
  at = 0;
  paths.forEach((_, r) => {
    for (let k = first[r]!; k <= last[r]!; k++, at++) {
      const to = fill[k]!++;
      route[to] = r;
      for (let c = 0; c < 8; c++) box[to * 8 + c] = byRoute[at * 8 + c]!;
    }
  });
  return { route, box, sliceStart };
}

/**
 * The median longest edge of the boxes (sampled). Cells are never smaller: a box then touches a
 * handful of cells, where tiny cells would make a long box touch millions.
 */
export function medianExtent(box: Float64Array): number {
  const n = box.length / 8;
  const step = Math.max(1, Math.floor(n / 1000));
  const ext: number[] = [];
  for (let b = 0; b < n; b += step) {
    const o = b * 8;
    ext.push(Math.max(box[o + 3]! - box[o]!, box[o + 4]! - box[o + 1]!, box[o + 5]! - box[o + 2]!));
  }
  ext.sort((a, b) => a - b);
  return ext[ext.length >> 1] ?? 0;
}
