/**
 * A minimal stand-in for the parts of `src/ledger` the store uses, with the same names and shapes,
 * so that the store and its tests run before the ledger module lands. It is deleted when
 * `ledger-port.ts` switches to the real module; nothing else imports it.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { ok, type Result } from '../core/index.ts';
import canonicalizeJson from 'canonicalize';

export const ENTRY_MEDIA_TYPE = 'application/vnd.jig.ledger-entry.v1+json';

export interface EntryActor {
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
  readonly actor: EntryActor;
  readonly event: LedgerEvent;
}
export interface SignedEntry extends EntryBody {
  readonly sig: string;
}

const utf8 = new TextEncoder();

export function canonicalize(value: unknown): Uint8Array {
  return utf8.encode(canonicalizeJson(value) ?? '');
}

export function generateSigningKey(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey;
}

export function signingKeyFromSeed(seed: Uint8Array): KeyObject {
  const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, seed]), format: 'der', type: 'pkcs8' });
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(b);
}

export function publicKeyToBase64(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

export function signEntry(body: EntryBody, privateKey: KeyObject): SignedEntry {
  const sig = sign(null, canonicalize(body), privateKey).toString('base64');
  return { ...body, sig };
}

export function encodeEntry(signed: SignedEntry): Uint8Array {
  return canonicalize(signed);
}

export function decodeEntry(bytes: Uint8Array): Result<SignedEntry> {
  return ok(JSON.parse(new TextDecoder().decode(bytes)) as SignedEntry);
}

export function verifyEntrySignature(signed: SignedEntry): boolean {
  const { sig, ...body } = signed;
  const spki = Buffer.concat([
    Buffer.from('302a300506032b6570032100', 'hex'),
    Buffer.from(body.actor.key, 'base64'),
  ]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return verify(null, canonicalize(body), key, Buffer.from(sig, 'base64'));
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
export interface TreeNode {
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

export function treeRoot(size: number, reader: NodeReader): Uint8Array {
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

/** The incremental tree: the perfect subtrees (peaks) of the current size, largest first. */
export class MerkleTree {
  #size = 0;
  #peaks: TreeNode[] = [];

  static restore(size: number, reader: NodeReader): MerkleTree {
    const tree = new MerkleTree();
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (Math.floor(size / width) % 2 === 1) {
        tree.#peaks.push({ level, index: start / width, hash: reader.node(level, start / width) });
        start += width;
      }
    }
    tree.#size = size;
    return tree;
  }

  get size(): number {
    return this.#size;
  }

  peaks(): TreeNode[] {
    return [...this.#peaks];
  }

  /** Adds a leaf; returns every node it completes, the leaf itself first. */
  append(leaf: Uint8Array): TreeNode[] {
    let node: TreeNode = { level: 0, index: this.#size, hash: leaf };
    const done = [node];
    while (node.index % 2 === 1) {
      const left = this.#peaks.pop()!;
      node = { level: node.level + 1, index: (node.index - 1) / 2, hash: nodeHash(left.hash, node.hash) };
      done.push(node);
    }
    this.#peaks.push(node);
    this.#size += 1;
    return done;
  }

  root(): Uint8Array {
    let acc: Uint8Array | undefined;
    for (let i = this.#peaks.length - 1; i >= 0; i--) {
      const peak = this.#peaks[i]!.hash;
      acc = acc === undefined ? peak : nodeHash(peak, acc);
    }
    return acc ?? createHash('sha256').digest();
  }
}

export class MemoryNodes implements NodeReader {
  readonly #levels: Uint8Array[][] = [];

  put(nodes: readonly TreeNode[]): void {
    for (const n of nodes) (this.#levels[n.level] ??= [])[n.index] = n.hash;
  }

  node(level: number, index: number): Uint8Array {
    const h = this.#levels[level]?.[index];
    if (h === undefined) throw new Error(`no tree node at level ${level}, index ${index}`);
    return h;
  }
}

/** RFC 9162 §2.1.3.2: checks an inclusion proof against a root. */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
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

export const EXPORT_MEDIA_TYPE = 'application/vnd.jig.ledger-export.v1+jsonl';

export interface ExportSource {
  readonly origin: string;
  readonly logKey: string;
  readonly witnesses: readonly string[];
  readonly entries: Iterable<Uint8Array>;
  readonly checkpoints: Iterable<string>;
  readonly reveals?: Iterable<{ readonly seq: number; readonly value: unknown; readonly salt: Uint8Array }>;
}

/** Header, entries, reveals (checkpoint lines and their consistency proofs come with src/ledger). */
export function* writeExport(source: ExportSource): Generator<string> {
  const line = (v: unknown) => new TextDecoder().decode(canonicalize(v)) + '\n';
  const { origin, logKey, witnesses } = source;
  yield line({ mediaType: EXPORT_MEDIA_TYPE, origin, logKey, witnesses });
  for (const bytes of source.entries) yield line({ entry: Buffer.from(bytes).toString('base64') });
  for (const r of source.reveals ?? [])
    yield line({ reveal: { seq: r.seq, value: r.value, salt: Buffer.from(r.salt).toString('base64') } });
}
