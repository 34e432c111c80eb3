/**
 * Checkpoints (c2sp.org/tlog-checkpoint): the signed head of the ledger's Merkle tree. The note
 * text is the origin line, the decimal tree size, the base64 root hash and optional extension
 * lines. The log signs it; each party's witness cosigns it, and it counts only once all have.
 */
import type { KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../core/index.ts';
import { fromBase64, toBase64 } from './bytes.ts';
import { cosignatureSigner } from './cosignature.ts';
import { HASH_SIZE } from './merkle.ts';
import { ed25519Signer, parseNote, signNote, verifyNote, type Note, type NoteVerifier } from './note.ts';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  readonly extensions: readonly string[];
}

export function formatCheckpoint(c: Checkpoint): string {
  const lines = [c.origin, String(c.size), toBase64(c.rootHash), ...c.extensions];
  return lines.join('\n') + '\n';
}

/** Parses the text of a checkpoint note (signatures not included). */
export function parseCheckpoint(text: string): Result<Checkpoint> {
  const fail = (pointer: string, reason: string): Result<Checkpoint> => err([{ pointer, reason }]);
  if (typeof text !== 'string' || !text.endsWith('\n'))
    return fail('', 'a checkpoint text ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return fail('', 'a checkpoint has an origin, a size and a root hash');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) return fail('/origin', 'empty origin');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    return fail('/size', 'the size is a decimal integer without leading zeros');
  const rootHash = fromBase64(rootText);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE)
    return fail('/rootHash', 'not a base64 SHA-256 hash');
  if (extensions.some((e) => e.length === 0)) return fail('/extensions', 'extension lines are not empty');
  return ok({ origin, size: Number(sizeText), rootHash, extensions });
}

/** A checkpoint note signed by the log's Ed25519 key (whose key name is conventionally the origin). */
export function signCheckpoint(c: Checkpoint, logKeyName: string, logKey: KeyObject): string {
  return signNote(formatCheckpoint(c), [ed25519Signer(logKeyName, logKey)]);
}

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: Note;
  readonly text: string;
}

/** Verifies the log's signature on a checkpoint note and parses it. */
export function openCheckpoint(note: string, logVerifier: NoteVerifier): Result<OpenedCheckpoint> {
  const verified = verifyNote(note, [logVerifier]);
  if (!verified.ok) return verified;
  const parsed = parseCheckpoint(verified.value.note.text);
  if (!parsed.ok) return parsed;
  return ok({ checkpoint: parsed.value, note: verified.value.note, text: verified.value.note.text });
}

/** Adds a tlog-cosignature/v1 cosignature at `timestamp` (POSIX seconds) to a signed note. */
export function cosignCheckpoint(note: string, name: string, key: KeyObject, timestamp: number): string {
  const parsed = parseNote(note);
  if (!parsed.ok) throw new RangeError(parsed.error[0]?.reason ?? 'malformed note');
  const others = parsed.value.signatures.filter((s) => s.name !== name);
  return signNote({ ...parsed.value, signatures: others }, [cosignatureSigner(name, key, timestamp)]);
}

/** True when every party's cosigner has a valid signature on the note (and none is invalid). */
export function isFullyCosigned(note: string, partyVerifiers: readonly NoteVerifier[]): boolean {
  if (partyVerifiers.length === 0) return false;
  const verified = verifyNote(note, partyVerifiers);
  return verified.ok && verified.value.verifiedBy.length === partyVerifiers.length;
}
