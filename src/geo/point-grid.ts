/**
 * Point items (a protected site given as one position) with a reach, for the hot point query
 * "which items' reach holds this position". The items' widened boxes (`expandBox`) are cut into a
 * uniform grid whose cells hold each item's position, radii of curvature and reach inline, so a
 * query reads one contiguous run of memory and decides each candidate with a few multiplications:
 *
 * - Distance in a local frame: Δlon·p̄ and Δlat·M̄, where p̄ and M̄ are the means of the parallel
 *   radius (N·cos φ) and the meridional radius at the two latitudes. That equals `approxM`'s
 *   mid-latitude radii to second order in Δφ; its error against the geodesic measured at most
 *   8.9e-5 of the distance for |φ| <= 80° and d <= 50 km, the same as `approxM`, so it is held to
 *   the same margin (`approxMargin`: 1e-3·d + 0.05 m).
 * - Squared distances are compared with the margin folded into the limit: a candidate is dropped
 *   only when d - margin(d) > reach, accepted (fast mode) only when d + margin(d) <= reach, and
 *   settled with the geodesic in between (or always, in exact mode, for its distance).
 *
 * Only items the frame is valid for are taken (`PointGrid.accepts`): |φ| <= 79° and reach <= 45 km,
 * so any query within reach lies within 79.5° and 50 km; the rest stay in the general path. A
 * query beyond that is at least 55 km from every item here, and the frame then overstates no
 * distance below the reach, so it drops them all, correctly.
 */
import {
  APPROX_ABS_MARGIN,
  APPROX_REL_MARGIN,
  expandBox,
  geodesicM,
  meridianDegM,
  parallelDegM,
} from './distance.ts';

const MAX_LAT = 79;
const MAX_REACH = 45_000;
/** Entry layout: x (longitude as given), y, metres per degree of longitude and latitude there, reach. */
const STRIDE = 5;
const MAX_CELLS = 1 << 22;
/** Cells about half an item's box: each item sits in about 9 cells, a cell holds about 2.3 boxes' worth. */
const CELL_FRACTION = 0.5;
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
  readonly data: Float64Array;
  /** Member index of each entry. */
  readonly members: Uint32Array;
}

const EMPTY: Grid = {
  minX: 0,
  minY: 0,
  cw: 1,
  ch: 1,
  nx: 0,
  ny: 0,
  start: new Uint32Array(1),
  data: new Float64Array(0),
  members: new Uint32Array(0),
};

