/**
 * Errors on the wire: RFC 9457 `application/problem+json`. ONE table maps every `JigError` code to
 * an HTTP status; an error that is not a `JigError` becomes a 500 whose detail is logged, never
 * sent. A record the caller may not see is answered exactly as one that does not exist.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isJigError, JigError, type ErrorCode, type FieldIssue } from '../core/index.ts';

export const STATUS: Readonly<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  INVALID_GEOMETRY: 400,
  INVALID_POLICY: 400,
  NOT_AUTHENTICATED: 401,
  NOT_AUTHORIZED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_DECIDED: 409,
  INVALID_STATE: 409,
  TOO_LARGE: 413,
  PROTECTED_SITE_CONFLICT: 422,
  MOVEMENT_CONFLICT: 422,
  ZONE_CONFLICT: 422,
  NOT_ALLOWED_BY_POLICY: 422,
  INVALID_SIGNATURE: 422,
  RATE_LIMITED: 429,
  LEDGER_INCONSISTENT: 500,
  STORE_FAILURE: 503,
};

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code:
    ErrorCode | 'INTERNAL' | 'UNSUPPORTED_MEDIA_TYPE' | 'METHOD_NOT_ALLOWED' | 'UPGRADE_REQUIRED';
  readonly issues?: readonly FieldIssue[];
}

const typeUri = (code: string) => `https://jig.example/problems/${code.toLowerCase().replaceAll('_', '-')}`;

const title = (code: string) => {
  const words = code.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The one body every missing or hidden record gets, so that the two cannot be told apart. */
export const NOT_FOUND_PROBLEM: Problem = {
  type: typeUri('NOT_FOUND'),
  title: 'Not found',
  status: 404,
  code: 'NOT_FOUND',
  detail: 'There is no such record, or it is not released to you.',
};

export function problemOf(e: JigError): Problem {
  if (e.code === 'NOT_FOUND') return NOT_FOUND_PROBLEM;
  const base = {
    type: typeUri(e.code),
    title: title(e.code),
    status: STATUS[e.code],
    code: e.code,
    detail: e.message,
  };
  return e.issues.length > 0 ? { ...base, issues: e.issues } : base;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Fastify's own errors (body too large, bad content type, bad JSON) as JigErrors. */
function fromFastify(e: FastifyError): JigError | Problem | undefined {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new JigError('TOO_LARGE', 'The request body is too large.', {
        issues: [{ pointer: '', reason: 'body exceeds the size limit' }],
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        ...problemOf(new JigError('INVALID_INPUT', 'Send JSON.')),
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        title: 'Unsupported media type',
        type: typeUri('UNSUPPORTED_MEDIA_TYPE'),
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new JigError('INVALID_INPUT', 'The body is empty.', {
        issues: [{ pointer: '', reason: 'expected a JSON body' }],
      });
    default:
      return undefined;
  }
}

export function registerProblems(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (isJigError(error)) return sendProblem(reply, problemOf(error));
    const known = (error as FastifyError).code ? fromFastify(error as FastifyError) : undefined;
    if (known) return sendProblem(reply, isJigError(known) ? problemOf(known) : known);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, {
      type: typeUri('INTERNAL'),
      title: 'Internal error',
      status: 500,
      code: 'INTERNAL',
      detail: `Something failed on the server; its log holds the detail under request id ${request.id}.`,
    });
  });
  app.setNotFoundHandler((_request, reply) => sendProblem(reply, NOT_FOUND_PROBLEM));
}
