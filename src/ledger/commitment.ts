/**
 * Salted commitments for `office` and `sealed` records: the joint ledger holds
 * SHA-256(domain || 0x00 || u64 salt length || salt || canonical(value)); the owner reveals value
 * and salt later. The salt (at least 16 random bytes, passed in) keeps small value spaces, such as
 * coordinates, from being guessed by hashing every candidate.
 */
import { JigError } from '../core/index.ts';
import { bytesEqual, sha256, u64be, utf8 } from './bytes.ts';
import { canonicalize } from './canonical.ts';

const DOMAIN = utf8('jig/commitment/v1\u0000');
export const MIN_SALT_BYTES = 16;
const MAX_SALT_BYTES = 1024;

export interface Reveal {
  readonly value: unknown;
  readonly salt: Uint8Array;
}

export function commit(value: unknown, salt: Uint8Array): Uint8Array {
  if (!(salt instanceof Uint8Array) || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES)
    throw new JigError('INVALID_INPUT', `a salt is ${MIN_SALT_BYTES} to ${MAX_SALT_BYTES} random bytes`);
  return sha256(DOMAIN, u64be(salt.length), salt, canonicalize(value));
}

/** Does the reveal open the commitment? False on anything malformed, never throws. */
export function verifyReveal(commitment: Uint8Array, reveal: Reveal): boolean {
  try {
    return commitment instanceof Uint8Array && bytesEqual(commit(reveal.value, reveal.salt), commitment);
  } catch {
    return false;
  }
}
