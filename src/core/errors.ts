/**
 * One error base for the whole of jig. Every refusal carries a stable code, a human message and,
 * where the fault is in some input, the JSON pointer of the field at fault. The server maps codes
 * to HTTP statuses in one table (`src/server/problems.ts`).
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_GEOMETRY'
  | 'INVALID_POLICY'
  | 'NOT_FOUND'
  | 'NOT_AUTHORIZED'
  | 'NOT_AUTHENTICATED'
  | 'CONFLICT'
  | 'PROTECTED_SITE_CONFLICT'
  | 'MOVEMENT_CONFLICT'
  | 'ZONE_CONFLICT'
  | 'NOT_ALLOWED_BY_POLICY'
  | 'ALREADY_DECIDED'
  | 'INVALID_STATE'
  | 'INVALID_SIGNATURE'
  | 'LEDGER_INCONSISTENT'
  | 'STORE_FAILURE'
  | 'TOO_LARGE'
  | 'RATE_LIMITED';

/** One fault in an input: where (RFC 6901 JSON pointer) and why. */
export interface FieldIssue {
  readonly pointer: string;
  readonly reason: string;
}

export class JigError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'JigError';
  readonly code: C;
  readonly issues: readonly FieldIssue[];

  constructor(code: C, message: string, options: { issues?: readonly FieldIssue[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

export function isJigError(value: unknown): value is JigError {
  return value instanceof JigError;
}

/** Builds an RFC 6901 JSON pointer from path segments, escaping `~` and `/`. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
