/**
 * Point items (a protected site given as one position) with a reach, for the hot point query
 * "which items' reach holds this position". The items' widened boxes (`expandBox`) are cut into a
 * uniform grid; each cell holds, inline, every item whose box meets it as three 32-bit floats, so
 * a query reads one short contiguous run of memory and decides each candidate with a dozen
 * multiplications and no allocation:
 *
 * - Position as an offset from the cell's corner: rounding it to 32 bits moves it by at most
 *   2^-24 of the offset, which is under a box (92 km at most here) plus a cell (1° at most):
 *   under 1.2 cm in each axis.
 * - Distance in a local frame, Δlon·p(φm) and Δlat·M(φm), with the parallel and meridional radii
 *   at the mid-latitude taken from a Taylor series about the query's latitude
 *   (`degreeLengthSeries`). Against the geodesic its error measured at most 8.6e-5 of the distance
 *   for |φ| <= 80° and d <= 50 km, as `approxM`'s, so it is held to the same margin
 *   (`approxMargin`: 1e-3·d + 0.05 m; the 2 cm above fit in its 5 cm).
 * - The squared distance is compared with the margin folded into the limit (stored rounded up): a
 *   candidate is dropped only when d - margin(d) > reach, accepted (fast mode) only when
 *   d + margin(d) <= reach, and settled with the geodesic in between (or always in exact mode,
 *   for its distance).
 *
 * Only items the frame is valid for are taken (`PointGrid.accepts`): |φ| <= 79° and reach <= 45 km,
 * so any query within reach lies within 79.5° and 50 km; the rest stay in the general path. A
 * query farther away than that is at least 55 km from every item here, and the frame's latitude
 * term alone then puts it beyond every reach.
 */
import {
  APPROX_ABS_MARGIN,
  APPROX_REL_MARGIN,
  degreeLengthSeries,
  expandBox,
  geodesicM,
} from './distance.ts';

const MAX_LAT = 79;
const MAX_REACH = 45_000;
/** Member layout (64-bit): x (longitude as given), y, reach. */
const M_STRIDE = 3;
/**
 * Entry layout (32-bit): x and y offsets from the cell's corner, then the squared distances below
 * which the margin cannot take a candidate out of reach (accept) and beyond which it cannot bring
 * it in (drop). Deciding from the entry alone matters: reading the member's own record for each
 * candidate cost several times the whole scan of the cell.
 */
const STRIDE = 4;
const MAX_CELLS = 1 << 22;
const MAX_CELL_DEG = 1;
/** Cells about the size of an item's box: measured faster than smaller ones (less memory to read). */
const CELL_FRACTION = 1;
const REJECT = 1 / (1 - APPROX_REL_MARGIN);
const ACCEPT = 1 / (1 + APPROX_REL_MARGIN);

/** Called for each item whose reach holds the query: the item, distance (m) and margin (m, 0 if exact). */
export type PointVisit<T> = (item: T, distanceM: number, marginM: number) => void;

interface Grid {
  readonly minX: number;
  readonly minY: number;
  readonly cw: number;
  readonly ch: number;
  readonly nx: number;
  readonly ny: number;
  readonly start: Uint32Array;
  readonly data: Float32Array;
  /** Member index of each entry. */
  readonly members: Uint32Array;
  /**
   * The item of each entry, again in entry order: a cell's items then sit together in memory,
   * where looking each up by member index cost a cache miss per match (half the query's time).
   */
  readonly items: readonly unknown[];
}

const EMPTY: Grid = {
  minX: 0,
  minY: 0,
  cw: 1,
  ch: 1,
  nx: 0,
  ny: 0,
  start: new Uint32Array(1),
  data: new Float32Array(0),
  members: new Uint32Array(0),
  items: [],
};

/** Squared distance beyond which d - margin(d) > reach, rounded up to a 32-bit float. */
function farSquared(reach: number): number {
  const far = (reach + APPROX_ABS_MARGIN) * REJECT;
  return Math.fround(far * far * (1 + 2 ** -22));
}

/** Squared distance below which d + margin(d) <= reach, rounded down; -1 when there is none. */
function nearSquared(reach: number): number {
  const near = (reach - APPROX_ABS_MARGIN) * ACCEPT;
  return near > 0 ? Math.fround(near * near * (1 - 2 ** -22)) : -1;
}

export class PointGrid<T> {
  /** Members in order of addition, M_STRIDE numbers each; items and tombstones alongside. */
  private data = new Float64Array(0);
  private items: (T | undefined)[] = [];
  private dead = new Uint8Array(0);
  private count = 0;
  private builtCount = 0;
  private liveCount = 0;
  private readonly members = new Map<number, number>();
  private grid = EMPTY;
  private minX = Infinity;
  private maxX = -Infinity;
  /** Whether an item at latitude `lat` with this reach can be held here (see the module comment). */
  static accepts(lat: number, reachM: number): boolean {
    return Math.abs(lat) <= MAX_LAT && reachM >= 0 && reachM <= MAX_REACH;
  }

  get size(): number {
    return this.liveCount;
  }

