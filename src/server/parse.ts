/**
 * The edge: bodies, paths and query strings arrive as `unknown` and leave as typed values or as
 * one `JigError` listing every field at fault with its JSON pointer.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { JigError, jsonPointer, type FieldIssue } from '../core/index.ts';

/** Every issue Zod found, one per field; unknown keys get one issue each. */
export function zodIssues(error: z.ZodError, base: readonly (string | number)[] = []): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ pointer: jsonPointer([...path, key]), reason: 'unknown field' }));
    return [{ pointer: jsonPointer(path), reason: issue.message }];
  });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new JigError('INVALID_INPUT', `The ${where} is invalid.`, { issues: zodIssues(result.error) });
}

/**
 * Numbers JSON can write but JavaScript cannot hold exactly are refused where they stand: integers
 * beyond 2^53 (they would silently round) and overflows to Infinity (`1e400`).
 */
function hugeNumbers(value: unknown, path: (string | number)[], out: FieldIssue[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))
      out.push({ pointer: jsonPointer(path), reason: 'number too large to be held exactly' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => hugeNumbers(v, [...path, i], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) hugeNumbers(v, [...path, k], out);
  }
}

/** Deeper JSON than this is refused before it reaches a recursive walker. */
const MAX_DEPTH = 32;

function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

export function parseJsonBody(text: string): unknown {
  if (tooDeep(text))
    throw new JigError('INVALID_INPUT', 'The body nests too deeply.', {
      issues: [{ pointer: '', reason: `more than ${MAX_DEPTH} levels of nesting` }],
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new JigError('INVALID_INPUT', 'The body is not valid JSON.', {
      issues: [{ pointer: '', reason: e instanceof Error ? e.message : 'malformed JSON' }],
    });
  }
  const issues: FieldIssue[] = [];
  hugeNumbers(value, [], issues);
  if (issues.length > 0)
    throw new JigError('INVALID_INPUT', 'The body holds numbers out of range.', { issues });
  return value;
}

/** JSON only (no forms: a cross-site form cannot send it), with the checks above. */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
