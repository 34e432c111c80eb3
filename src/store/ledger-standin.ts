/**
 * A minimal stand-in for the parts of `src/ledger` the store uses, with the same names and shapes,
 * so that the store and its tests run before the ledger module lands. It is deleted when
 * `ledger-port.ts` switches to the real module; nothing else imports it.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalizeJson from 'canonicalize';

export const ENTRY_MEDIA_TYPE = 'application/vnd.jig.ledger-entry.v1+json';

export interface LedgerActor {
  readonly id: string;
  readonly party: string;
  /** Ed25519 public key, base64 of the 32 raw bytes. */
  readonly key: string;
}
export interface LedgerEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}
export interface EntryBody {
  readonly mediaType: typeof ENTRY_MEDIA_TYPE;
  readonly seq: number;
  readonly prev: string;
  readonly time: string;
  readonly actor: LedgerActor;
  readonly event: LedgerEvent;
}
export interface SignedEntry extends EntryBody {
  readonly signature: string;
}

const utf8 = new TextEncoder();

export function canonicalize(value: unknown): Uint8Array {
  return utf8.encode(canonicalizeJson(value) ?? '');
}

export function publicKeyBase64(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

export function signEntry(body: EntryBody, privateKey: KeyObject): SignedEntry {
  const signature = sign(null, canonicalize(body), privateKey).toString('base64');
  return { ...body, signature };
}

export function encodeEntry(signed: SignedEntry): Uint8Array {
  return canonicalize(signed);
}

export function decodeEntry(bytes: Uint8Array): SignedEntry {
  return JSON.parse(new TextDecoder().decode(bytes)) as SignedEntry;
}

export function verifyEntrySignature(signed: SignedEntry): boolean {
  const { signature, ...body } = signed;
  const spki = Buffer.concat([
    Buffer.from('302a300506032b6570032100', 'hex'),
    Buffer.from(body.actor.key, 'base64'),
  ]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return verify(null, canonicalize(body), key, Buffer.from(signature, 'base64'));
}

export function leafHash(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(Uint8Array.of(0)).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(Uint8Array.of(1)).update(left).update(right).digest();
}

export interface NodeReader {
  node(level: number, index: number): Uint8Array;
}
export interface MerkleNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}

const largestPow2Below = (n: number): number => 2 ** Math.floor(Math.log2(n - 1));

/** Root of leaves [start, start + len): stored perfect subtrees, combined along the ragged edge. */
function subtreeHash(start: number, len: number, reader: NodeReader): Uint8Array {
  if ((len & (len - 1)) === 0) return reader.node(Math.log2(len), start / len);
  const k = largestPow2Below(len);
  return nodeHash(subtreeHash(start, k, reader), subtreeHash(start + k, len - k, reader));
}

export function rootHash(size: number, reader: NodeReader): Uint8Array {
  return size === 0 ? createHash('sha256').digest() : subtreeHash(0, size, reader);
}

export function inclusionProof(index: number, size: number, reader: NodeReader): Uint8Array[] {
  const path: Uint8Array[] = [];
  let start = 0;
  let len = size;
  let m = index;
  while (len > 1) {
    const k = largestPow2Below(len);
    if (m < k) {
      path.push(subtreeHash(start + k, len - k, reader));
      len = k;
    } else {
      path.push(subtreeHash(start, k, reader));
      start += k;
      m -= k;
      len -= k;
    }
  }
  return path.reverse();
}

export function consistencyProof(size1: number, size2: number, reader: NodeReader): Uint8Array[] {
  if (size1 === 0 || size1 === size2) return [];
  const proof: Uint8Array[] = [];
  let start = 0;
  let n = size2;
  let m = size1;
  let complete = true;
  while (m !== n) {
    const k = largestPow2Below(n);
    if (m <= k) {
      proof.push(subtreeHash(start + k, n - k, reader));
      n = k;
    } else {
      proof.push(subtreeHash(start, k, reader));
      start += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  if (!complete) proof.push(subtreeHash(start, m, reader));
  return proof.reverse();
}

/** The incremental tree: the perfect subtrees of the current size, left to right. */
export class MerkleFrontier {
  private constructor(
    private count: number,
    private readonly peaks: { level: number; hash: Uint8Array }[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  static restore(size: number, reader: NodeReader): MerkleFrontier {
    const peaks: { level: number; hash: Uint8Array }[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (Math.floor(size / width) % 2 === 1) {
        peaks.push({ level, hash: reader.node(level, start / width) });
        start += width;
      }
    }
    return new MerkleFrontier(size, peaks);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a leaf; returns every node it completes, the leaf itself first. */
  append(leaf: Uint8Array): MerkleNode[] {
    const done: MerkleNode[] = [{ level: 0, index: this.count, hash: leaf }];
    this.count += 1;
    let top = { level: 0, hash: leaf };
    for (
      let left = this.peaks.at(-1);
      left !== undefined && left.level === top.level;
      left = this.peaks.at(-1)
    ) {
      this.peaks.pop();
      top = { level: top.level + 1, hash: nodeHash(left.hash, top.hash) };
      done.push({ level: top.level, index: this.count / 2 ** top.level - 1, hash: top.hash });
    }
    this.peaks.push(top);
    return done;
  }

  root(): Uint8Array {
    let acc: Uint8Array | undefined;
    for (let i = this.peaks.length - 1; i >= 0; i--) {
      const peak = this.peaks[i]!.hash;
      acc = acc === undefined ? peak : nodeHash(peak, acc);
    }
    return acc ?? createHash('sha256').digest();
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(this.count, [...this.peaks]);
  }
}

/** RFC 9162 §2.1.3.2: checks an inclusion proof against a root. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else r = nodeHash(r, p);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && Buffer.from(r).equals(root);
}

/** RFC 9162 §2.1.4.2: checks a consistency proof between two roots. */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (size1 === size2) return proof.length === 0 && Buffer.from(root1).equals(root2);
  if (size1 === 0) return proof.length === 0;
  const path = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  let [fr, sr] = [path[0], path[0]];
  if (fr === undefined || sr === undefined) return false;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else sr = nodeHash(sr, c);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && Buffer.from(fr).equals(root1) && Buffer.from(sr).equals(root2);
}