  /**
   * Adds `item` at (x, y) under its owner's `slot`; it goes to a short list scanned linearly until
   * the next rebuild (done here when enough pile up, unless `rebuild` is false).
   */
  add(slot: number, item: T, x: number, y: number, reachM: number, rebuild = true): void {
    if (!PointGrid.accepts(y, reachM)) throw new Error('point outside the grid frame');
    if (this.members.has(slot)) throw new Error(`slot ${slot} already held`);
    if (M_STRIDE * this.count === this.data.length) this.grow();
    const o = M_STRIDE * this.count;
    this.data[o] = x;
    this.data[o + 1] = y;
    this.data[o + 2] = reachM;
    this.items[this.count] = item;
    this.members.set(slot, this.count++);
    this.liveCount++;
    const box = expandBox([x, y, x, y], reachM);
    this.minX = Math.min(this.minX, box[0]);
    this.maxX = Math.max(this.maxX, box[2]);
    if (rebuild && this.count - this.builtCount > Math.max(64, this.builtCount >> 4)) this.rebuild();
  }

  /** Removes the item of `slot`: tombstoned, and its grid entries made unmatchable at once. */
  remove(slot: number): void {
    const m = this.members.get(slot);
    if (m === undefined) return;
    this.members.delete(slot);
    this.dead[m] = 1;
    this.items[m] = undefined;
    this.liveCount--;
    if (m >= this.builtCount) return;
    const g = this.grid;
    this.eachCell(m, g, (c) => {
      for (let k = g.start[c]!, end = g.start[c + 1]!; k < end; k++)
        if (g.members[k] === m) g.data[STRIDE * k] = NaN; // NaN fails every distance test
    });
  }

  private grow(): void {
    const n = Math.max(64, 2 * this.dead.length);
    const data = new Float64Array(M_STRIDE * n);
    data.set(this.data);
    const dead = new Uint8Array(n);
    dead.set(this.dead);
    [this.data, this.dead] = [data, dead];
  }

  private box(m: number): [number, number, number, number] {
    const x = this.data[M_STRIDE * m]!,
      y = this.data[M_STRIDE * m + 1]!;
    // Widened by the absolute margin, as the distance tests are: a query at a geodesic distance of
    // zero may still differ in its last bits (a latitude of 5e-324 against 0) from the item's.
    return expandBox([x, y, x, y], this.data[M_STRIDE * m + 2]! + APPROX_ABS_MARGIN);
  }

  private eachCell(m: number, g: Grid, fn: (c: number) => void): void {
    const [x0, y0, x1, y1] = this.box(m);
    const cx0 = Math.max(0, Math.floor((x0 - g.minX) / g.cw)),
      cx1 = Math.min(g.nx - 1, Math.floor((x1 - g.minX) / g.cw));
    const cy0 = Math.max(0, Math.floor((y0 - g.minY) / g.ch)),
      cy1 = Math.min(g.ny - 1, Math.floor((y1 - g.minY) / g.ch));
    for (let cy = cy0; cy <= cy1; cy++) for (let cx = cx0; cx <= cx1; cx++) fn(cy * g.nx + cx);
  }

  /** Rebuilds the grid over every live member. */
  rebuild(): void {
    this.builtCount = this.count;
    const live: number[] = [];
    for (let m = 0; m < this.count; m++) if (!this.dead[m]) live.push(m);
    this.grid = live.length === 0 ? EMPTY : this.layout(live);
  }

  /** Grid bounds and cell size from the members' boxes, then each member copied into its cells. */
  private layout(live: readonly number[]): Grid {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity,
      sumW = 0,
      sumH = 0;
    for (const m of live) {
      const [x0, y0, x1, y1] = this.box(m);
      [minX, minY, maxX, maxY] = [
        Math.min(minX, x0),
        Math.min(minY, y0),
        Math.max(maxX, x1),
        Math.max(maxY, y1),
      ];
      sumW += x1 - x0;
      sumH += y1 - y0;
    }
    const w = maxX - minX || 1e-9,
      h = maxY - minY || 1e-9;
    let cw = Math.max((CELL_FRACTION * sumW) / live.length, w / 8192, 1e-9),
      ch = Math.max((CELL_FRACTION * sumH) / live.length, h / 8192, 1e-9);
    // floor + 1, not ceil: a point on the far edge of the bounds must still fall in a cell.
    for (;;) {
      const nx = Math.floor(w / cw) + 1,
        ny = Math.floor(h / ch) + 1;
      const probe = { ...EMPTY, minX, minY, cw, ch, nx, ny };
      if (nx * ny <= MAX_CELLS) {
        let entries = 0;
        for (const m of live) this.eachCell(m, probe, () => entries++);
        // A few copies per member, so that a handful of far-reaching items cannot blow up memory;
        // but cells stay small enough for the 32-bit offsets (module comment).
        const canGrow = 1.5 * cw <= MAX_CELL_DEG && 1.5 * ch <= MAX_CELL_DEG;
        if (entries <= 16 * live.length + 65_536 || !canGrow) return this.fill(live, probe);
      }
      cw *= 1.5;
      ch *= 1.5;
    }
  }

