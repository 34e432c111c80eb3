/**
 * The exact check of one pair of routes: every interval during which the two aircraft are closer
 * than the lateral minimum while their altitude bands are closer than the vertical minimum, and
 * their closest approach within those intervals.
 *
 * The common time span is cut at every piece vertex of either route; on each cut both aircraft fly
 * one chord, so their separation vector is linear in time: the lateral condition is a quadratic,
 * each vertical condition linear, and the loss of separation on the cut is one interval in closed
 * form. The spatial index (deconflict.ts) only chooses which cuts to look at; the cuts and the
 * arithmetic are the same as in the all-pairs brute force, so both give identical answers.
 */
import type { LonLat } from './geodesy.ts';
import { positionAt } from './route.ts';
import { HI, LO, pieceAt, STRIDE, T, X, Z, type RoutePath } from './route-path.ts';

export interface SeparationMinima {
  /** Horizontal distance below which separation is lost, in metres. */
  readonly lateralM: number;
  /** Vertical distance between altitude bands below which separation is lost, in metres. */
  readonly verticalM: number;
}

/** A time interval in epoch ms, open at both ends. */
export interface LossInterval {
  readonly start: number;
  readonly end: number;
}

export interface RouteConflict {
  readonly a: string;
  readonly b: string;
  /** Disjoint, in time order. */
  readonly intervals: readonly LossInterval[];
  /** The smallest horizontal distance while separation is lost. */
  readonly closest: {
    readonly time: number;
    readonly horizontalM: number;
    /** Distance between the two altitude bands then; 0 when they overlap. */
    readonly verticalM: number;
    readonly a: LonLat;
    readonly b: LonLat;
  };
}

/** Mutable accumulator for one pair. */
interface Acc {
  intervals: { start: number; end: number }[];
  bestD2: number;
  bestT: number;
  bestGap: number;
}

/** Lowest u in [0, 1] with g0 + (g1 - g0) u < v (2 when none): the band gap shrinks past v. */
function belowFrom(g0: number, g1: number, v: number): number {
  if (g0 < v) return 0;
  return g1 < v ? (v - g0) / (g1 - g0) : 2;
}

/** Highest u in [0, 1] with g0 + (g1 - g0) u < v (-1 when none). */
function belowUntil(g0: number, g1: number, v: number): number {
  if (g1 < v) return 1;
  return g0 < v ? (v - g0) / (g1 - g0) : -1;
}

/**
 * The state at time u, A on piece ia and B on piece ib, written at out[o..o+6]: separation
 * A - B (x, y, z), then A's floor and ceiling, then B's floor and ceiling.
 */
function stateAt(
  A: RoutePath,
  ia: number,
  B: RoutePath,
  ib: number,
  u: number,
  out: Float64Array,
  o: number,
) {
  const va = A.v;
  const vb = B.v;
  const pa = ia * STRIDE;
  const pb = ib * STRIDE;
  const fa = (u - va[pa + T]!) / (va[pa + STRIDE + T]! - va[pa + T]!);
  const fb = (u - vb[pb + T]!) / (vb[pb + STRIDE + T]! - vb[pb + T]!);
  for (let c = X; c <= HI; c++) {
    const a = va[pa + c]! + fa * (va[pa + STRIDE + c]! - va[pa + c]!);
    const b = vb[pb + c]! + fb * (vb[pb + STRIDE + c]! - vb[pb + c]!);
    if (c <= Z) out[o + c - X] = a - b;
    else {
      out[o + 3 + c - LO] = a;
      out[o + 5 + c - LO] = b;
    }
  }
}

const scratchCut = new Float64Array(14);

