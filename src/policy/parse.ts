/**
 * Parsing an agreement: YAML text or an already-decoded value in, a checked `Agreement` or the
 * list of everything wrong out. Reading the file is the caller's job; nothing here does I/O.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { err, jsonPointer, ok, type Result } from '../core/index.ts';
import { crossChecks, type RawIssue } from './crossChecks.ts';
import { AgreementSchema, type Agreement } from './schema.ts';

/** One fault in an agreement file: where (dotted path and JSON pointer, line when known) and why. */
export interface PolicyIssue {
  /** `groups[1].mode`; empty for a fault of the whole file. */
  readonly path: string;
  readonly pointer: string;
  readonly reason: string;
  readonly line?: number;
  readonly column?: number;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

const quoted = (values: readonly unknown[]): string => {
  const parts = values.map((v) => JSON.stringify(v));
  if (parts.length <= 1) return parts.join('');
  return `${parts.length > 2 ? 'one of ' : ''}${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
};

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Messages in the words of the agreement file rather than of the schema library. */
function message(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.code === 'invalid_type')
    return iss.input === undefined ? 'required' : `expected ${iss.expected}, got ${describe(iss.input)}`;
  if (iss.code === 'invalid_value') return `expected ${quoted(iss.values)}`;
  if (iss.code === 'too_small') {
    if (iss.origin === 'array') return `expected at least ${String(iss.minimum)} item(s)`;
    if (iss.origin === 'string') return 'must not be empty';
    return `expected a number ${iss.inclusive ? '>=' : '>'} ${String(iss.minimum)}`;
  }
  if (iss.code === 'too_big') {
    if (iss.origin === 'number')
      return `expected a number ${iss.inclusive ? '<=' : '<'} ${String(iss.maximum)}`;
    return `expected at most ${String(iss.maximum)}`;
  }
  return undefined;
}

function schemaIssues(raw: unknown): RawIssue[] {
  const parsed = AgreementSchema.safeParse(raw, { error: message });
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((iss): RawIssue[] => {
    const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (iss.code === 'unrecognized_keys')
      return iss.keys.map((k) => ({ path: [...path, k], reason: 'unknown field' }));
    return [{ path, reason: iss.message }];
  });
}

function toIssue(raw: RawIssue, where?: { line: number; col: number }): PolicyIssue {
  const base = { path: formatPath(raw.path), pointer: jsonPointer(raw.path), reason: raw.reason };
  return where ? { ...base, line: where.line, column: where.col } : base;
}

/** Checks a decoded agreement (from YAML, JSON or a test) and returns it typed, or every fault. */
export function parseAgreement(raw: unknown): Result<Agreement, readonly PolicyIssue[]> {
  const issues = [...schemaIssues(raw), ...crossChecks(raw)];
  if (issues.length > 0) return err(issues.map((i) => toIssue(i)));
  return ok(AgreementSchema.parse(raw));
}

/** Where in the text a path points: the node itself, or its nearest existing parent. */
function locate(doc: Document, lines: LineCounter, path: RawIssue['path']) {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return lines.linePos(range[0]);
  }
  return undefined;
}

/** Parses agreement YAML; syntax faults carry line and column, schema faults their path and line. */
export function parseAgreementYaml(text: string): Result<Agreement, readonly PolicyIssue[]> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0)
    return err(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const reason = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        return pos
          ? { path: '', pointer: '', reason, line: pos.line, column: pos.col }
          : { path: '', pointer: '', reason };
      }),
    );
  const raw: unknown = doc.toJS();
  const result = parseAgreement(raw);
  if (result.ok) return result;
  const located = [...schemaIssues(raw), ...crossChecks(raw)].map((i) =>
    toIssue(i, locate(doc, lines, i.path)),
  );
  return err(located);
}

/** `groups[1].mode: expected "vetted" or "synchronized" (line 12, column 11)`. */
export function formatIssue(issue: PolicyIssue): string {
  const where = issue.line === undefined ? '' : `line ${issue.line}, column ${issue.column ?? 0}`;
  if (issue.path === '') return where ? `${where}: ${issue.reason}` : issue.reason;
  return `${issue.path}: ${issue.reason}${where ? ` (${where})` : ''}`;
}