  private fill(live: readonly number[], probe: Grid): Grid {
    const { nx, ny } = probe;
    const start = new Uint32Array(nx * ny + 1);
    for (const m of live) this.eachCell(m, probe, (c) => start[c + 1]!++);
    for (let c = 0; c < nx * ny; c++) start[c + 1]! += start[c]!;
    const data = new Float32Array(STRIDE * start[nx * ny]!);
    const members = new Uint32Array(start[nx * ny]!);
    const items = new Array<T | undefined>(start[nx * ny]!).fill(undefined);
    const next = start.slice(0, nx * ny);
    for (const m of live) {
      const o = M_STRIDE * m;
      const far2 = farSquared(this.data[o + 2]!),
        near2 = nearSquared(this.data[o + 2]!);
      this.eachCell(m, probe, (c) => {
        const k = next[c]!++;
        data[STRIDE * k] = this.data[o]! - (probe.minX + (c % nx) * probe.cw);
        data[STRIDE * k + 1] = this.data[o + 1]! - (probe.minY + Math.floor(c / nx) * probe.ch);
        data[STRIDE * k + 2] = far2;
        data[STRIDE * k + 3] = near2;
        members[k] = m;
        items[k] = this.items[m];
      });
    }
    return { ...probe, start, data, members, items };
  }

  /**
   * Calls visit(item, distanceM, marginM) for every item whose reach holds (x, y); returns how
   * many. Allocates nothing. `exact` makes every reported distance geodesic.
   */
  near(x: number, y: number, exact: boolean, visit: PointVisit<T>): number {
    if (this.liveCount === 0 || !(Math.abs(y) <= 90)) return 0;
    let n = this.nearFrame(x, x, y, exact, visit);
    if (this.maxX > 180 && x + 360 <= this.maxX) n += this.nearFrame(x + 360, x, y, exact, visit);
    if (this.minX < -180 && x - 360 >= this.minX) n += this.nearFrame(x - 360, x, y, exact, visit);
    return n;
  }

  /** The query at (x, y) in the frame shifted by x - qx (0 or ±360), qx as given. */
  private nearFrame(x: number, qx: number, y: number, exact: boolean, visit: PointVisit<T>): number {
    degreeLengthSeries(y, SERIES);
    // Copied out before any visit: a visitor may query again.
    const p0 = SERIES[0]!,
      p1 = SERIES[1]!,
      p2 = SERIES[2]!,
      m0 = SERIES[3]!,
      m1 = SERIES[4]!;
    let n = 0;
    const g = this.grid;
    const cx = Math.floor((x - g.minX) / g.cw),
      cy = Math.floor((y - g.minY) / g.ch);
    if (cx >= 0 && cy >= 0 && cx < g.nx && cy < g.ny) {
      const c = cy * g.nx + cx;
      // The query's offsets from the cell's corner, computed as the entries' were.
      const ux = x - (g.minX + cx * g.cw),
        uy = y - (g.minY + cy * g.ch);
      const d = g.data;
      for (let k = g.start[c]!, end = g.start[c + 1]!; k < end; k++) {
        const o = STRIDE * k;
        const dLat = d[o + 1]! - uy,
          h = 0.5 * dLat;
        const dx = (d[o]! - ux) * (p0 + h * (p1 + h * p2)),
          dy = dLat * (m0 + h * m1);
        const d2 = dx * dx + dy * dy;
        if (!(d2 <= d[o + 2]!)) continue; // also drops NaN: removed entries
        if (!exact && d2 <= d[o + 3]!) {
          const dist = Math.sqrt(d2);
          visit(g.items[k] as T, dist, dist * APPROX_REL_MARGIN + APPROX_ABS_MARGIN);
          n++;
        } else n += this.settle(g.members[k]!, Math.sqrt(d2), qx, y, exact, visit);
      }
    }
    for (let m = this.builtCount; m < this.count; m++) {
      if (this.dead[m]) continue;
      const o = M_STRIDE * m,
        d = this.data;
      const dLat = d[o + 1]! - y,
        h = 0.5 * dLat;
      const dx = (d[o]! - x) * (p0 + h * (p1 + h * p2)),
        dy = dLat * (m0 + h * m1);
      const d2 = dx * dx + dy * dy;
      if (!(d2 <= farSquared(d[o + 2]!))) continue;
      n += this.settle(m, Math.sqrt(d2), qx, y, exact, visit);
    }
    return n;
  }

  /** A candidate not ruled out by the frame: accepted with its margin, or settled by the geodesic. */
  private settle(
    m: number,
    dist: number,
    qx: number,
    qy: number,
    exact: boolean,
    visit: PointVisit<T>,
  ): number {
    const o = M_STRIDE * m;
    const reach = this.data[o + 2]!;
    if (!exact && dist <= (reach - APPROX_ABS_MARGIN) * ACCEPT) {
      visit(this.items[m]!, dist, dist * APPROX_REL_MARGIN + APPROX_ABS_MARGIN);
      return 1;
    }
    const e = geodesicM(qx, qy, this.data[o]!, this.data[o + 1]!);
    if (!(e <= reach)) return 0;
    visit(this.items[m]!, e, 0);
    return 1;
  }
}

const SERIES = new Float64Array(5);
