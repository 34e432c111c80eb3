/**
 * The growing Merkle tree of the ledger and the proofs it serves.
 *
 * `MerkleTree` appends in O(log n): it keeps only the right frontier (the peaks: one complete
 * subtree per set bit of the size) and reports every subtree it completes, so that a store can
 * persist them. Proofs read those complete subtrees through a `NodeReader`; the incomplete subtrees
 * on the right edge are composed from complete ones, so a proof costs O(log n) node reads.
 */
import { JigError } from '../core/index.ts';
import { EMPTY_ROOT, HASH_SIZE, foldFrontier, largestPowerOfTwoAtMost, nodeHash } from './merkle.ts';

/** The hash of the complete subtree at `level` over leaves `[index * 2^level, (index + 1) * 2^level)`. */
export interface TreeNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

/** Where proofs read complete subtree hashes from (a store's table, or `MemoryNodes`). */
export interface NodeReader {
  node(level: number, index: number): Uint8Array;
}

export class MerkleTree {
  #size = 0;
  /** Complete subtrees of the right frontier, largest (leftmost) first. */
  readonly #peaks: Uint8Array[] = [];

  /** Resumes a tree of `size` leaves from its stored nodes (reads only its O(log n) peaks). */
  static restore(size: number, reader: NodeReader): MerkleTree {
    const tree = new MerkleTree();
    for (const p of peakPositions(size)) tree.#peaks.push(reader.node(p.level, p.index));
    tree.#size = size;
    return tree;
  }

  get size(): number {
    return this.#size;
  }

  /** An independent tree of the same leaves, in O(log n): only the peaks are copied. */
  copy(): MerkleTree {
    const tree = new MerkleTree();
    tree.#peaks.push(...this.#peaks);
    tree.#size = this.#size;
    return tree;
  }

  /** The peaks with their positions, largest first (RFC 9162's compact range of [0, size)). */
  peaks(): TreeNode[] {
    return peakPositions(this.#size).map((p, i) => ({ ...p, hash: this.#peaks[i] as Uint8Array }));
  }

  /** Appends a leaf hash; returns every node it completes, the leaf itself first. */
  append(leaf: Uint8Array): TreeNode[] {
    if (!(leaf instanceof Uint8Array) || leaf.length !== HASH_SIZE)
      throw new JigError('INVALID_INPUT', 'a leaf hash is 32 bytes');
    let index = this.#size;
    let level = 0;
    let hash = leaf;
    const completed: TreeNode[] = [{ level, index, hash }];
    while (index % 2 === 1) {
      hash = nodeHash(this.#peaks.pop() as Uint8Array, hash);
      index = (index - 1) / 2;
      level++;
      completed.push({ level, index, hash });
    }
    this.#peaks.push(hash);
    this.#size++;
    return completed;
  }

  root(): Uint8Array {
    return foldFrontier(this.#peaks);
  }
}

/** Positions of the peaks of a tree of `size` leaves, largest first. */
export function peakPositions(size: number): { level: number; index: number }[] {
  assertSize(size, 'size');
  const out: { level: number; index: number }[] = [];
  let start = 0;
  while (start < size) {
    const width = largestPowerOfTwoAtMost(size - start);
    out.push({ level: log2(width), index: start / width });
    start += width;
  }
  return out;
}

/**
 * Keeps every node in memory, one contiguous buffer per level (32 bytes a node, plus one byte to
 * mark it present): a million leaves take about 66 MB instead of two million small arrays.
 */
export class MemoryNodes implements NodeReader {
  readonly #levels: { hashes: Uint8Array; present: Uint8Array }[] = [];

  put(nodes: readonly TreeNode[]): void {
    for (const n of nodes) {
      const level = this.#reserve(n.level, n.index + 1);
      level.hashes.set(n.hash, n.index * HASH_SIZE);
      level.present[n.index] = 1;
    }
  }

  node(level: number, index: number): Uint8Array {
    const l = this.#levels[level];
    if (l === undefined || l.present[index] !== 1)
      throw new JigError('NOT_FOUND', `no tree node at level ${level}, index ${index}`);
    return l.hashes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  #reserve(level: number, count: number): { hashes: Uint8Array; present: Uint8Array } {
    let l = this.#levels[level];
    if (l === undefined) this.#levels[level] = l = { hashes: new Uint8Array(0), present: new Uint8Array(0) };
    if (l.present.length < count) {
      const capacity = Math.max(count, l.present.length * 2, 64);
      const hashes = new Uint8Array(capacity * HASH_SIZE);
      const present = new Uint8Array(capacity);
      hashes.set(l.hashes);
      present.set(l.present);
      l = this.#levels[level] = { hashes, present };
    }
    return l;
  }
}

/** The root of the first `size` leaves, composed from stored nodes in O(log n) reads. */
export function treeRoot(size: number, reader: NodeReader): Uint8Array {
  assertSize(size, 'size');
  return size === 0 ? EMPTY_ROOT : rangeHash(reader, 0, size);
}

/** RFC 9162 section 2.1.3.1: the audit path of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, reader: NodeReader): Uint8Array[] {
  assertSize(size, 'size');
  assertSize(index, 'index');
  if (index >= size) throw new JigError('INVALID_INPUT', `leaf ${index} is not in a tree of ${size}`);
  const outerFirst: Uint8Array[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = largestPowerOfTwoAtMost(end - start - 1);
    if (index < start + k) {
      outerFirst.push(rangeHash(reader, start + k, end));
      end = start + k;
    } else {
      outerFirst.push(rangeHash(reader, start, start + k));
      start += k;
    }
  }
  return outerFirst.reverse();
}

/** RFC 9162 section 2.1.4.1: proof that the tree of `size2` leaves extends that of `size1`. */
export function consistencyProof(size1: number, size2: number, reader: NodeReader): Uint8Array[] {
  assertSize(size1, 'size1');
  assertSize(size2, 'size2');
  if (size1 === 0 || size1 > size2)
    throw new JigError('INVALID_INPUT', `no consistency proof from size ${size1} to ${size2}`);
  const outerFirst: Uint8Array[] = [];
  let start = 0;
  let end = size2;
  let m = size1;
  let whole = true; // SUBPROOF's b: the old tree is still a complete subtree of this range
  while (m !== end - start) {
    const k = largestPowerOfTwoAtMost(end - start - 1);
    if (m <= k) {
      outerFirst.push(rangeHash(reader, start + k, end));
      end = start + k;
    } else {
      outerFirst.push(rangeHash(reader, start, start + k));
      start += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) outerFirst.push(rangeHash(reader, start, end));
  return outerFirst.reverse();
}

/** Hash of leaves [start, end), where start is aligned as in RFC 9162's recursive split. */
function rangeHash(reader: NodeReader, start: number, end: number): Uint8Array {
  const width = end - start;
  const k = largestPowerOfTwoAtMost(width);
  if (k === width && start % width === 0) return reader.node(log2(width), start / width);
  const split = k === width ? k / 2 : k;
  return nodeHash(rangeHash(reader, start, start + split), rangeHash(reader, start + split, end));
}

function log2(powerOfTwo: number): number {
  let level = 0;
  for (let w = powerOfTwo; w > 1; w /= 2) level++;
  return level;
}

function assertSize(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new JigError('INVALID_INPUT', `${name} must be a non-negative integer, got ${n}`);
}
