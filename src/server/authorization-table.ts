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
  /**
   * Logged-in people of these roles; with `party`, only the record owner's party (`owner`) or
   * only the other parties (`others`) may act on the record the route names.
   */
  | {
      readonly roles: readonly Role[];
      readonly party?: 'owner' | 'others';
      /** Open to a web session that still has its one-time password (every other route is not). */
      readonly oneTimePassword?: true;
    };

const ALL: Access = { roles: ROLES };
const ONE_TIME: Access = { roles: ROLES, oneTimePassword: true };
const PUBLIC: Access = { public: true };
const roles = (...r: Role[]): Access => ({ roles: r });
const owner = (...r: Role[]): Access => ({ roles: r, party: 'owner' });
const others = (...r: Role[]): Access => ({ roles: r, party: 'others' });

export const AUTHORIZATION: Readonly<Record<string, Access>> = {
  'GET /healthz': PUBLIC,
  'GET /api/v1/openapi.json': PUBLIC,
  'GET /api/v1/docs': PUBLIC,
  'POST /api/v1/session': PUBLIC,
  'GET /api/v1/session': ONE_TIME,
  'DELETE /api/v1/session': ONE_TIME,
  'POST /api/v1/session/password': ONE_TIME,
  'GET /api/v1/agreement': ALL,
  'GET /api/v1/feed': ALL,

  'GET /api/v1/designated-areas': ALL,
  'GET /api/v1/designated-areas/:id': ALL,

  'GET /api/v1/protected-sites': ALL,
  'GET /api/v1/protected-sites/:id': ALL,
  'POST /api/v1/protected-sites': roles('operator', 'liaison'),
  'POST /api/v1/protected-sites/humanitarian': roles('liaison'),
  'POST /api/v1/protected-sites/:id/withdrawal': owner('operator', 'liaison', 'approver'),
  'POST /api/v1/protected-sites/:id/disputes': roles('operator', 'approver', 'liaison'),
  'POST /api/v1/protected-sites/:id/receipts': ALL,

  'GET /api/v1/nominations': ALL,
  'GET /api/v1/nominations/:id': ALL,
  'POST /api/v1/nominations': roles('operator'),
  'POST /api/v1/nominations/:id/decisions': roles('approver'),
  'POST /api/v1/nominations/:id/withdrawal': owner('operator', 'approver'),
  // The rules refuse any party the nomination does not name as executor; the matrix's seeded
  // nominations name their owner.
  'POST /api/v1/nominations/:id/execution': owner('operator'),
  'POST /api/v1/nominations/:id/receipts': ALL,
  'POST /api/v1/integrated-operations': roles('national_authority'),

  'GET /api/v1/notices': ALL,
  'GET /api/v1/notices/:id': ALL,
  'POST /api/v1/notices': roles('operator'),
  'POST /api/v1/notices/:id/receipts': ALL,

  'GET /api/v1/imminent-actions': ALL,
  'GET /api/v1/imminent-actions/:id': ALL,
  'POST /api/v1/imminent-actions': roles('operator', 'national_authority'),
  'POST /api/v1/imminent-actions/allegations': roles('operator', 'monitor'),

  'GET /api/v1/flights': ALL,
  'GET /api/v1/flights/:id': ALL,

  'GET /api/v1/tracks': ALL,
  'POST /api/v1/tracks': roles('operator', 'monitor'),
  'GET /api/v1/tracks/stream': roles('operator', 'monitor'),
  'GET /api/v1/metrics': ALL,

  'GET /api/v1/alerts': ALL,
  'GET /api/v1/alerts/:id': ALL,
  // Any person of a party the alert concerns, once per party: the rules check the party.
  'POST /api/v1/alerts/:id/ack': ALL,

  'GET /api/v1/violations': ALL,
  'GET /api/v1/violations/figures': ALL,
  'GET /api/v1/violations/report.csv': ALL,
  'GET /api/v1/violations/report.html': ALL,
  'GET /api/v1/violations/:id': ALL,
  'POST /api/v1/violations': ALL,
  'POST /api/v1/violations/:id/assessments': roles('approver', 'national_authority'),
  'POST /api/v1/violations/:id/evidence': ALL,
  'POST /api/v1/violations/:id/information-requests': ALL,
  'POST /api/v1/violations/:id/withdrawal': owner(...ROLES),

  'GET /api/v1/movements': ALL,
  'GET /api/v1/movements/:id': ALL,
  'POST /api/v1/movements': roles('liaison'),
  'POST /api/v1/movements/:id/amendments': owner('liaison'),
  'POST /api/v1/movements/:id/receipts': others(...ROLES),
  'POST /api/v1/movements/:id/cancellation': owner('liaison'),
  'POST /api/v1/movements/:id/outcomes': ALL,

  // Any command by its type: the rules check the role and the party of each.
  'POST /api/v1/commands': ALL,
  // The same, signed on the person's own device; the service checks the signature, the rules the rest.
  'POST /api/v1/commands/signed': ALL,

  'GET /api/v1/ledger/keys': ALL,
  'POST /api/v1/ledger/cosignatures': ALL,
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
  if (target === 'missing') return 404;
  if (target !== undefined && target !== 'joint' && caller !== 'own_party') return 404;
  if (target !== undefined && access.party === 'owner' && caller !== 'own_party') return 403;
  if (target !== undefined && access.party === 'others' && caller === 'own_party') return 403;
  return success;
}
