/** Verifier keys in their text form, for the log (Ed25519) and for cosigners (cosignature/v1). */
import { err, ok, type Result } from '../core/index.ts';
import { bytesEqual, fromBase64, fromHex } from './bytes.ts';
import { cosignatureVerifier } from './cosignature.ts';
import { PUBLIC_KEY_SIZE } from './keys.ts';
import {
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  ed25519Verifier,
  isValidKeyName,
  noteKeyId,
  type NoteVerifier,
} from './note.ts';

export interface ParsedVerifierKey {
  readonly type: number;
  readonly publicKey: Uint8Array;
  readonly verifier: NoteVerifier;
}

/** Parses `<name>+<hex key ID>+<base64(type || key)>`; the key ID must match the key. */
export function parseVerifierKey(vkey: string): Result<ParsedVerifierKey> {
  const fail = (reason: string): Result<ParsedVerifierKey> => err([{ pointer: '', reason }]);
  if (typeof vkey !== 'string') return fail('a verifier key is text');
  // The base64 key may itself hold '+': cut at the first two only.
  const m = /^([^+]+)\+([^+]*)\+(.*)$/s.exec(vkey.trim());
  if (m === null) return fail('expected <name>+<key ID>+<key>');
  const [, name, idHex, keyB64] = m as unknown as [string, string, string, string];
  const id = fromHex(idHex);
  const raw = fromBase64(keyB64);
  if (!isValidKeyName(name)) return fail('invalid key name');
  if (id === undefined || id.length !== 4) return fail('the key ID is 4 bytes of lowercase hex');
  if (raw === undefined || raw.length !== 1 + PUBLIC_KEY_SIZE)
    return fail('the key is a type byte and 32 bytes');
  const type = raw[0] as number;
  const publicKey = raw.subarray(1);
  if (!bytesEqual(id, noteKeyId(name, type, publicKey))) return fail('the key ID does not match the key');
  if (type === SIG_ED25519) return ok({ type, publicKey, verifier: ed25519Verifier(name, publicKey) });
  if (type === SIG_COSIGNATURE_V1)
    return ok({ type, publicKey, verifier: cosignatureVerifier(name, publicKey) });
  return fail(`unsupported signature type ${type}`);
}
