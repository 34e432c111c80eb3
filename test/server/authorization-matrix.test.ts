// Every registered route x every role x {owner's party, other party, no login} x {office, joint,
// sealed, missing record} answers as src/server/authorization-table.ts says, and a hidden record
// is indistinguishable from a missing one.
import { strict as assert } from 'node:assert';
import { before, describe, it } from 'node:test';
import { ROLES, type Role } from '../../src/core/index.ts';
import {
  AUTHORIZATION,
  expectedStatus,
  type Caller,
  type Target,
} from '../../src/server/authorization-table.ts';
import { RESOURCES } from '../../src/server/resources.ts';
import { examples } from '../../src/server/examples.ts';
import { harness, type Harness, type Party } from './harness.ts';
import type { ReleaseLevel } from '../../src/core/index.ts';

const TARGETS: readonly Target[] = ['office', 'joint', 'sealed', 'missing'];
const CALLERS: readonly Caller[] = ['own_party', 'other_party', 'nobody'];
const OWNER: Party = 'US';

/** A valid request for each route that needs a body or a query. */
function requestFor(method: string, path: string): { payload?: unknown; query?: string } {
  const resource = RESOURCES.find((r) => path.startsWith(`/api/v1/${r.collection}`));
  if (method === 'POST' && resource) {
    const action = resource.actions?.find((a) => path.endsWith(`/${a.path}`));
    const command = action ? action.command : resource.create;
    return { payload: command ? examples[command] : undefined };
  }
  const queries: Record<string, string> = {
    '/api/v1/ledger/entries': 'from=0&to=1',
    '/api/v1/ledger/proofs/inclusion': 'index=0&size=1',
    '/api/v1/ledger/proofs/consistency': 'size1=1&size2=1',
  };
  if (path === '/api/v1/session' && method === 'POST')
    return { payload: { name: 'us-monitor', password: 'x' } };
  if (path === '/api/v1/session/password') return { payload: { current: 'wrong', next: 'a-new-password-1' } };
  return queries[path] ? { query: queries[path] } : {};
}

/** Success statuses of routes whose success the fake service or the input cannot give. */
const SUCCESS: Record<string, number> = {
  // The matrix sends a wrong password: what it checks is who reaches the check.
  'POST /api/v1/session': 401,
  'POST /api/v1/session/password': 400,
  'GET /api/v1/feed': 426,
  'DELETE /api/v1/session': 204,
};
const successOf = (method: string, path: string) =>
  SUCCESS[`${method} ${path}`] ?? (method === 'POST' ? 201 : 200);

describe('authorization matrix', () => {
  let h: Harness;
  let routes: string[];
  const ids = new Map<string, string>();

  before(async () => {
    h = await harness();
    routes = h.app.registeredRoutes();
    for (const r of RESOURCES)
      for (const release of ['office', 'joint', 'sealed'] as ReleaseLevel[])
        ids.set(
          `${r.collection}/${release}`,
          h.service.seed(r.collection, {
            id: `${r.collection}-${release}`,
            owner: OWNER,
            release,
            name: 'seeded',
          }),
        );
  });

  it('covers every registered route, and every row of the table is a registered route', () => {
    const missing = routes.filter((r) => !(r in AUTHORIZATION));
    assert.deepEqual(missing, [], 'routes missing from the authorization table');
    assert.deepEqual(
      Object.keys(AUTHORIZATION).filter((k) => !routes.includes(k)),
      [],
      'rows with no route',
    );
  });

  it('answers every route x role x caller x record as the table says', async () => {
    const mismatches: string[] = [];
    for (const key of routes) {
      const [method = '', path = ''] = key.split(' ');
      const access = AUTHORIZATION[key];
      assert.ok(access);
      const targets = path.includes(':id') ? TARGETS : [undefined];
      for (const role of ROLES as Role[])
        for (const caller of CALLERS)
          for (const target of targets) {
            const want = expectedStatus(access, successOf(method, path), caller, role, target);
            const got = await call(method, path, role, caller, target);
            if (got !== want)
              mismatches.push(`${key} ${role} ${caller} ${target ?? '-'}: want ${want}, got ${got}`);
          }
    }
    assert.deepEqual(mismatches, []);
  });

  it('answers a hidden record and a missing one with the same body', async () => {
    const hidden = await h.app.inject({
      url: '/api/v1/protected-sites/protected-sites-sealed',
      headers: h.auth('RU', 'approver'),
    });
    const missing = await h.app.inject({
      url: '/api/v1/protected-sites/no-such-site',
      headers: h.auth('RU', 'approver'),
    });
    assert.equal(hidden.statusCode, 404);
    assert.equal(hidden.body, missing.body);
    assert.equal(hidden.headers['content-type'], missing.headers['content-type']);
    const write = await h.app.inject({
      method: 'POST',
      url: '/api/v1/protected-sites/protected-sites-office/disputes',
      headers: h.auth('RU', 'approver'),
      payload: examples.DisputeProtectedSite as object,
    });
    assert.equal(write.body, missing.body);
  });

  async function call(method: string, path: string, role: Role, caller: Caller, target: Target | undefined) {
    const resource = path.split('/')[3] ?? '';
    const id =
      target === undefined
        ? ''
        : target === 'missing'
          ? 'no-such-record'
          : (ids.get(`${resource}/${target}`) ?? '');
    const { payload, query } = requestFor(method, path);
    const party: Party = caller === 'own_party' ? OWNER : 'RU';
    const res = await h.app.inject({
      method: method as 'GET',
      url: path.replace(':id', id) + (query ? `?${query}` : ''),
      headers: caller === 'nobody' ? {} : h.auth(party, role),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (res.statusCode >= 400)
      assert.match(String(res.headers['content-type']), /application\/problem\+json/, `${method} ${path}`);
    return res.statusCode;
  }
});
