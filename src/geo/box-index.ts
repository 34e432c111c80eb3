/**
 * Candidate search over boxes: a static flatbush R-tree rebuilt on change, a uniform grid built
 * from it so that a point lookup is one cell read (flatbush answers a point query in about a
 * microsecond; the grid in a few tens of nanoseconds, which is what a million checks a second
 * needs), and a small overflow list for boxes added since the last rebuild. Removed entries are
 * tombstoned until the next rebuild. Longitudes may lie beyond ±180 (unwrapped shapes); a point
 * query is repeated at lon ± 360 when the boxes reach that far. Boxes added as `boxOnly` take part
 * in box queries only: their owner answers point queries for them another way (see `PointGrid`).
 */
import Flatbush from 'flatbush';

const MAX_CELLS = 1 << 22;

export class BoxIndex {
  private boxes = new Float64Array(0);
  private count = 0;
  private tree: Flatbush | undefined;
  private builtCount = 0;
  private dead = new Uint8Array(0);
  private boxOnly = new Uint8Array(0);
  private deadCount = 0;
  private grid = {
    minX: 0,
    minY: 0,
    cw: 1,
    ch: 1,
    nx: 0,
    ny: 0,
    start: new Uint32Array(1),
    items: new Uint32Array(0),
    boxes: new Float64Array(0),
  };
  private minX = Infinity;
  private maxX = -Infinity;

  constructor(boxes: readonly (readonly number[])[] = [], boxOnly: readonly boolean[] = []) {
    boxes.forEach((b, i) => this.push(b, boxOnly[i] ?? false));
    this.rebuild();
  }

  get size(): number {
    return this.count - this.deadCount;
  }

  /** Adds a box; returns its slot. Goes to the overflow list until enough pile up for a rebuild. */
  add(box: readonly number[], boxOnly = false): number {
    const slot = this.push(box, boxOnly);
    if (this.count - this.builtCount > Math.max(64, this.builtCount >> 4)) this.rebuild();
    return slot;
  }

  remove(slot: number): void {
    if (slot >= this.count || this.dead[slot]) return;
    this.dead[slot] = 1;
    this.deadCount++;
  }

  isLive(slot: number): boolean {
    return slot < this.count && this.dead[slot] === 0;
  }

  private push(b: readonly number[], boxOnly: boolean): number {
    if (4 * (this.count + 1) > this.boxes.length) {
      const grown = new Float64Array(Math.max(64, this.boxes.length * 2));
      grown.set(this.boxes);
      this.boxes = grown;
      const d = new Uint8Array(grown.length / 4);
      d.set(this.dead);
      this.dead = d;
      const o = new Uint8Array(grown.length / 4);
      o.set(this.boxOnly);
      this.boxOnly = o;
    }
    this.boxes.set(b.slice(0, 4), 4 * this.count);
    this.boxOnly[this.count] = boxOnly ? 1 : 0;
    this.minX = Math.min(this.minX, b[0]!);
    this.maxX = Math.max(this.maxX, b[2]!);
    return this.count++;
  }

  /** Rebuilds the R-tree and grid over every live slot (slots keep their numbers). */
  rebuild(): void {
    const live: number[] = [];
    for (let i = 0; i < this.count; i++) if (!this.dead[i]) live.push(i);
    this.builtCount = this.count;
    if (live.length === 0) {
      this.tree = undefined;
      this.grid = { ...this.grid, nx: 0, ny: 0 };
      return;
    }
    const tree = new Flatbush(live.length);
    const b = this.boxes;
    for (const i of live) tree.add(b[4 * i]!, b[4 * i + 1]!, b[4 * i + 2], b[4 * i + 3]);
    tree.finish();
    this.tree = tree;
    this.treeSlots = Uint32Array.from(live);
    this.buildGrid(live.filter((i) => !this.boxOnly[i]));
  }

  private treeSlots = new Uint32Array(0);

