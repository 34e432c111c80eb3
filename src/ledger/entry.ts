/**
 * Ledger entries: a versioned envelope around one event, signed by its actor's Ed25519 key over
 * the canonical (RFC 8785) bytes of the body. The canonical bytes of the signed entry are the
 * Merkle leaf data, so an entry has exactly one encoding and any changed byte changes its hash.
 */
import type { KeyObject } from 'node:crypto';
import { JigError, err, jsonPointer, ok, parseRfc3339, type FieldIssue, type Result } from '../core/index.ts';
import { fromBase64, toBase64, utf8 } from './bytes.ts';
import { canonicalJson, canonicalize } from './canonical.ts';
import {
  PUBLIC_KEY_SIZE,
  SIGNATURE_SIZE,
  publicKeyFromBase64,
  publicKeyToBase64,
  signEd25519,
  verifyEd25519,
} from './keys.ts';

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

/** A signed entry with its canonical bytes (the Merkle leaf data). */
export interface SealedEntry {
  readonly entry: SignedEntry;
  readonly bytes: Uint8Array;
}

/**
 * Signs a body with its actor's private key and encodes the signed entry, canonicalizing once;
 * throws `INVALID_INPUT` on a malformed body or a key that is not the actor's.
 */
export function sealEntry(body: EntryBody, privateKey: KeyObject): SealedEntry {
  const signer = publicKeyToBase64(privateKey);
  const issues = checkEntry(body, false, signer);
  if (issues.length > 0) throw new JigError('INVALID_INPUT', 'invalid ledger entry', { issues });
  // Both are canonical base64 (checked above, and by construction), so equal text is equal bytes.
  if (body.actor.key !== signer)
    throw new JigError('INVALID_INPUT', 'the signing key is not the actor key', {
      issues: [{ pointer: '/actor/key', reason: 'does not match the signing key' }],
    });
  const own = bodyOf(body);
  const { head, tail } = entryText(own);
  const sig = toBase64(signEd25519(privateKey, utf8(head + tail)));
  return { entry: { ...own, sig }, bytes: utf8(head + sigMember(sig) + tail) };
}

/** Signs a body with its actor's private key; throws `INVALID_INPUT` on a malformed body. */
export function signEntry(body: EntryBody, privateKey: KeyObject): SignedEntry {
  return sealEntry(body, privateKey).entry;
}

/** The canonical bytes of a signed entry: the Merkle leaf data. */
export function encodeEntry(signed: SignedEntry): Uint8Array {
  return canonicalize(signed);
}

/** Checks the actor's signature over the body; false on anything malformed, never throws. */
export function verifyEntrySignature(signed: SignedEntry): boolean {
  try {
    if (checkEntry(signed, true).length > 0) return false;
    const { head, tail } = entryText(signed);
    return signatureHolds(signed, head + tail);
  } catch {
    return false;
  }
}

function signatureHolds(signed: SignedEntry, bodyText: string): boolean {
  const key = publicKeyFromBase64(signed.actor.key);
  const sig = fromBase64(signed.sig);
  return key !== undefined && sig !== undefined && verifyEd25519(key, utf8(bodyText), sig);
}

/**
 * The canonical text of an entry around its `sig` member. The top-level members are fixed, so
 * their RFC 8785 order (by UTF-16 code units) is known: actor, event, mediaType, prev, seq, sig,
 * time. The body's canonical text is `head + tail` and the signed entry's `head + sig + tail`,
 * so one canonicalization of the nested values gives the signed bytes and the entry's bytes.
 * Only for an entry that `checkEntry` passed: its media type, hex prev, integer seq and RFC 3339
 * time print as they stand. Throws when the actor or event has no canonical form.
 */
function entryText(e: EntryBody): { readonly head: string; readonly tail: string } {
  const head =
    `{"actor":${canonicalJson(e.actor)},"event":${canonicalJson(e.event)}` +
    `,"mediaType":"${ENTRY_MEDIA_TYPE}","prev":"${e.prev}","seq":${e.seq}`;
  return { head, tail: `,"time":"${e.time}"}` };
}

// Base64 has no character that JSON escapes, so the string needs no canonicalizer.
const sigMember = (sig: string) => `,"sig":"${sig}"`;

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** An entry decoded from bytes, and whether its actor's signature verifies. */
export interface OpenedEntry {
  readonly entry: SignedEntry;
  readonly signatureValid: boolean;
}

/**
 * Parses entry bytes from anywhere (hostile input): valid UTF-8, JSON, the envelope's fields and
 * types, and canonical form. Does not check the signature (see `openEntry`).
 */
export function decodeEntry(bytes: Uint8Array): Result<SignedEntry> {
  const decoded = decode(bytes);
  return decoded.ok ? ok(decoded.value.entry) : decoded;
}

/** `decodeEntry` and the signature check in one pass, sharing the canonical text. */
export function openEntry(bytes: Uint8Array): Result<OpenedEntry> {
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  const { entry, bodyText } = decoded.value;
  return ok({ entry, signatureValid: signatureHolds(entry, bodyText) });
}

function decode(bytes: Uint8Array): Result<{ entry: SignedEntry; bodyText: string }> {
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
  // checkEntry admits exactly the seven members with a base64 `sig`, as entryText expects.
  const entry = value as SignedEntry;
  let parts: { head: string; tail: string };
  try {
    parts = entryText(entry);
  } catch {
    return err([{ pointer: '', reason: 'has no canonical form' }]);
  }
  if (parts.head + sigMember(entry.sig) + parts.tail !== text)
    return err([{ pointer: '', reason: 'not in canonical form' }]);
  return ok({ entry, bodyText: parts.head + parts.tail });
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
export function checkEntry(value: unknown, signed: boolean, signerKey?: string): FieldIssue[] {
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
  if ('time' in value && !isUtcTime(value.time)) add(['time'], 'must be an RFC 3339 UTC time ending in Z');
  if ('actor' in value) checkActor(value.actor, add, signerKey);
  if ('event' in value) checkEvent(value.event, add);
  if (signed && 'sig' in value && !bytesOfLength(value.sig, SIGNATURE_SIZE))
    add(['sig'], 'must be a base64 Ed25519 signature (64 bytes)');
  return issues;
}

type Add = (path: (string | number)[], reason: string) => void;

// A batch of entries shares one time: the last valid one is remembered.
let lastTime = '';

function isUtcTime(time: unknown): boolean {
  if (time === lastTime) return true;
  if (typeof time !== 'string' || !time.endsWith('Z') || parseRfc3339(time) === undefined) return false;
  lastTime = time;
  return true;
}

/** `signerKey` is the signer's own public key, canonical base64 by construction. */
function checkActor(actor: unknown, add: Add, signerKey: string | undefined): void {
  if (!isObject(actor)) return add(['actor'], 'must be an object');
  for (const k of Object.keys(actor))
    if (!['id', 'party', 'key'].includes(k)) add(['actor', k], 'unknown field');
  if (!isName(actor.id)) add(['actor', 'id'], `must be a string of 1 to ${MAX_NAME} characters`);
  if (!isName(actor.party)) add(['actor', 'party'], `must be a string of 1 to ${MAX_NAME} characters`);
  if ((signerKey === undefined || actor.key !== signerKey) && !bytesOfLength(actor.key, PUBLIC_KEY_SIZE))
    add(['actor', 'key'], 'must be a base64 Ed25519 public key (32 bytes)');
}

function checkEvent(event: unknown, add: Add): void {
  if (!isObject(event)) return add(['event'], 'must be an object');
  if (!isName(event.type)) add(['event', 'type'], `must be a string of 1 to ${MAX_NAME} characters`);
}
