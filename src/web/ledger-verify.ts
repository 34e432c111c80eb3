/**
 * Checking the ledger in the browser, trusting nothing but the verifier keys: C2SP signed notes
 * (checkpoints and their cosignatures) and RFC 9162 inclusion proofs, with Web Crypto's
 * SHA-256 and Ed25519. Written here rather than imported because `src/ledger` is not a layer
 * the browser app may depend on, and this is the small read-only half of it.
 */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: string;
  readonly bytes: Uint8Array;
}

export interface Note {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface VerifierKey {
  readonly name: string;
  readonly keyId: string;
  readonly type: number;
  readonly key: Uint8Array;
}

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

const enc = new TextEncoder();

function b64(s: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', all));
}

/** Splits a signed note at its last blank line; undefined when malformed. */
export function parseNote(s: string): Note | undefined {
  const cut = s.lastIndexOf('\n\n');
  if (cut < 0 || !s.endsWith('\n')) return undefined;
  const text = s.slice(0, cut + 1);
  const signatures: NoteSignature[] = [];
  for (const line of s.slice(cut + 2, -1).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    const bytes = m?.[2] ? b64(m[2]) : undefined;
    if (!m?.[1] || !bytes || bytes.length < 5) return undefined;
    signatures.push({ name: m[1], keyId: hex(bytes.subarray(0, 4)), bytes: bytes.subarray(4) });
  }
  return signatures.length ? { text, signatures } : undefined;
}

export function parseVkey(line: string): VerifierKey | undefined {
  // Base64 may itself contain '+': only the first two separate fields.
  const [, name, id, key] = /^([^+]+)\+([^+]+)\+(.+)$/.exec(line.trim()) ?? [];
  const raw = key ? b64(key) : undefined;
  if (!name || !id || !/^[0-9a-f]{8}$/.test(id) || !raw || raw.length < 2) return undefined;
  return { name, keyId: id, type: raw[0] ?? 0, key: raw.subarray(1) };
}

export function parseCheckpoint(text: string): Checkpoint | undefined {
  const [origin, size, root] = text.split('\n');
  const rootHash = root ? b64(root) : undefined;
  if (!origin || !size || !/^(0|[1-9]\d*)$/.test(size) || rootHash?.length !== 32) return undefined;
  return { origin, size: Number(size), rootHash };
}

async function ed25519(key: Uint8Array, sig: Uint8Array, msg: Uint8Array): Promise<boolean> {
  try {
    const k = await crypto.subtle.importKey('raw', key.slice(), { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, k, sig.slice(), msg.slice());
  } catch {
    return false;
  }
}

export interface SignatureVerdict {
  readonly name: string;
  readonly ok: boolean;
  /** Cosignature time (seconds since the epoch) for type 0x04 cosignatures. */
  readonly time?: number;
}

/** Verifies each signature whose name and key id match a known key; unknown ones are left out. */
export async function verifyNote(note: Note, keys: readonly VerifierKey[]): Promise<SignatureVerdict[]> {
  const out: SignatureVerdict[] = [];
  for (const s of note.signatures) {
    const k = keys.find((x) => x.name === s.name && x.keyId === s.keyId);
    if (!k) continue;
    if (k.type === 0x01 && s.bytes.length === 64) {
      out.push({ name: s.name, ok: await ed25519(k.key, s.bytes, enc.encode(note.text)) });
    } else if (k.type === 0x04 && s.bytes.length === 72) {
      const time = Number(new DataView(s.bytes.buffer, s.bytes.byteOffset, 8).getBigUint64(0));
      const msg = enc.encode(`cosignature/v1\ntime ${time}\n${note.text}`);
      out.push({ name: s.name, ok: await ed25519(k.key, s.bytes.subarray(8), msg), time });
    } else {
      out.push({ name: s.name, ok: false });
    }
  }
  return out;
}

/** The key id a vkey must carry: SHA-256(name || 0x0A || type || key)[:4]. */
export async function keyIdOf(name: string, type: number, key: Uint8Array): Promise<string> {
  return hex((await sha256(enc.encode(`${name}\n`), Uint8Array.of(type), key)).subarray(0, 4));
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or undefined if it is malformed. */
export async function rootFromInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Uint8Array | undefined> {
  // Hashes of the wrong length are malformed proofs, never something to hash on with.
  if (index >= size || index < 0 || leafHash.length !== 32 || proof.some((p) => p.length !== 32))
    return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  const node = Uint8Array.of(1);
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(node, p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256(node, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

/** RFC 9162 leaf hash: SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0), leaf);
}

export function decodeB64(s: string): Uint8Array | undefined {
  return b64(s);
}

/** True when the proof shows the leaf at `index` is in the tree of `size` with root `root`. */
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  const r = await rootFromInclusion(index, size, leaf, proof);
  return r !== undefined && root.length === 32 && hex(r) === hex(root);
}
