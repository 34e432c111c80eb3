/**
 * 4-D deconfliction of planned routes: every pair of routes whose aircraft lose separation (closer
 * than the lateral minimum while their altitude bands are closer than the vertical minimum), with
 * the intervals of loss and the closest approach.
 *
 * Space-time index: time is cut into slices; for each route and slice, the box (in earth-centred
 * coordinates) of the chords it flies in that slice, widened by half the lateral minimum, goes
 * into the cells of a uniform 3-D grid. Two aircraft closer than the minimum (in chord distance,
 * which the exact check uses and which never exceeds the geodesic one) have points in both boxes
 * within the minimum on every axis, so their widened boxes overlap and share a cell: no conflict
 * is missed, by construction, and earth-centred cells have no antimeridian or pole to special-case.
 * Candidates are then confirmed exactly by `conflictBetween`, on the cuts of the slices where
 * they met. Hand-written rather than flatbush because the boxes are 3-D and rebuilt per slice.
 */
import { conflictBetween, type RouteConflict, type SeparationMinima } from './route-conflict.ts';
import { HI, LO, prepareRoute, STRIDE, T, X, type RoutePath } from './route-path.ts';
import type { Route } from './route.ts';
import { CellGrid } from './route-grid.ts';
import { JigError } from '../core/index.ts';

export interface DeconflictOptions {
  /** Length of a time slice, ms. Default 180 s. */
  readonly sliceMs?: number;
  /**
   * Edge of a grid cell, metres. Default 40 km; never less than four lateral minima nor than the
   * median extent of a route's box in one slice.
   */
  readonly cellM?: number;
}

