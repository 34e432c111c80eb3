/**
 * Point in polygon for polygons queried many times (designated areas, zones). Three layers:
 *
 * 1. A coarse grid of cells over the shell's box. A cell that no edge's box meets holds no
 *    boundary point, so one exact test at its centre settles every point in it: most queries read
 *    one byte. (The cell of a point is floor((x - minX) / w); that is monotonic in x, so a point on
 *    an edge always falls in a cell the edge's box was marked in.)
 * 2. For the other cells, a ray cast along the cheapest of four directions, chosen per cell at
 *    build time: left or right along a horizontal strip, down or up along a vertical one. Spiky or
 *    ragged outlines cross a horizontal line dozens of times near their top, a vertical one a few.
 * 3. Each strip keeps its edges twice, sorted by their near and far extent along the ray, so a ray
 *    stops at the first edge that lies wholly behind the point.
 *
 * Left and right rays use the same crossing abscissa, so they agree exactly with the classic
 * right-going test (`planar.pointInRing`): the line crosses the boundary an even number of times.
 * Vertical rays compute the crossing the other way round, so for a point within rounding distance
 * of an edge (about 1e-16 of a degree) they may decide the other way; a point exactly on an edge
 * that is vertical, horizontal, or at a vertex is inside either way.
 */
import { flatBounds } from './planar.ts';

type Index = Uint16Array | Uint32Array;

interface Strips {
  /** Lowest and highest coordinate across the strips (the shell's bounds), strip height, count. */
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly count: number;
  readonly start: Uint32Array;
  /** Per strip: edges by increasing low end along the ray axis, and by decreasing high end. */
  readonly lowAsc: Index;
  readonly highDesc: Index;
}

export interface PreparedPolygon {
  /** Every edge of every ring: [ax, ay, bx, by] repeated. Even-odd over all rings honours holes. */
  readonly edges: Float64Array;
  readonly rings: readonly Float64Array[];
  /** Horizontal strips (rays along x) and vertical strips (rays along y). */
  readonly rows: Strips;
  readonly cols: Strips;
  /** Cells over the shell's box, row-major, each a state below. */
  readonly cells: Uint8Array;
  readonly cellBox: Float64Array; // minX, minY, w, h, nx, ny
}

const OUTSIDE = 0,
  INSIDE = 1,
  LEFT = 2,
  RIGHT = 3,
  DOWN = 4,
  UP = 5;
/** Polygons with fewer edges than this get no cells: one strip is then only a few edges. */
const MIN_EDGES_FOR_CELLS = 32;

export function preparePolygon(rings: Float64Array[]): PreparedPolygon {
  const n = rings.reduce((s, r) => s + r.length / 2 - 1, 0);
  const edges = new Float64Array(4 * n);
  let k = 0;
  for (const r of rings) for (let i = 0; i + 3 < r.length; i += 2) edges.set(r.subarray(i, i + 4), 4 * k++);
  const [minX, minY, maxX, maxY] = flatBounds(rings[0]!);
  const count = Math.max(1, Math.min(1024, n >> 2));
  const rows = buildStrips(edges, n, 1, minY, maxY, count);
  const cols = buildStrips(edges, n, 0, minX, maxX, count);
  const p = { edges, rings, rows, cols, cells: new Uint8Array(0), cellBox: new Float64Array(6) };
  return n < MIN_EDGES_FOR_CELLS ? p : { ...p, ...classifyCells(p, n, [minX, minY, maxX, maxY]) };
}

