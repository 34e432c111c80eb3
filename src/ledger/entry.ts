/**
 * Ledger entries: a versioned envelope around one event, signed by its actor's Ed25519 key over
 * the canonical (RFC 8785) bytes of the body. The canonical bytes of the signed entry are the
 * Merkle leaf data, so an entry has exactly one encoding and any changed byte changes its hash.
 */
import type { KeyObject } from 'node:crypto';
import { JigError, err, jsonPointer, ok, parseRfc3339, type FieldIssue, type Result } from '../core/index.ts';
import { bytesEqual, fromBase64, toBase64 } from './bytes.ts';
import { canonicalJson, canonicalize } from './canonical.ts';
import { PUBLIC_KEY_SIZE, SIGNATURE_SIZE, rawPublicKey, signEd25519, verifyEd25519 } from './keys.ts';

export const ENTRY_MEDIA_TYPE = 'application/vnd.jig.ledger-entry.v1+json';
/** Entries above this size are refused before parsing (1 MiB). */
export const MAX_ENTRY_BYTES = 1 << 20;
const MAX_NAME = 256;

export interface EntryActor {
  readonly id: string;
  readonly party: string;
  /** Raw 32-byte Ed25519 public key, standard base64. */
  readonly key: string;
}

/** An event: a past-tense `type` and plain JSON fields. */
export interface LedgerEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

export interface EntryBody {
  readonly mediaType: typeof ENTRY_MEDIA_TYPE;
  readonly seq: number;
  /** Hex leaf hash of the previous entry; "" for seq 0. */
  readonly prev: string;
  /** RFC 3339, UTC (`Z`). */
  readonly time: string;
  readonly actor: EntryActor;
  readonly event: LedgerEvent;
}

export interface SignedEntry extends EntryBody {
  /** Ed25519 signature over `canonicalize(body)`, standard base64. */
  readonly sig: string;
}

const BODY_KEYS = ['mediaType', 'seq', 'prev', 'time', 'actor', 'event'];

/** Signs a body with its actor's private key; throws `INVALID_INPUT` on a malformed body. */
export function signEntry(body: EntryBody, privateKey: KeyObject): SignedEntry {
  const issues = checkEntry(body, false);
  if (issues.length > 0) throw new JigError('INVALID_INPUT', 'invalid ledger entry', { issues });
  if (!bytesEqual(rawPublicKey(privateKey), fromBase64(body.actor.key) as Uint8Array))
    throw new JigError('INVALID_INPUT', 'the signing key is not the actor key', {
      issues: [{ pointer: '/actor/key', reason: 'does not match the signing key' }],
    });
  const sig = signEd25519(privateKey, canonicalize(bodyOf(body)));
  return { ...bodyOf(body), sig: toBase64(sig) };
}

/** The canonical bytes of a signed entry: the Merkle leaf data. */
export function encodeEntry(signed: SignedEntry): Uint8Array {
  return canonicalize(signed);
}

/** Checks the actor's signature over the body; false on anything malformed, never throws. */
export function verifyEntrySignature(signed: SignedEntry): boolean {
  try {
    const key = fromBase64(signed.actor.key);
    const sig = fromBase64(signed.sig);
    if (key === undefined || sig === undefined) return false;
    return verifyEd25519(key, canonicalize(bodyOf(signed)), sig);
  } catch {
    return false;
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses entry bytes from anywhere (hostile input): valid UTF-8, JSON, the envelope's fields and
 * types, and canonical form. Does not check the signature (see `verifyEntrySignature`).
 */
export function decodeEntry(bytes: Uint8Array): Result<SignedEntry> {
  if (!(bytes instanceof Uint8Array)) return err([{ pointer: '', reason: 'not bytes' }]);
  if (bytes.length > MAX_ENTRY_BYTES)
    return err([{ pointer: '', reason: `larger than ${MAX_ENTRY_BYTES} bytes` }]);
  let text: string;
  let value: unknown;
  try {
    text = utf8Strict.decode(bytes);
    value = JSON.parse(text);
  } catch {
    return err([{ pointer: '', reason: 'not UTF-8 JSON' }]);
  }
  const issues = checkEntry(value, true);
  if (issues.length > 0) return err(issues);
  try {
    if (canonicalJson(value) !== text) return err([{ pointer: '', reason: 'not in canonical form' }]);
  } catch {
    return err([{ pointer: '', reason: 'has no canonical form' }]);
  }
  return ok(value as SignedEntry);
}

function bodyOf(e: EntryBody): EntryBody {
  const { mediaType, seq, prev, time, actor, event } = e;
  return { mediaType, seq, prev, time, actor, event };
}

type Issues = FieldIssue[];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;

function bytesOfLength(v: unknown, n: number): boolean {
  return typeof v === 'string' && fromBase64(v)?.length === n;
}

/** Every fault of an entry (with `sig` when `signed`), each with its JSON pointer. */
export function checkEntry(value: unknown, signed: boolean): FieldIssue[] {
  if (!isObject(value)) return [{ pointer: '', reason: 'an entry is a JSON object' }];
  const issues: Issues = [];
  const add = (path: (string | number)[], reason: string) =>
    issues.push({ pointer: jsonPointer(path), reason });
  const allowed = signed ? [...BODY_KEYS, 'sig'] : BODY_KEYS;
  for (const k of Object.keys(value)) if (!allowed.includes(k)) add([k], 'unknown field');
  for (const k of allowed) if (!(k in value)) add([k], 'missing');
  if ('mediaType' in value && value.mediaType !== ENTRY_MEDIA_TYPE)
    add(['mediaType'], `must be ${ENTRY_MEDIA_TYPE}`);
  const seq = value.seq;
  const seqOk = typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0;
  if ('seq' in value && !seqOk) add(['seq'], 'must be a non-negative integer');
  if ('prev' in value) {
    const prev = value.prev;
    if (seqOk && seq === 0 ? prev !== '' : typeof prev !== 'string' || !/^[0-9a-f]{64}$/.test(prev))
      add(['prev'], seq === 0 ? 'must be "" for the first entry' : 'must be a lowercase hex SHA-256 hash');
  }
  const time = value.time;
  if (
    'time' in value &&
    (typeof time !== 'string' || !time.endsWith('Z') || parseRfc3339(time) === undefined)
  )
    add(['time'], 'must be an RFC 3339 UTC time ending in Z');
  if ('actor' in value) checkActor(value.actor, add);
  if ('event' in value) checkEvent(value.event, add);
  if (signed && 'sig' in value && !bytesOfLength(value.sig, SIGNATURE_SIZE))
    add(['sig'], 'must be a base64 Ed25519 signature (64 bytes)');
  return issues;
}

type Add = (path: (string | number)[], reason: string) => void;

function checkActor(actor: unknown, add: Add): void {
  if (!isObject(actor)) return add(['actor'], 'must be an object');
  for (const k of Object.keys(actor))
    if (!['id', 'party', 'key'].includes(k)) add(['actor', k], 'unknown field');
  if (!isName(actor.id)) add(['actor', 'id'], `must be a string of 1 to ${MAX_NAME} characters`);
  if (!isName(actor.party)) add(['actor', 'party'], `must be a string of 1 to ${MAX_NAME} characters`);
  if (!bytesOfLength(actor.key, PUBLIC_KEY_SIZE))
    add(['actor', 'key'], 'must be a base64 Ed25519 public key (32 bytes)');
}

function checkEvent(event: unknown, add: Add): void {
  if (!isObject(event)) return add(['event'], 'must be an object');
  if (!isName(event.type)) add(['event', 'type'], `must be a string of 1 to ${MAX_NAME} characters`);
}