export class PointGrid<T> {
  /** Members in order of addition, STRIDE numbers each; items and tombstones alongside. */
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
    if (STRIDE * this.count === this.data.length) this.grow();
    const o = STRIDE * this.count;
    const d = this.data;
    d[o] = x;
    d[o + 1] = y;
    d[o + 2] = parallelDegM(y);
    d[o + 3] = meridianDegM(y);
    d[o + 4] = reachM;
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
    const data = new Float64Array(STRIDE * n);
    data.set(this.data);
    const dead = new Uint8Array(n);
    dead.set(this.dead);
    [this.data, this.dead] = [data, dead];
  }

  private box(m: number): [number, number, number, number] {
    const x = this.data[STRIDE * m]!,
      y = this.data[STRIDE * m + 1]!;
    return expandBox([x, y, x, y], this.data[STRIDE * m + 4]!);
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
    const cells = () => (Math.floor(w / cw) + 1) * (Math.floor(h / ch) + 1);
    for (;;) {
      const probe = { ...EMPTY, minX, minY, cw, ch, nx: Math.floor(w / cw) + 1, ny: Math.floor(h / ch) + 1 };
      let entries = 0;
      if (cells() <= MAX_CELLS) for (const m of live) this.eachCell(m, probe, () => entries++);
      // Keep the copies to a few per member: a handful of far-reaching items must not blow up memory.
      if (cells() <= MAX_CELLS && entries <= 16 * live.length + 65_536) return this.fill(live, probe);
      cw *= 1.5;
      ch *= 1.5;
    }
  }

  private fill(live: readonly number[], probe: Grid): Grid {
    const { nx, ny } = probe;
    const start = new Uint32Array(nx * ny + 1);
    for (const m of live) this.eachCell(m, probe, (c) => start[c + 1]!++);
    for (let c = 0; c < nx * ny; c++) start[c + 1]! += start[c]!;
    const data = new Float64Array(STRIDE * start[nx * ny]!);
    const members = new Uint32Array(start[nx * ny]!);
    const next = start.slice(0, nx * ny);
    for (const m of live)
      this.eachCell(m, probe, (c) => {
        const k = next[c]!++;
        data.set(this.data.subarray(STRIDE * m, STRIDE * m + STRIDE), STRIDE * k);
        members[k] = m;
      });
    return { ...probe, start, data, members };
  }

  /**
   * Calls visit(item, distanceM, marginM) for every item whose reach holds (x, y); returns how
   * many. Allocates nothing. `exact` makes every reported distance geodesic.
   */
  near(x: number, y: number, exact: boolean, visit: PointVisit<T>): number {
    if (this.liveCount === 0 || Math.abs(y) > 90) return 0;
    const kx = parallelDegM(y),
      ky = meridianDegM(y);
    let n = this.nearFrame(x, x, y, kx, ky, exact, visit);
    if (this.maxX > 180 && x + 360 <= this.maxX) n += this.nearFrame(x + 360, x, y, kx, ky, exact, visit);
    if (this.minX < -180 && x - 360 >= this.minX) n += this.nearFrame(x - 360, x, y, kx, ky, exact, visit);
    return n;
  }

  private nearFrame(
    x: number,
    qx: number,
    y: number,
    kx: number,
    ky: number,
    exact: boolean,
    visit: PointVisit<T>,
  ): number {
    const g = this.grid;
    let n = 0;
    const cx = Math.floor((x - g.minX) / g.cw),
      cy = Math.floor((y - g.minY) / g.ch);
    if (cx >= 0 && cy >= 0 && cx < g.nx && cy < g.ny) {
      const c = cy * g.nx + cx;
      const d = g.data;
      for (let k = g.start[c]!, end = g.start[c + 1]!; k < end; k++) {
        const o = STRIDE * k;
        const dx = (d[o]! - x) * (d[o + 2]! + kx) * 0.5,
          dy = (d[o + 1]! - y) * (d[o + 3]! + ky) * 0.5;
        const d2 = dx * dx + dy * dy;
        const far = (d[o + 4]! + APPROX_ABS_MARGIN) * REJECT;
        if (!(d2 <= far * far)) continue; // also drops NaN: removed entries
        n += this.settle(g.members[k]!, Math.sqrt(d2), d[o + 4]!, qx, y, d[o]!, d[o + 1]!, exact, visit);
      }
    }
    for (let m = this.builtCount; m < this.count; m++) {
      if (this.dead[m]) continue;
      const o = STRIDE * m,
        d = this.data;
      const dx = (d[o]! - x) * (d[o + 2]! + kx) * 0.5,
        dy = (d[o + 1]! - y) * (d[o + 3]! + ky) * 0.5;
      const dist = Math.sqrt(dx * dx + dy * dy);
      if (dist > (d[o + 4]! + APPROX_ABS_MARGIN) * REJECT) continue;
      n += this.settle(m, dist, d[o + 4]!, qx, y, d[o]!, d[o + 1]!, exact, visit);
    }
    return n;
  }

  /** A candidate not ruled out by the frame: accepted with its margin, or settled by the geodesic. */
  private settle(
    m: number,
    dist: number,
    reach: number,
    qx: number,
    qy: number,
    sx: number,
    sy: number,
    exact: boolean,
    visit: PointVisit<T>,
  ): number {
    if (!exact && dist <= (reach - APPROX_ABS_MARGIN) * ACCEPT) {
      visit(this.items[m]!, dist, dist * APPROX_REL_MARGIN + APPROX_ABS_MARGIN);
      return 1;
    }
    const e = geodesicM(qx, qy, sx, sy);
    if (!(e <= reach)) return 0;
    visit(this.items[m]!, e, 0);
    return 1;
  }
}