  private buildGrid(live: readonly number[]): void {
    const t = this.tree!;
    if (live.length === 0) {
      this.grid = { ...this.grid, nx: 0, ny: 0 };
      return;
    }
    const w = t.maxX - t.minX || 1e-9,
      h = t.maxY - t.minY || 1e-9;
    const b = this.boxes;
    let meanW = 0,
      meanH = 0;
    for (const i of live) {
      meanW += b[4 * i + 2]! - b[4 * i]!;
      meanH += b[4 * i + 3]! - b[4 * i + 1]!;
    }
    // Cells about the size of an average box, capped in number.
    let cw = Math.max(meanW / live.length, w / 4096, 1e-9),
      ch = Math.max(meanH / live.length, h / 4096, 1e-9);
    // floor + 1, not ceil: a point on the far edge of the bounds must still fall in a cell.
    while ((Math.floor(w / cw) + 1) * (Math.floor(h / ch) + 1) > MAX_CELLS) {
      cw *= 1.5;
      ch *= 1.5;
    }
    const nx = Math.floor(w / cw) + 1,
      ny = Math.floor(h / ch) + 1;
    const g = {
      minX: t.minX,
      minY: t.minY,
      cw,
      ch,
      nx,
      ny,
      start: new Uint32Array(nx * ny + 1),
      items: new Uint32Array(0),
      boxes: new Float64Array(0),
    };
    const cells = (i: number, fn: (c: number) => void) => {
      const x0 = Math.max(0, Math.floor((b[4 * i]! - g.minX) / cw)),
        x1 = Math.min(nx - 1, Math.floor((b[4 * i + 2]! - g.minX) / cw));
      const y0 = Math.max(0, Math.floor((b[4 * i + 1]! - g.minY) / ch)),
        y1 = Math.min(ny - 1, Math.floor((b[4 * i + 3]! - g.minY) / ch));
      for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) fn(y * nx + x);
    };
    for (const i of live) cells(i, (c) => g.start[c + 1]!++);
    for (let c = 0; c < nx * ny; c++) g.start[c + 1]! += g.start[c]!;
    g.items = new Uint32Array(g.start[nx * ny]!);
    // Each cell keeps a copy of its boxes: a lookup then reads one contiguous run of memory
    // instead of jumping to every slot's box (cache misses dominated the time before).
    g.boxes = new Float64Array(4 * g.items.length);
    const fill = g.start.slice(0, nx * ny);
    for (const i of live)
      cells(i, (c) => {
        const k = fill[c]!++;
        g.items[k] = i;
        g.boxes.set(b.subarray(4 * i, 4 * i + 4), 4 * k);
      });
    this.grid = g;
  }

  /**
   * Calls fn(slot, dx) for every live box holding the point (x + dx, y), dx in {0, 360, -360}.
   * The shape's exact test must use the same dx.
   */
  atPoint(x: number, y: number, fn: (slot: number, dx: number) => void): void {
    this.atPointFrame(x, y, 0, fn);
    if (this.maxX > 180 && x + 360 <= this.maxX) this.atPointFrame(x + 360, y, 360, fn);
    if (this.minX < -180 && x - 360 >= this.minX) this.atPointFrame(x - 360, y, -360, fn);
  }

  private atPointFrame(x: number, y: number, dx: number, fn: (slot: number, dx: number) => void): void {
    const g = this.grid,
      b = this.boxes,
      dead = this.dead,
      boxOnly = this.boxOnly;
    const cx = Math.floor((x - g.minX) / g.cw),
      cy = Math.floor((y - g.minY) / g.ch);
    if (cx >= 0 && cy >= 0 && cx < g.nx && cy < g.ny) {
      const c = cy * g.nx + cx;
      const gb = g.boxes;
      for (let k = g.start[c]!, end = g.start[c + 1]!; k < end; k++) {
        const o = 4 * k;
        if (x >= gb[o]! && x <= gb[o + 2]! && y >= gb[o + 1]! && y <= gb[o + 3]!) {
          const i = g.items[k]!;
          if (!dead[i]) fn(i, dx);
        }
      }
    }
    for (let i = this.builtCount; i < this.count; i++) {
      const o = 4 * i;
      if (x >= b[o]! && x <= b[o + 2]! && y >= b[o + 1]! && y <= b[o + 3]! && !dead[i] && !boxOnly[i])
        fn(i, dx);
    }
  }

  /** Calls fn(slot, dx) for every live box meeting the box (shifted by dx as in `atPoint`). */
  inBox(box: readonly number[], fn: (slot: number, dx: number) => void): void {
    const [x0, y0, x1, y1] = box as [number, number, number, number];
    for (const dx of [0, 360, -360]) {
      if (dx !== 0 && !(x1 + dx >= this.minX && x0 + dx <= this.maxX)) continue;
      const b = this.boxes;
      const hits = this.tree ? this.tree.search(x0 + dx, y0, x1 + dx, y1).map((k) => this.treeSlots[k]!) : [];
      for (let i = this.builtCount; i < this.count; i++) {
        const o = 4 * i;
        if (b[o]! <= x1 + dx && b[o + 2]! >= x0 + dx && b[o + 1]! <= y1 && b[o + 3]! >= y0) hits.push(i);
      }
      for (const i of hits) if (!this.dead[i]) fn(i, dx);
    }
  }
}
