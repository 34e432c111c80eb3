/**
 * RFC 8785 JSON Canonicalization Scheme. The `canonicalize` package does the work (sorting by
 * UTF-16 code units and ECMAScript number formatting are easy to get subtly wrong by hand); this
 * wrapper turns its string into UTF-8 bytes and refuses values that have no JSON form.
 */
import canonicalizeJson from 'canonicalize';
import { JigError } from '../core/index.ts';
import { utf8 } from './bytes.ts';

/** The canonical JSON text of a value; throws `INVALID_INPUT` when it is not JSON data. */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalizeJson(value);
  } catch (e) {
    throw new JigError('INVALID_INPUT', `value has no canonical JSON form: ${String(e)}`, { cause: e });
  }
  if (typeof text !== 'string') throw new JigError('INVALID_INPUT', 'value has no JSON form');
  return text;
}

/** The canonical JSON bytes (UTF-8) of a value. */
export function canonicalize(value: unknown): Uint8Array {
  return utf8(canonicalJson(value));
}
