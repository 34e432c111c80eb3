/**
 * A uniform 3-D grid of cells holding box ids, rebuilt for every time slice of the deconfliction
 * index. Open addressing over typed arrays, cleared by remembering the slots it used: tens of
 * thousands of rebuilds allocate nothing, where a Map of arrays spent most of its time collecting
 * garbage.
 */
export class CellGrid {
  private cap: number;
  private cx: Int32Array;
  private cy: Int32Array;
  private cz: Int32Array;
  /** First entry of each slot's list, or -1 when the slot is empty. */
  private head: Int32Array;
  private used: Int32Array;
  private usedCount = 0;
  /** Entries: box id and the next entry of the same cell. */
  private box: Int32Array;
  private next: Int32Array;
  private entries = 0;

  constructor(capacity = 1 << 12) {
    this.cap = capacity;
    this.cx = new Int32Array(capacity);
    this.cy = new Int32Array(capacity);
    this.cz = new Int32Array(capacity);
    this.head = new Int32Array(capacity).fill(-1);
    this.used = new Int32Array(capacity);
    this.box = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  clear(): void {
    for (let i = 0; i < this.usedCount; i++) this.head[this.used[i]!] = -1;
    this.usedCount = 0;
    this.entries = 0;
  }

  /** Adds box `b` to cell (x, y, z). */
  add(x: number, y: number, z: number, b: number): void {
    if (this.usedCount * 2 >= this.cap) this.grow();
    if (this.entries >= this.box.length) {
      const [box, next] = [new Int32Array(this.box.length * 2), new Int32Array(this.box.length * 2)];
      box.set(this.box);
      next.set(this.next);
      [this.box, this.next] = [box, next];
    }
    const s = this.slot(x, y, z);
    if (this.head[s] === -1) {
      this.cx[s] = x;
      this.cy[s] = y;
      this.cz[s] = z;
      this.used[this.usedCount++] = s;
    }
    const e = this.entries++;
    this.box[e] = b;
    this.next[e] = this.head[s]!;
    this.head[s] = e;
  }

  /** Number of occupied cells; cells are addressed 0 .. cells() - 1 until the next clear. */
  cells(): number {
    return this.usedCount;
  }

  /** Box ids of occupied cell i, written into `out`; returns how many. */
  cellBoxes(i: number, out: Int32Array): number {
    let n = 0;
    for (let e = this.head[this.used[i]!]!; e !== -1; e = this.next[e]!) out[n++] = this.box[e]!;
    return n;
  }

  /** Coordinates of occupied cell i. */
  cellX(i: number): number {
    return this.cx[this.used[i]!]!;
  }
  cellY(i: number): number {
    return this.cy[this.used[i]!]!;
  }
  cellZ(i: number): number {
    return this.cz[this.used[i]!]!;
  }

  private slot(x: number, y: number, z: number): number {
    const mask = this.cap - 1;
    let s = (Math.imul(x, 73856093) ^ Math.imul(y, 19349663) ^ Math.imul(z, 83492791)) & mask;
    while (this.head[s] !== -1 && (this.cx[s] !== x || this.cy[s] !== y || this.cz[s] !== z))
      s = (s + 1) & mask;
    return s;
  }

  private grow(): void {
    const old = { cap: this.cap, cx: this.cx, cy: this.cy, cz: this.cz, head: this.head, used: this.used };
    const oldUsed = this.usedCount;
    this.cap *= 2;
    this.cx = new Int32Array(this.cap);
    this.cy = new Int32Array(this.cap);
    this.cz = new Int32Array(this.cap);
    this.head = new Int32Array(this.cap).fill(-1);
    this.used = new Int32Array(this.cap);
    this.usedCount = 0;
    for (let i = 0; i < oldUsed; i++) {
      const o = old.used[i]!;
      const s = this.slot(old.cx[o]!, old.cy[o]!, old.cz[o]!);
      this.cx[s] = old.cx[o]!;
      this.cy[s] = old.cy[o]!;
      this.cz[s] = old.cz[o]!;
      this.head[s] = old.head[o]!;
      this.used[this.usedCount++] = s;
    }
  }
}
