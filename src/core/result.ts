/** A value or the list of everything wrong with an input. Edge parsers return this, never throw. */
import type { FieldIssue } from './errors.ts';

export type Result<T, E = readonly FieldIssue[]> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
