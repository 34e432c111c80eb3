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
import { prepareRoute, type RoutePath } from './route-path.ts';
import { medianExtent, sliceBoxes, type SliceBoxes } from './route-boxes.ts';
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
  // At most a million slices, whatever is asked, and few enough that a meeting (pair * slices +
  // slice) stays an exact integer in a double.
  const maxSlices = Math.max(1, Math.min(1e6, Math.floor(2 ** 52 / (paths.length * paths.length))));
  const sliceMs = Math.max(options.sliceMs ?? 180_000, (t1 - t0) / maxSlices, 1);
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
