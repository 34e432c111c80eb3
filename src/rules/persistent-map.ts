/**
 * An immutable, insertion-ordered map whose update (`with`) returns a new map in O(1) amortized
 * time, where copying a `Map` per event made a replay of n events O(n²).
 *
 * How: every map derived from one `empty()` by successive updates shares a lineage. The lineage
 * keeps, per key, the values it took and the version that wrote each; a map is a version number
 * and reads the latest value at or before it (the newest map: the last value, O(1); an older one:
 * a binary search). Updating the newest map of a lineage appends; updating an older one (a fork,
 * as when two `asOf` replays share a prefix) starts a new lineage that overlays it (reads fall
 * through to the older map), or copies it when it is itself an overlay, so no map ever changes
 * once built. A lineage keeps every value it was given, as many as the updates, which a replayed
 * history holds anyway. `scratch` keeps a simulated update off the main line.
 *
 * It extends `Map` so that whatever reads a `ReadonlyMap` or a `Map` (iteration, `node:assert`'s
 * deep equality, `new Map(m)`) sees its entries; the native storage stays empty and the mutating
 * methods throw.
 */

interface Cell<V> {
  readonly versions: number[];
  readonly values: V[];
}

class Lineage<K, V> {
  tip = 0;
  readonly order: K[] = [];
  readonly cells = new Map<K, Cell<V>>();
  constructor(readonly scratch: boolean) {}
}

/** Index of the last version <= v in an increasing list, or -1. */
function latest(versions: readonly number[], v: number): number {
  let hi = versions.length - 1;
  if (hi < 0 || versions[hi]! <= v) return hi;
  let lo = -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (versions[mid]! <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

const immutable = (): never => {
  throw new TypeError('a PersistentMap is immutable: use with(key, value), which returns a new map');
};

let scratchDepth = 0;

/**
 * Runs `fn` with every update made inside it written to overlays that leave the maps it starts
 * from as the newest of their lineages: what a decision simulates (the state after its events,
 * for the reactors) then costs O(1) per map, and the caller's own update of the same state later
 * appends in O(1) instead of forking.
 */
export function scratch<T>(fn: () => T): T {
  scratchDepth++;
  try {
    return fn();
  } finally {
    scratchDepth--;
  }
}

export class PersistentMap<K, V> extends Map<K, V> {
  readonly #lineage: Lineage<K, V>;
  readonly #version: number;
  readonly #size: number;
  /** Keys of the own lineage visible at this version (a prefix of its order). */
  readonly #count: number;
  /** The map this one overlays (never changed: its reads are bound to its version), if any. */
  readonly #base: PersistentMap<K, V> | null;

  private constructor(
    lineage: Lineage<K, V>,
    version: number,
    size: number,
    count: number,
    base: PersistentMap<K, V> | null,
  ) {
    super();
    this.#lineage = lineage;
    this.#version = version;
    this.#size = size;
    this.#count = count;
    this.#base = base;
  }

  static empty<K, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>(new Lineage(false), 0, 0, 0, null);
  }

  static from<K, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    let m = PersistentMap.empty<K, V>();
    for (const [k, v] of entries) m = m.with(k, v);
    return m;
  }

  /** This map with `key` set to `value` (appended if new, in place in the order if not). */
  with(key: K, value: V): PersistentMap<K, V> {
    const l = this.#lineage;
    if (this.#version !== l.tip || (scratchDepth > 0 && !l.scratch)) return this.#fork().with(key, value);
    const version = ++l.tip;
    let cell = l.cells.get(key);
    const newHere = cell === undefined;
    if (cell === undefined) {
      cell = { versions: [], values: [] };
      l.cells.set(key, cell);
      l.order.push(key);
    }
    const isNew = newHere && !(this.#base?.has(key) ?? false);
    cell.versions.push(version);
    cell.values.push(value);
    const count = this.#count + (newHere ? 1 : 0);
    return new PersistentMap(l, version, this.#size + (isNew ? 1 : 0), count, this.#base);
  }

  /**
   * A new lineage holding this map's entries: an empty overlay over this map when it has no base
   * or inside `scratch` (O(1)), otherwise a copy (a fork of a fork, as rare as asOf branches).
   */
  #fork(): PersistentMap<K, V> {
    if (scratchDepth > 0 || this.#base === null)
      return new PersistentMap(new Lineage(scratchDepth > 0), 0, this.#size, 0, this);
    return PersistentMap.from(this);
  }

  #own(key: K): { value: V } | undefined {
    const cell = this.#lineage.cells.get(key);
    if (cell === undefined) return undefined;
    const i = latest(cell.versions, this.#version);
    return i < 0 ? undefined : { value: cell.values[i]! };
  }

  override get size(): number {
    return this.#size;
  }

  override get(key: K): V | undefined {
    const own = this.#own(key);
    return own !== undefined ? own.value : this.#base?.get(key);
  }

  override has(key: K): boolean {
    return this.#own(key) !== undefined || (this.#base?.has(key) ?? false);
  }

  override *entries(): MapIterator<[K, V]> {
    const base = this.#base;
    if (base !== null)
      for (const [k, v] of base.entries()) {
        const own = this.#own(k);
        yield [k, own !== undefined ? own.value : v];
      }
    const order = this.#lineage.order;
    for (let i = 0; i < this.#count; i++) {
      const key = order[i]!;
      if (base === null || !base.has(key)) yield [key, this.#own(key)!.value];
    }
  }

  override *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  override *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  override set(): this {
    return immutable();
  }

  override delete(): boolean {
    return immutable();
  }

  override clear(): void {
    immutable();
  }
}

/** `m` with `k` set to `v`, as a new map; `m` is unchanged. O(1) amortized on a `PersistentMap`. */
export function put<K, V>(m: ReadonlyMap<K, V>, k: K, v: V): ReadonlyMap<K, V> {
  return (m instanceof PersistentMap ? (m as PersistentMap<K, V>) : PersistentMap.from(m)).with(k, v);
}

/** `m` with the value at `k` replaced by `f(value)`; `m` itself when `k` is absent. */
export function patch<K, V>(m: ReadonlyMap<K, V>, k: K, f: (v: V) => V): ReadonlyMap<K, V> {
  const v = m.get(k);
  return v === undefined ? m : put(m, k, f(v));
}

/** What a fold written against a mutable `Map` uses of it. */
export interface MapStore<K, V> {
  get(k: K): V | undefined;
  set(k: K, v: V): unknown;
}

/**
 * The `get`/`set` face of a map for folds written against a mutable `Map`: each `set` puts into
 * a new persistent map (`map`), and the map the draft started from is never changed.
 */
export class Draft<K, V> implements MapStore<K, V> {
  constructor(public map: ReadonlyMap<K, V>) {}

  get(k: K): V | undefined {
    return this.map.get(k);
  }

  set(k: K, v: V): this {
    this.map = put(this.map, k, v);
    return this;
  }
}