/** One cut [u0, u1] on which A flies piece ia and B piece ib. */
function checkCut(
  A: RoutePath,
  ia: number,
  B: RoutePath,
  ib: number,
  u0: number,
  u1: number,
  m: SeparationMinima,
  acc: Acc,
) {
  const s = scratchCut;
  stateAt(A, ia, B, ib, u0, s, 0);
  stateAt(A, ia, B, ib, u1, s, 7);
  const d0x = s[0]!;
  const d0y = s[1]!;
  const d0z = s[2]!;
  const wx = s[7]! - d0x;
  const wy = s[8]! - d0y;
  const wz = s[9]! - d0z;
  const ww = wx * wx + wy * wy + wz * wz;
  const dw = d0x * wx + d0y * wy + d0z * wz;
  const dd = d0x * d0x + d0y * d0y + d0z * d0z;
  // Vertical first (cheap): A's floor above B's ceiling (g1), or B's floor above A's ceiling (g2).
  const g1a = s[3]! - s[6]!;
  const g1b = s[10]! - s[13]!;
  const g2a = s[5]! - s[4]!;
  const g2b = s[12]! - s[11]!;
  const v = m.verticalM;
  let lo = Math.max(belowFrom(g1a, g1b, v), belowFrom(g2a, g2b, v));
  let hi = Math.min(belowUntil(g1a, g1b, v), belowUntil(g2a, g2b, v));
  if (!(lo < hi)) return;
  // Lateral: |d0 + w u|^2 < D^2, a quadratic in u (written out: this is the innermost loop).
  const c = dd - m.lateralM * m.lateralM;
  if (ww === 0) {
    if (!(c < 0)) return;
  } else {
    const b = 2 * dw;
    const disc = b * b - 4 * ww * c;
    if (!(disc > 0)) return;
    const q = -0.5 * (b + (b < 0 ? -1 : 1) * Math.sqrt(disc));
    const r1 = q / ww;
    const r2 = q === 0 ? -r1 : c / q;
    lo = Math.max(lo, Math.min(r1, r2));
    hi = Math.min(hi, Math.max(r1, r2));
  }
  if (!(lo < hi)) return;
  const span = u1 - u0;
  const [start, end] = [u0 + lo * span, u0 + hi * span];
  const last = acc.intervals[acc.intervals.length - 1];
  if (last && start <= last.end) last.end = Math.max(last.end, end);
  else acc.intervals.push({ start, end });
  const u = ww === 0 ? lo : Math.min(hi, Math.max(lo, -dw / ww));
  // Clamped: with the aircraft on top of each other, rounding can take this just below zero.
  const d2 = Math.max(0, dd + 2 * dw * u + ww * u * u);
  if (d2 < acc.bestD2) {
    acc.bestD2 = d2;
    acc.bestT = u0 + u * span;
    acc.bestGap = Math.max(g1a + u * (g1b - g1a), g2a + u * (g2b - g2a));
  }
}

/**
 * Walks the cuts of the common time span that meet [from, to), in order, from `resume` on (so
 * that adjacent windows never check a cut twice); returns where it stopped.
 */
function walk(
  A: RoutePath,
  B: RoutePath,
  from: number,
  to: number,
  resume: number,
  m: SeparationMinima,
  acc: Acc,
) {
  const cs = Math.max(A.start, B.start);
  const ce = Math.min(A.end, B.end);
  const t = Math.max(cs, from, resume);
  if (t >= ce || t >= to) return resume;
  let ia = pieceAt(A, t);
  let ib = pieceAt(B, t);
  let u0 = Math.max(cs, A.v[ia * STRIDE + T]!, B.v[ib * STRIDE + T]!);
  if (u0 < resume) u0 = resume;
  const stop = Math.min(to, ce);
  for (;;) {
    const na = A.v[(ia + 1) * STRIDE + T]!;
    const nb = B.v[(ib + 1) * STRIDE + T]!;
    const u1 = Math.min(na, nb, ce);
    if (u1 > u0) checkCut(A, ia, B, ib, u0, u1, m, acc);
    if (u1 >= stop) return u1;
    if (na === u1) ia++;
    if (nb === u1) ib++;
    u0 = u1;
  }
}

/**
 * The exact conflict between two prepared routes, or undefined. `windows` (flat [start, end,
 * ...], sorted, disjoint) limits the search to cuts that meet them; without it, the whole common
 * span is searched.
 */
export function conflictBetween(
  A: RoutePath,
  B: RoutePath,
  minima: SeparationMinima,
  windows?: readonly number[],
): RouteConflict | undefined {
  const acc: Acc = { intervals: [], bestD2: Infinity, bestT: NaN, bestGap: NaN };
  if (!windows) walk(A, B, -Infinity, Infinity, -Infinity, minima, acc);
  else {
    let resume = -Infinity;
    for (let i = 0; i + 1 < windows.length; i += 2)
      resume = walk(A, B, windows[i]!, windows[i + 1]!, resume, minima, acc);
  }
  if (acc.intervals.length === 0) return undefined;
  const pa = positionAt(A.route, acc.bestT);
  const pb = positionAt(B.route, acc.bestT);
  return {
    a: A.route.id,
    b: B.route.id,
    intervals: acc.intervals,
    closest: {
      time: acc.bestT,
      horizontalM: Math.sqrt(acc.bestD2),
      verticalM: Math.max(0, acc.bestGap),
      a: pa?.position ?? [NaN, NaN],
      b: pb?.position ?? [NaN, NaN],
    },
  };
}
