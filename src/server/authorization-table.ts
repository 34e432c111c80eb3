/**
 * Who may call what: every route of the API, by role. The server enforces this table (a route
 * missing from it is refused at start-up) and the authorization-matrix test checks every route x
 * role x {owner's party, other party, no login} x {own, other party's, joint, sealed, missing
 * record} against `expectedStatus`.
 *
 * The table decides only what a ROLE may do. Which RECORDS a person may see or act on is decided
 * by the service from the record's owner and release: another party's office or sealed record is
 * answered exactly as a record that does not exist (404, same body). The rules may refuse more
 * (an approver concurring twice, a nomination outside the policy); never less.
 */
import { ROLES, type Role } from '../core/index.ts';

export type Access =
  /** No login needed. */
  | { readonly public: true }
  /** Logged-in people of these roles. */
  | { readonly roles: readonly Role[] };

const ALL: Access = { roles: ROLES };
const PUBLIC: Access = { public: true };
const roles = (...r: Role[]): Access => ({ roles: r });

export const AUTHORIZATION: Readonly<Record<string, Access>> = {
  'GET /healthz': PUBLIC,
  'GET /api/v1/openapi.json': PUBLIC,
  'GET /api/v1/docs': PUBLIC,
  'POST /api/v1/session': PUBLIC,
  'GET /api/v1/session': ALL,
  'DELETE /api/v1/session': ALL,
  'POST /api/v1/session/password': ALL,
  'GET /api/v1/agreement': ALL,
  'GET /api/v1/feed': ALL,

  'GET /api/v1/designated-areas': ALL,
  'GET /api/v1/designated-areas/:id': ALL,
  'POST /api/v1/designated-areas': roles('national_authority'),

  'GET /api/v1/protected-sites': ALL,
  'GET /api/v1/protected-sites/:id': ALL,
  'POST /api/v1/protected-sites': roles('operator', 'liaison', 'national_authority'),
  'POST /api/v1/protected-sites/:id/disputes': roles('approver', 'national_authority'),

  'GET /api/v1/nominations': ALL,
  'GET /api/v1/nominations/:id': ALL,
  'POST /api/v1/nominations': roles('operator'),
  'POST /api/v1/nominations/:id/decisions': roles('approver'),
  'POST /api/v1/nominations/:id/execution': roles('operator'),

  'GET /api/v1/notices': ALL,
  'GET /api/v1/notices/:id': ALL,
  'POST /api/v1/notices': roles('operator'),

  'GET /api/v1/imminent-actions': ALL,
  'GET /api/v1/imminent-actions/:id': ALL,
  'POST /api/v1/imminent-actions': roles('operator', 'national_authority'),

  'GET /api/v1/flights': ALL,
  'GET /api/v1/flights/:id': ALL,
  'POST /api/v1/flights': roles('operator', 'liaison'),

  'GET /api/v1/tracks': ALL,
  'POST /api/v1/tracks': roles('operator'),

  'GET /api/v1/alerts': ALL,
  'GET /api/v1/alerts/:id': ALL,

  'GET /api/v1/violations': ALL,
  'GET /api/v1/violations/:id': ALL,
  'POST /api/v1/violations': roles('operator', 'liaison', 'monitor'),
  'POST /api/v1/violations/:id/assessments': roles('approver', 'national_authority', 'monitor'),

  'GET /api/v1/movements': ALL,
  'GET /api/v1/movements/:id': ALL,
  'POST /api/v1/movements': roles('liaison'),
  'POST /api/v1/movements/:id/outcomes': roles('liaison'),

  'GET /api/v1/ledger/checkpoint': ALL,
  'GET /api/v1/ledger/entries': ALL,
  'GET /api/v1/ledger/proofs/inclusion': ALL,
  'GET /api/v1/ledger/proofs/consistency': ALL,
};

/** The caller, relative to the party that owns the record a route names. */
export type Caller = 'own_party' | 'other_party' | 'nobody';
/** The record a route names, by its release level; `missing` does not exist. */
export type Target = 'office' | 'joint' | 'sealed' | 'missing';

/**
 * The status a route must answer. `success` is the route's own success status; `target` is
 * undefined for routes that name no record. The owner's party sees its office and sealed
 * records, everyone sees joint ones; any other record is answered as missing.
 */
export function expectedStatus(
  access: Access,
  success: number,
  caller: Caller,
  role: Role,
  target: Target | undefined,
): number {
  if ('public' in access) return success;
  if (caller === 'nobody') return 401;
  if (!access.roles.includes(role)) return 403;
  if (target === undefined || target === 'joint') return success;
  return target !== 'missing' && caller === 'own_party' ? success : 404;
}