/** Boxes of (route, slice), as parallel arrays ordered by slice. */
interface SliceBoxes {
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

function sliceBoxes(paths: readonly RoutePath[], t0: number, sliceMs: number, slices: number): SliceBoxes {
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

/** Growable list of candidate meetings, one number each: pair key * slices + slice. */
class Meetings {
  data = new Float64Array(1 << 14);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
}

interface SliceScan {
  readonly sb: SliceBoxes;
  readonly margin: number;
  readonly cellM: number;
  readonly verticalM: number;
  readonly grid: CellGrid;
  /** Scratch for one cell's boxes. */
  buf: Int32Array;
  readonly routes: number;
  readonly slices: number;
  readonly out: Meetings;
}

/** Puts every box of slice k, widened by the margin, into the cells it touches. */
function fillGrid(sc: SliceScan, k: number): void {
  const { box } = sc.sb;
  const inv = 1 / sc.cellM;
  const m = sc.margin;
  sc.grid.clear();
  for (let b = sc.sb.sliceStart[k]!; b < sc.sb.sliceStart[k + 1]!; b++) {
    const o = b * 8;
    const x0 = Math.floor((box[o]! - m) * inv);
    const y0 = Math.floor((box[o + 1]! - m) * inv);
    const z0 = Math.floor((box[o + 2]! - m) * inv);
    const x1 = Math.floor((box[o + 3]! + m) * inv);
    const y1 = Math.floor((box[o + 4]! + m) * inv);
    const z1 = Math.floor((box[o + 5]! + m) * inv);
    for (let cx = x0; cx <= x1; cx++)
      for (let cy = y0; cy <= y1; cy++) for (let cz = z0; cz <= z1; cz++) sc.grid.add(cx, cy, cz, b);
  }
}

/**
 * Candidate pairs of slice k: widened boxes sharing a cell, overlapping, with bands within the
 * vertical minimum. Each pair is reported once, from the cell holding the low corner of the
 * boxes' intersection.
 */
function sliceCandidates(sc: SliceScan, k: number): void {
  fillGrid(sc, k);
  const { box, route } = sc.sb;
  const { grid, margin, verticalM } = sc;
  const inv = 1 / sc.cellM;
  const gap = 2 * margin;
  for (let c = 0; c < grid.cells(); c++) {
    if (sc.buf.length < sc.sb.route.length) sc.buf = new Int32Array(sc.sb.route.length);
    const n = grid.cellBoxes(c, sc.buf);
    if (n < 2) continue;
    const [cx, cy, cz] = [grid.cellX(c), grid.cellY(c), grid.cellZ(c)];
    for (let i = 0; i + 1 < n; i++) {
      const bi = sc.buf[i]!;
      const oi = bi * 8;
      for (let j = i + 1; j < n; j++) {
        const bj = sc.buf[j]!;
        const oj = bj * 8;
        if (box[oi + 6]! - box[oj + 7]! >= verticalM || box[oj + 6]! - box[oi + 7]! >= verticalM) continue;
        if (box[oi]! - box[oj + 3]! > gap || box[oj]! - box[oi + 3]! > gap) continue;
        if (box[oi + 1]! - box[oj + 4]! > gap || box[oj + 1]! - box[oi + 4]! > gap) continue;
        if (box[oi + 2]! - box[oj + 5]! > gap || box[oj + 2]! - box[oi + 5]! > gap) continue;
        if (Math.floor((Math.max(box[oi]!, box[oj]!) - margin) * inv) !== cx) continue;
        if (Math.floor((Math.max(box[oi + 1]!, box[oj + 1]!) - margin) * inv) !== cy) continue;
        if (Math.floor((Math.max(box[oi + 2]!, box[oj + 2]!) - margin) * inv) !== cz) continue;
        const [ra, rb] = [route[bi]!, route[bj]!];
        const pair = ra < rb ? ra * sc.routes + rb : rb * sc.routes + ra;
        sc.out.push(pair * sc.slices + k);
      }
    }
  }
}

/** Deconflicts routes (validated and prepared here; invalid ones throw INVALID_GEOMETRY). */
export function deconflictRoutes(
  routes: readonly Route[],
  minima: SeparationMinima,
  options: DeconflictOptions = {},
): RouteConflict[] {
  return deconflictPaths(
    routes.map((r, i) => prepareRoute(r, `/${i}`)),
    minima,
    options,
  );
}

/** Deconflicts prepared routes with the space-time index. Pairs come out as (earlier, later) in input order. */
export function deconflictPaths(
  paths: readonly RoutePath[],
  minima: SeparationMinima,
  options: DeconflictOptions = {},
): RouteConflict[] {
  if (!(minima.lateralM > 0 && minima.verticalM > 0))
    throw new JigError('INVALID_INPUT', 'separation minima must be positive', {
      issues: [
        { pointer: minima.lateralM > 0 ? '/verticalM' : '/lateralM', reason: 'must be a positive number' },
      ],
    });
  if (paths.length < 2) return [];
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const p of paths) [t0, t1] = [Math.min(t0, p.start), Math.max(t1, p.end)];
  // At most a million slices, whatever is asked: the per-slice arrays stay small.
  const sliceMs = Math.max(options.sliceMs ?? 180_000, (t1 - t0) / 1e6, 1);
  const slices = Math.floor((t1 - t0) / sliceMs) + 1;
  const sb = sliceBoxes(paths, t0, sliceMs, slices);
  const cellM = Math.max(options.cellM ?? 40_000, 4 * minima.lateralM, medianExtent(sb.box));
  // Widening by a millimetre beyond half the minimum absorbs rounding in the interpolations.
  const margin = minima.lateralM / 2 + 1e-3;
  const n = paths.length;
  const sc: SliceScan = {
    sb,
    margin,
    cellM,
    verticalM: minima.verticalM,
    grid: new CellGrid(),
    buf: new Int32Array(256),
    routes: n,
    slices,
    out: new Meetings(),
  };
  for (let k = 0; k < slices; k++) sliceCandidates(sc, k);
  // Sorting the packed numbers groups each pair's slices together, in time order.
  const met = sc.out.data.subarray(0, sc.out.length).sort();
  const conflicts: RouteConflict[] = [];
  for (let i = 0; i < met.length;) {
    const pair = Math.floor(met[i]! / slices);
    const ks: number[] = [];
    for (; i < met.length && Math.floor(met[i]! / slices) === pair; i++) ks.push(met[i]! - pair * slices);
    const [a, b] = [paths[Math.floor(pair / n)]!, paths[pair % n]!];
    const c = conflictBetween(a, b, minima, windows(ks, t0, sliceMs));
    if (c) conflicts.push(c);
  }
  return conflicts;
}

/**
 * The median longest edge of the boxes (sampled). Cells are never smaller: a box then touches a
 * handful of cells, where tiny cells would make a long box touch millions.
 */
function medianExtent(box: Float64Array): number {
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

/** Consecutive slices merged into time windows, flat [start, end, ...]. */
function windows(ks: readonly number[], t0: number, sliceMs: number): number[] {
  const out: number[] = [];
  for (const k of ks) {
    const start = t0 + k * sliceMs;
    if (out.length > 0 && out[out.length - 1] === start) out[out.length - 1] = start + sliceMs;
    else out.push(start, start + sliceMs);
  }
  return out;
}

/**
 * The reference: every pair checked exactly, no index. Quadratic; for tests and benchmarks.
 */
export function deconflictAllPairs(paths: readonly RoutePath[], minima: SeparationMinima): RouteConflict[] {
  const out: RouteConflict[] = [];
  for (let i = 0; i < paths.length; i++)
    for (let j = i + 1; j < paths.length; j++) {
      const [a, b] = [paths[i]!, paths[j]!];
      if (a.end <= b.start || b.end <= a.start) continue;
      const c = conflictBetween(a, b, minima);
      if (c) out.push(c);
    }
  return out;
}
