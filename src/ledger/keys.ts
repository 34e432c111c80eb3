/**
 * Ed25519 keys and signatures through Node's crypto (OpenSSL), which enforces canonical S and R
 * as RFC 8032 asks. Public keys travel as raw 32 bytes (base64 in entries); private keys stay
 * `KeyObject`s and are written only as PKCS#8 PEM.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { fromBase64, toBase64 } from './bytes.ts';

// DER headers of an Ed25519 SubjectPublicKeyInfo and PKCS#8 PrivateKeyInfo (RFC 8410): the raw
// key follows them directly, which is how Node accepts raw Ed25519 keys.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
export const PUBLIC_KEY_SIZE = 32;
export const SIGNATURE_SIZE = 64;

export function generateSigningKey(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey;
}

/** A private key from a 32-byte seed: deterministic keys for tests, benchmarks and demos. */
export function signingKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function privateKeyToPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Undefined unless the PEM holds an Ed25519 private key. */
export function privateKeyFromPem(pem: string): KeyObject | undefined {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

// Deriving the public key from a private one costs several signatures (a scalar multiplication
// and a DER export); a signer signs many entries with one KeyObject, so it is derived once.
const rawPublicKeys = new WeakMap<KeyObject, string>();

/** The public key of an Ed25519 private or public key, as standard base64 of its raw 32 bytes. */
export function publicKeyToBase64(key: KeyObject): string {
  let b64 = rawPublicKeys.get(key);
  if (b64 === undefined) {
    const pub = key.type === 'private' ? createPublicKey(key) : key;
    const der = pub.export({ format: 'der', type: 'spki' });
    b64 = toBase64(der.subarray(der.length - PUBLIC_KEY_SIZE));
    rawPublicKeys.set(key, b64);
  }
  return b64;
}

/** The raw 32-byte public key of an Ed25519 private or public key. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  return new Uint8Array(Buffer.from(publicKeyToBase64(key), 'base64'));
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject | undefined {
  if (!(raw instanceof Uint8Array) || raw.length !== PUBLIC_KEY_SIZE) return undefined;
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

// Keyed by the base64 text of the key; values are immutable KeyObjects, safe to share.
const keyCache = new Map<string, KeyObject | undefined>();
const KEY_CACHE_LIMIT = 4096;

/** The public key of a raw key in canonical base64; cached, since a ledger has few actors. */
export function publicKeyFromBase64(s: string): KeyObject | undefined {
  if (typeof s !== 'string') return undefined;
  // Parsing a public key costs more than checking a signature with it.
  if (keyCache.has(s)) return keyCache.get(s);
  const raw = fromBase64(s);
  const key = raw && publicKeyFromRaw(raw);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(s, key);
  return key;
}

export function signEd25519(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey));
}

/** Ed25519 verification of attacker-controlled input: false on anything malformed, never throws. */
export function verifyEd25519(
  publicKey: Uint8Array | KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false;
    if (signature.length !== SIGNATURE_SIZE) return false;
    const key = publicKey instanceof Uint8Array ? publicKeyFromBase64(toBase64(publicKey)) : publicKey;
    if (key === undefined || key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