/** Strips across axis `a` (1: horizontal strips by y, rays along x; 0: vertical, rays along y). */
function buildStrips(e: Float64Array, n: number, a: 0 | 1, lo: number, hi: number, count: number): Strips {
  const step = (hi - lo) / count || 1;
  const of = (v: number) => Math.min(count - 1, Math.max(0, Math.floor((v - lo) / step)));
  const s0 = new Uint32Array(n),
    s1 = new Uint32Array(n);
  const start = new Uint32Array(count + 1);
  for (let i = 0; i < n; i++) {
    s0[i] = of(Math.min(e[4 * i + a]!, e[4 * i + 2 + a]!));
    s1[i] = of(Math.max(e[4 * i + a]!, e[4 * i + 2 + a]!));
    for (let s = s0[i]!; s <= s1[i]!; s++) start[s + 1]!++;
  }
  for (let s = 0; s < count; s++) start[s + 1]! += start[s]!;
  const Arr = n <= 0xffff ? Uint16Array : Uint32Array;
  const lowAsc = new Arr(start[count]!);
  const next = start.slice(0, count);
  for (let i = 0; i < n; i++) for (let s = s0[i]!; s <= s1[i]!; s++) lowAsc[next[s]!++] = i;
  const highDesc = lowAsc.slice();
  const b = 1 - a; // the ray's axis
  const low = new Float64Array(n),
    negHigh = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    low[i] = Math.min(e[4 * i + b]!, e[4 * i + 2 + b]!);
    negHigh[i] = -Math.max(e[4 * i + b]!, e[4 * i + 2 + b]!);
  }
  for (let s = 0; s < count; s++) {
    sortBy(lowAsc, start[s]!, start[s + 1]!, low);
    sortBy(highDesc, start[s]!, start[s + 1]!, negHigh);
  }
  return { min: lo, max: hi, step, count, start, lowAsc, highDesc };
}

/** Sorts list[from, to) by key[item]: insertion sort for the usual short strip (typed-array sort with a comparator is slow). */
function sortBy(list: Index, from: number, to: number, key: Float64Array): void {
  if (to - from > 48) {
    list.subarray(from, to).sort((i, j) => key[i]! - key[j]!);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = list[i]!,
      k = key[v]!;
    let j = i - 1;
    while (j >= from && key[list[j]!]! > k) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = v;
  }
}

/**
 * Marks every cell an edge's box meets (widened by a millionth of a cell) as needing a ray; every
 * other cell gets the exact answer at its centre, shared along a run of such cells in a row (an
 * edge between two of them would meet both). A ray cell takes the direction whose strip has the
 * fewest edges to visit from its centre.
 */
function classifyCells(p: PreparedPolygon, n: number, [minX, minY, maxX, maxY]: number[]) {
  const nx = Math.min(128, Math.round(2 * Math.sqrt(n))),
    ny = nx;
  const w = (maxX! - minX!) / nx || 1e-9,
    h = (maxY! - minY!) / ny || 1e-9;
  const cells = new Uint8Array(nx * ny);
  const col = (x: number) => Math.min(nx - 1, Math.max(0, Math.floor((x - minX!) / w)));
  const row = (y: number) => Math.min(ny - 1, Math.max(0, Math.floor((y - minY!) / h)));
  const e = p.edges;
  for (let i = 0; i < e.length; i += 4) {
    const x0 = col(Math.min(e[i]!, e[i + 2]!) - w * 1e-6),
      x1 = col(Math.max(e[i]!, e[i + 2]!) + w * 1e-6);
    const y0 = row(Math.min(e[i + 1]!, e[i + 3]!) - h * 1e-6),
      y1 = row(Math.max(e[i + 1]!, e[i + 3]!) + h * 1e-6);
    for (let cy = y0; cy <= y1; cy++) cells.fill(LEFT, cy * nx + x0, cy * nx + x1 + 1);
  }
  for (let cy = 0; cy < ny; cy++) {
    let run: number | undefined;
    for (let cx = 0; cx < nx; cx++) {
      const c = cy * nx + cx;
      const x = minX! + (cx + 0.5) * w,
        y = minY! + (cy + 0.5) * h;
      if (cells[c] === LEFT) {
        run = undefined;
        cells[c] = cheapestRay(p, x, y);
      } else cells[c] = run ??= ray(p, x, y, RIGHT) ? INSIDE : OUTSIDE;
    }
  }
  return { cells, cellBox: Float64Array.of(minX!, minY!, w, h, nx, ny) };
}

