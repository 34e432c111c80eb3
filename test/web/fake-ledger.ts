/**
 * A minimal RFC 9162 log for the fake API: leaf hashes, a root, inclusion paths, and a C2SP
 * checkpoint signed by the log key and cosigned (type 0x04) by a party key. It exists so the
 * browser's verifier meets real signatures and proofs; the project's ledger module is the
 * real implementation.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

const sha = (...b: Buffer[]) => createHash('sha256').update(Buffer.concat(b)).digest();
const leafHash = (data: Buffer) => sha(Buffer.of(0), data);
const node = (l: Buffer, r: Buffer) => sha(Buffer.of(1), l, r);

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = split(leaves.length);
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function path(m: number, leaves: readonly Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

interface Signer {
  readonly name: string;
  readonly type: number;
  readonly priv: KeyObject;
  readonly pub: Buffer;
  readonly id: Buffer;
}

function signer(name: string, type: number): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const id = sha(Buffer.from(`${name}\n`), Buffer.of(type), pub).subarray(0, 4);
  return { name, type, priv: privateKey, pub, id };
}

export class FakeLedger {
  readonly leaves: Buffer[] = [];
  private readonly log = signer('jig.test/log', 0x01);
  private readonly witness = signer('jig.test/ru-office', 0x04);

  append(entry: unknown): number {
    this.leaves.push(leafHash(Buffer.from(JSON.stringify(entry))));
    return this.leaves.length - 1;
  }

  keys(): string[] {
    return [this.log, this.witness].map(
      (s) =>
        `${s.name}+${s.id.toString('hex')}+${Buffer.concat([Buffer.of(s.type), s.pub]).toString('base64')}`,
    );
  }

  get size(): number {
    return this.leaves.length;
  }

  /** The checkpoint's figures, as the server sends them next to the note. */
  head(): { size: number; rootHash: string; timestamp: number } {
    return { size: this.leaves.length, rootHash: mth(this.leaves).toString('base64'), timestamp: Date.now() };
  }

  checkpoint(): string {
    const text = `jig.test/log\n${this.leaves.length}\n${mth(this.leaves).toString('base64')}\n`;
    const sig = sign(null, Buffer.from(text), this.log.priv);
    const ts = Buffer.alloc(8);
    const time = 1_469_000_000;
    ts.writeBigUInt64BE(BigInt(time));
    const co = sign(null, Buffer.from(`cosignature/v1\ntime ${time}\n${text}`), this.witness.priv);
    const line = (s: Signer, b: Buffer) =>
      `\u2014 ${s.name} ${Buffer.concat([s.id, b]).toString('base64')}\n`;
    return `${text}\n${line(this.log, sig)}${line(this.witness, Buffer.concat([ts, co]))}`;
  }

  inclusion(index: number, size: number): { index: number; size: number; leafHash: string; path: string[] } {
    const leaves = this.leaves.slice(0, size);
    return {
      index,
      size,
      leafHash: (leaves[index] ?? Buffer.alloc(32)).toString('base64'),
      path: path(index, leaves).map((h) => h.toString('base64')),
    };
  }
}
