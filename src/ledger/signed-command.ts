/**
 * Client-signed commands: a person who holds their own Ed25519 key signs the COMMAND they send, on
 * their own device. The ledger entry cannot be signed by the client (its seq, prev and time are
 * assigned by the server when it appends), so the entry is signed by a key the server holds and
 * carries this envelope in its event: anyone holding the export checks that the person asked for it.
 *
 *     {"at":<RFC 3339 UTC>,"command":{"type":...},"key":<base64 raw key>,"nonce":<base64url>,
 *      "person":<person id>,"sig":<base64 Ed25519 signature>}
 *
 * `sig` signs the RFC 8785 canonical bytes of
 *
 *     {"at","command","key","mediaType":"application/vnd.jig.signed-command.v1+json","nonce","origin","person"}
 *
 * `origin` is the log's name (a command signed for one ledger is no command for another), the media
 * type keeps a command signature from ever being taken for any other signed jig message, and the
 * key is bound so that the envelope names the one key that verifies it. Pure: no I/O.
 */
import type { KeyObject } from 'node:crypto';
import { err, jsonPointer, ok, parseRfc3339, type FieldIssue, type Result } from '../core/index.ts';
import { fromBase64, toBase64 } from './bytes.ts';
import { canonicalize } from './canonical.ts';
import { PUBLIC_KEY_SIZE, SIGNATURE_SIZE, publicKeyToBase64, signEd25519, verifyEd25519 } from './keys.ts';

export const SIGNED_COMMAND_MEDIA_TYPE = 'application/vnd.jig.signed-command.v1+json';
export const MIN_NONCE_BYTES = 16;
export const MAX_NONCE_BYTES = 64;
/** How far a command's `at` may be from the server's clock, either way (5 minutes). */
export const SIGNED_COMMAND_WINDOW_MS = 5 * 60_000;
const MAX_PERSON = 256;

/** A command as its person signed it. */
export interface SignedCommand {
  /** The signer's person id in the people directory. */
  readonly person: string;
  /** The rules' command, `type` included, exactly as signed. */
  readonly command: { readonly type: string; readonly [field: string]: unknown };
  /** When it was signed: RFC 3339, UTC (`Z`). */
  readonly at: string;
  /** At least 16 random bytes, base64url without padding: each envelope is accepted once. */
  readonly nonce: string;
  /** The signer's raw 32-byte Ed25519 public key, standard base64. */
  readonly key: string;
  /** Ed25519 signature over the canonical bytes of the signed message, standard base64. */
  readonly sig: string;
}

export type UnsignedCommand = Omit<SignedCommand, 'key' | 'sig'>;

const FIELDS: readonly string[] = ['person', 'command', 'at', 'nonce', 'key', 'sig'];
const UNSIGNED_FIELDS: readonly string[] = ['person', 'command', 'at', 'nonce'];

/** The bytes a command signature covers. */
export function signedCommandMessage(
  origin: string,
  c: UnsignedCommand & { readonly key: string },
): Uint8Array {
  return canonicalize({
    mediaType: SIGNED_COMMAND_MEDIA_TYPE,
    origin,
    person: c.person,
    key: c.key,
    command: c.command,
    at: c.at,
    nonce: c.nonce,
  });
}

/** Signs a command for the log `origin` (what a person's device does). */
export function signCommand(privateKey: KeyObject, origin: string, c: UnsignedCommand): SignedCommand {
  const issues = checkShape(c, UNSIGNED_FIELDS);
  if (issues.length > 0) throw new RangeError(`cannot sign: ${issues.map(show).join('; ')}`);
  const key = publicKeyToBase64(privateKey);
  const unsigned = { person: c.person, command: c.command, at: c.at, nonce: c.nonce, key };
  return { ...unsigned, sig: toBase64(signEd25519(privateKey, signedCommandMessage(origin, unsigned))) };
}

/** The envelope's fields and their forms, every fault with its pointer; no signature check. */
export function parseSignedCommand(value: unknown): Result<SignedCommand> {
  const issues = checkShape(value);
  return issues.length > 0 ? err(issues) : ok(pick(value as SignedCommand));
}

/**
 * Parses an envelope from anywhere (hostile input) and checks its signature for the log `origin`
 * against the key it names. A signature that does not verify is one issue at `/sig`. Whether the
 * key is the person's, and whether `at` and `nonce` are fresh, is for the caller to decide.
 */
export function verifySignedCommand(origin: string, value: unknown): Result<SignedCommand> {
  const parsed = parseSignedCommand(value);
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  let message: Uint8Array;
  try {
    message = signedCommandMessage(origin, c);
  } catch {
    return err([{ pointer: '/command', reason: 'has no canonical JSON form' }]);
  }
  const key = fromBase64(c.key) as Uint8Array;
  const sig = fromBase64(c.sig) as Uint8Array;
  if (!verifyEd25519(key, message, sig))
    return err([
      { pointer: '/sig', reason: `does not verify for ${c.person} with the key the envelope names` },
    ]);
  return ok(c);
}

const show = (i: FieldIssue) => `${i.pointer || '/'} ${i.reason}`;

function pick(c: SignedCommand): SignedCommand {
  const { person, command, at, nonce, key, sig } = c;
  return { person, command, at, nonce, key, sig };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function bytesOfLength(v: unknown, n: number): boolean {
  return typeof v === 'string' && fromBase64(v)?.length === n;
}

/** Canonical base64url without padding, of MIN_NONCE_BYTES to MAX_NONCE_BYTES bytes. */
function isNonce(v: unknown): boolean {
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]+$/.test(v)) return false;
  const raw = Buffer.from(v, 'base64url');
  return raw.length >= MIN_NONCE_BYTES && raw.length <= MAX_NONCE_BYTES && raw.toString('base64url') === v;
}

function checkShape(value: unknown, fields = FIELDS): FieldIssue[] {
  if (!isObject(value)) return [{ pointer: '', reason: 'a signed command is a JSON object' }];
  const issues: FieldIssue[] = [];
  const add = (path: string[], reason: string) => issues.push({ pointer: jsonPointer(path), reason });
  for (const k of Object.keys(value)) if (!fields.includes(k)) add([k], 'unknown field');
  for (const k of fields) if (!(k in value)) add([k], 'missing');
  const { person, command, at, nonce, key, sig } = value;
  if ('person' in value && (typeof person !== 'string' || person.length === 0 || person.length > MAX_PERSON))
    add(['person'], `must be a person id of 1 to ${MAX_PERSON} characters`);
  if ('command' in value && !(isObject(command) && typeof command.type === 'string'))
    add(['command'], 'must be a command object with a string type');
  if ('at' in value && !(typeof at === 'string' && at.endsWith('Z') && parseRfc3339(at) !== undefined))
    add(['at'], 'must be an RFC 3339 UTC time ending in Z');
  if ('nonce' in value && !isNonce(nonce))
    add(
      ['nonce'],
      `must be ${MIN_NONCE_BYTES} to ${MAX_NONCE_BYTES} random bytes, base64url without padding`,
    );
  if ('key' in value && !bytesOfLength(key, PUBLIC_KEY_SIZE))
    add(['key'], 'must be a base64 Ed25519 public key (32 bytes)');
  if ('sig' in value && !bytesOfLength(sig, SIGNATURE_SIZE))
    add(['sig'], 'must be a base64 Ed25519 signature (64 bytes)');
  return issues;
}