function cheapestRay(p: PreparedPolygon, x: number, y: number): number {
  let best = RIGHT,
    bestCost = Infinity;
  for (let dir = LEFT; dir <= UP; dir++) {
    const horizontal = dir === LEFT || dir === RIGHT;
    const st = horizontal ? p.rows : p.cols;
    const u = horizontal ? x : y,
      v = horizontal ? y : x;
    const s = stripOf(st, v);
    if (s < 0) return OUTSIDE;
    const a = horizontal ? 0 : 1;
    const low = dir === LEFT || dir === DOWN;
    let cost = 0;
    for (let k = st.start[s]!; k < st.start[s + 1]! && cost < bestCost; k++) {
      const i = 4 * (low ? st.lowAsc[k]! : st.highDesc[k]!);
      const lo = Math.min(p.edges[i + a]!, p.edges[i + 2 + a]!),
        hi = Math.max(p.edges[i + a]!, p.edges[i + 2 + a]!);
      if (low ? lo > u : hi < u) break;
      cost++;
    }
    if (cost < bestCost) [best, bestCost] = [dir, cost];
  }
  return best;
}

/**
 * The strip holding v, clamped as the edges' strips were (so a point on an edge finds it), or -1
 * beyond the shell's bounds. Comparing with the bounds themselves, not min + count·step, keeps a
 * vertex at the very top inside: that sum can round below it.
 */
function stripOf(st: Strips, v: number): number {
  if (!(v >= st.min && v <= st.max)) return -1;
  return Math.min(st.count - 1, Math.max(0, Math.floor((v - st.min) / st.step)));
}

/** Even-odd point in polygon (holes included, edges inside): one cell read, else one ray. */
export function inPolygon(x: number, y: number, p: PreparedPolygon): boolean {
  const b = p.cellBox;
  const cx = Math.floor((x - b[0]!) / b[2]!),
    cy = Math.floor((y - b[1]!) / b[3]!);
  if (cx >= 0 && cy >= 0 && cx < b[4]! && cy < b[5]!) {
    const state = p.cells[cy * b[4]! + cx]!;
    if (state <= INSIDE) return state === INSIDE;
    return ray(p, x, y, state);
  }
  return ray(p, x, y, RIGHT);
}

/**
 * Parity of the boundary crossings on one side of the point along its strip, the boundary itself
 * counting as inside. Written for a horizontal ray (u = x along the ray, v = y across it); a
 * vertical ray reads each edge with its coordinates swapped.
 */
function ray(p: PreparedPolygon, x: number, y: number, dir: number): boolean {
  const horizontal = dir === LEFT || dir === RIGHT;
  const st = horizontal ? p.rows : p.cols;
  const u = horizontal ? x : y,
    v = horizontal ? y : x;
  const s = stripOf(st, v);
  if (s < 0) return false;
  const a = horizontal ? 0 : 1,
    c = 1 - a;
  const low = dir === LEFT || dir === DOWN;
  const list = low ? st.lowAsc : st.highDesc;
  const e = p.edges;
  let inside = false;
  for (let k = st.start[s]!, end = st.start[s + 1]!; k < end; k++) {
    const i = 4 * list[k]!;
    const au = e[i + a]!,
      av = e[i + c]!,
      bu = e[i + 2 + a]!,
      bv = e[i + 2 + c]!;
    // Past this edge every edge lies wholly behind the point along the ray: none can count.
    if (low ? (au < bu ? au : bu) > u : (au > bu ? au : bu) < u) break;
    if (av > v !== bv > v) {
      const t = au + ((v - av) * (bu - au)) / (bv - av);
      if (low ? t < u : u < t) inside = !inside;
      else if (u === t) return true;
    } else if (av === v && ((bv === v && (u - au) * (u - bu) <= 0) || au === u)) return true;
  }
  return inside;
}
