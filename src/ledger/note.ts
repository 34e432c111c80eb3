/**
 * C2SP signed notes (c2sp.org/signed-note): a UTF-8 text, an empty line, then one line per
 * signature, `— <key name> <base64(key ID || signature)>`. Signatures from unknown keys are ignored;
 * a bad signature from a known key fails the note, as in Go's golang.org/x/mod/sumdb/note, which is
 * what the format comes from and what other implementations match.
 */
import type { KeyObject } from 'node:crypto';
import { err, ok, type FieldIssue, type Result } from '../core/index.ts';
import { bytesEqual, concatBytes, fromBase64, sha256, toBase64, toHex, utf8 } from './bytes.ts';
import { rawPublicKey, signEd25519, verifyEd25519 } from './keys.ts';

/** Signature types of the key ID derivation: plain Ed25519, and C2SP tlog-cosignature/v1. */
export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;
const MAX_NOTE_BYTES = 1 << 20;
const MAX_SIGNATURES = 100;
const DASH = '\u2014 ';

export interface NoteSignature {
  readonly name: string;
  /** The 4-byte key ID. */
  readonly keyId: Uint8Array;
  /** The signature bytes after the key ID. */
  readonly signature: Uint8Array;
}

export interface Note {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Uint8Array;
  /** Checks `signature` (the bytes after the key ID) over the note text; never throws. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: Uint8Array;
  sign(text: Uint8Array): Uint8Array;
}

/** SHA-256(name || 0x0A || type || public key)[:4]. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): Uint8Array {
  return sha256(utf8(name), new Uint8Array([0x0a, type]), publicKey).subarray(0, 4);
}

/** Key names are non-empty and hold no whitespace and no `+` (the vkey separator). */
export function isValidKeyName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !/[\s+]/u.test(name);
}

export function ed25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  return {
    name,
    keyId: noteKeyId(name, SIG_ED25519, publicKey),
    verify: (text, signature) => verifyEd25519(publicKey, text, signature),
  };
}

export function ed25519Signer(name: string, privateKey: KeyObject): NoteSigner {
  return {
    name,
    keyId: noteKeyId(name, SIG_ED25519, rawPublicKey(privateKey)),
    sign: (text) => signEd25519(privateKey, text),
  };
}

/** The verifier key text form: `<name>+<hex key ID>+<base64(type || public key)>`. */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  return `${name}+${toHex(noteKeyId(name, type, publicKey))}+${toBase64(concatBytes(new Uint8Array([type]), publicKey))}`;
}

/** The text of a note whose text is valid: ends with a newline, no control characters but `\n`. */
function checkText(text: string): string | undefined {
  if (!text.endsWith('\n')) return 'the text must end with a newline';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text)) return 'the text holds control characters';
  if (/\p{Cs}/u.test(text)) return 'the text is not valid Unicode';
  return undefined;
}

export function parseNote(message: string): Result<Note> {
  const fail = (reason: string): Result<Note> => err([{ pointer: '', reason }]);
  if (typeof message !== 'string') return fail('a note is text');
  if (message.length > MAX_NOTE_BYTES) return fail('the note is too large');
  const split = message.lastIndexOf('\n\n');
  if (split < 0) return fail('no empty line before the signatures');
  const text = message.slice(0, split + 1);
  const bad = checkText(text);
  if (bad) return fail(bad);
  const block = message.slice(split + 2);
  if (!block.endsWith('\n')) return fail('the signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return fail('too many signatures');
  const signatures: NoteSignature[] = [];
  const issues: FieldIssue[] = [];
  lines.forEach((line, i) => {
    const sig = parseSignatureLine(line);
    if (sig) signatures.push(sig);
    else issues.push({ pointer: `/signatures/${i}`, reason: 'malformed signature line' });
  });
  return issues.length > 0 ? err(issues) : ok({ text, signatures });
}

function parseSignatureLine(line: string): NoteSignature | undefined {
  if (!line.startsWith(DASH)) return undefined;
  const parts = line.slice(DASH.length).split(' ');
  if (parts.length !== 2) return undefined;
  const [name, b64] = parts as [string, string];
  const raw = fromBase64(b64);
  if (!isValidKeyName(name) || raw === undefined || raw.length < 5) return undefined;
  return { name, keyId: raw.subarray(0, 4), signature: raw.subarray(4) };
}

export function formatSignatureLine(sig: NoteSignature): string {
  return `${DASH}${sig.name} ${toBase64(concatBytes(sig.keyId, sig.signature))}\n`;
}

export function formatNote(note: Note): string {
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

/** Signs a text (or adds signatures to a signed note) with each signer. */
export function signNote(textOrNote: string | Note, signers: readonly NoteSigner[]): string {
  const note = typeof textOrNote === 'string' ? { text: textOrNote, signatures: [] } : textOrNote;
  const bad = checkText(note.text);
  if (bad) throw new RangeError(bad);
  const added = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(utf8(note.text)) }));
  return formatNote({ text: note.text, signatures: [...note.signatures, ...added] });
}

export interface VerifiedNote {
  readonly note: Note;
  /** The verifiers whose signature checked, in the order given. */
  readonly verifiedBy: readonly NoteVerifier[];
}

/**
 * Opens a note with known keys: it must carry at least one signature from them, and every
 * signature that claims one of them must check.
 */
export function verifyNote(message: string, verifiers: readonly NoteVerifier[]): Result<VerifiedNote> {
  const parsed = parseNote(message);
  if (!parsed.ok) return parsed;
  const note = parsed.value;
  const text = utf8(note.text);
  const verified = new Set<NoteVerifier>();
  for (const [i, sig] of note.signatures.entries()) {
    const v = verifiers.find((k) => k.name === sig.name && bytesEqual(k.keyId, sig.keyId));
    if (v === undefined) continue;
    if (!v.verify(text, sig.signature))
      return err([{ pointer: `/signatures/${i}`, reason: `invalid signature from ${sig.name}` }]);
    verified.add(v);
  }
  if (verified.size === 0) return err([{ pointer: '', reason: 'no signature from a known key' }]);
  return ok({ note, verifiedBy: verifiers.filter((v) => verified.has(v)) });
}
