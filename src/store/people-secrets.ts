/**
 * The secrets of the people directory: scrypt password hashes compared in constant time, random
 * tokens and session ids of 256 bits stored only as SHA-256 hashes, and Ed25519 key pairs.
 * node:crypto does all of it; nothing here is hand-rolled cryptography.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scrypt,
  sign,
  timingSafeEqual,
} from 'node:crypto';

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** 2^15 x 8 x 128 bytes = 32 MiB per hash: a few tens of milliseconds on the server. */
export const DEFAULT_SCRYPT: ScryptCost = { N: 32768, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const maxmem = 256 * cost.N * cost.r + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...cost, maxmem }, (e, key) =>
      e ? reject(e) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Checks a password against a stored hash in constant time. With no stored hash (unknown name) it
 * still spends one scrypt, so that the answer's timing does not tell which names exist.
 */
export async function verifyPassword(
  password: string,
  stored: string | undefined,
  cost: ScryptCost,
): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  const [kind, n, r, p, salt, key] = parts;
  if (parts.length !== 6 || kind !== 'scrypt' || salt === undefined || key === undefined) {
    await scryptAsync(password, randomBytes(16), cost);
    return false;
  }
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** 256 random bits, base64url, with a prefix that says what the secret is (`jig_t_...`). */
export function randomSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** A password that is easy to type once: 5 groups of 5 characters from 57, about 145 bits. */
export function randomPassword(): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars: string[] = [];
  while (chars.length < 25) {
    // Rejection sampling keeps the characters uniform (256 is not a multiple of 57).
    for (const b of randomBytes(32)) if (b < 228 && chars.length < 25) chars.push(alphabet[b % 57] ?? '');
  }
  return [0, 5, 10, 15, 20].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

export function newEd25519(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: rawPublicKey(publicKey.export({ format: 'der', type: 'spki' })).toString('base64url'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
  };
}

/** The raw 32 key bytes at the end of an Ed25519 SPKI DER. */
function rawPublicKey(spki: Buffer): Buffer {
  return spki.subarray(spki.length - 32);
}

/** Validates a raw Ed25519 public key by importing it; throws when it is not one. */
export function importRawPublicKey(raw: Uint8Array): string {
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  const prefix = Buffer.from('302a300506032b6570032100', 'hex');
  createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' });
  return Buffer.from(raw).toString('base64url');
}

export function signerFor(publicKey: string, privateKeyDer: string) {
  const key = createPrivateKey({
    key: Buffer.from(privateKeyDer, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    publicKey: new Uint8Array(Buffer.from(publicKey, 'base64url')),
    privateKey: key,
    sign: (message: Uint8Array) => new Uint8Array(sign(null, message, key)),
  };
}
