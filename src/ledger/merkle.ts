/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree hashing and proof verification, SHA-256.
 * Leaves are hashed as H(0x00 || data), interior nodes as H(0x01 || left || right), so that a leaf
 * can never pass for a node. The verifiers are the RFC's algorithms (sections 2.1.3.2 and 2.1.4.2)
 * and take attacker-controlled input: they return false, never throw.
 */
import { createHash } from 'node:crypto';
import { bytesEqual, sha256 } from './bytes.ts';

export const HASH_SIZE = 32;
const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, data);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest());
}

/** The root of the empty tree, SHA-256 of nothing. */
export const EMPTY_ROOT: Uint8Array = sha256();

/** The root of a tree over the given leaf hashes, in O(n) time and O(log n) memory. */
export function rootHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  // Keep the right frontier: stack[i] covers 2^levels[i] leaves, levels strictly decreasing.
  const stack: Uint8Array[] = [];
  const levels: number[] = [];
  for (let i = 0; i < leafHashes.length; i++) {
    let h = leafHashes[i] as Uint8Array;
    let level = 0;
    while (levels.length > 0 && levels[levels.length - 1] === level) {
      h = nodeHash(stack.pop() as Uint8Array, h);
      levels.pop();
      level++;
    }
    stack.push(h);
    levels.push(level);
  }
  return foldFrontier(stack);
}

/** Combines the peaks of a tree (largest first) into its root: right to left, as RFC 9162 does. */
export function foldFrontier(peaks: readonly Uint8Array[]): Uint8Array {
  if (peaks.length === 0) return EMPTY_ROOT;
  let h = peaks[peaks.length - 1] as Uint8Array;
  for (let i = peaks.length - 2; i >= 0; i--) h = nodeHash(peaks[i] as Uint8Array, h);
  return h;
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function isHashList(proof: unknown): proof is readonly Uint8Array[] {
  return Array.isArray(proof) && proof.length <= 64 && proof.every(isHash);
}

const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 section 2.1.3.2: is `leaf` at `index` in the tree of `size` leaves with `root`? */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !isHashList(proof)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** RFC 9162 section 2.1.4.2: is the tree of `size2` leaves an append-only extension of `size1`? */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isSize(size1) || !isSize(size2) || size2 < size1 || !Array.isArray(proof)) return false;
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return false;
  // A proof from the empty tree proves nothing (every tree extends it); refused as upstream does.
  if (size1 === 0) return false;
  // Equal sizes: the claim is only that both roots are the same tree, so they must be equal.
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (!isHash(root1) || !isHash(root2) || !isHashList(proof) || proof.length === 0) return false;
  return walkConsistency(size1, size2, proof, root1, root2);
}

function walkConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  // When size1 is a power of two its root is a node of the new tree and is left out of the proof.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

export function isPowerOfTwo(n: number): boolean {
  return n > 0 && largestPowerOfTwoAtMost(n) === n;
}

/** The largest power of two <= n (n >= 1); arithmetic, not bit operations, to reach 2^53. */
export function largestPowerOfTwoAtMost(n: number): number {
  let k = 1;
  while (k * 2 <= n) k *= 2;
  return k;
}
