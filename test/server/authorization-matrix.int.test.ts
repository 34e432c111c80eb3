// Every registered route x every role x {owner's party, other party, no login} x {office, joint,
// sealed, missing record} answers as src/server/authorization-table.ts says, against the real
// service with records seeded by commands, and a hidden record is indistinguishable from a
// missing one. Where the table lets a call through, the rules may still refuse it for the
// record's state (already decided, not vetted, withdrawn: 409 or 422); what the matrix checks is
// who reaches the rules, so those count as reaching them.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { ROLES, type Role } from '../../src/core/index.ts';
import {
  AUTHORIZATION,
  expectedStatus,
  type Caller,
  type Target,
} from '../../src/server/authorization-table.ts';
import { RESOURCES } from '../../src/server/resources.ts';
import { examples } from '../../src/server/examples.ts';
import { signedExample } from '../../src/server/examples-signed.ts';
import type { Collection } from '../../src/service/types.ts';
import { harness, type Harness, type Party } from './harness.ts';

const TARGETS: readonly Target[] = ['office', 'joint', 'sealed', 'missing'];
const CALLERS: readonly Caller[] = ['own_party', 'other_party', 'nobody'];
const OWNER: Party = 'US';

/** A valid request for each route that needs a body or a query. */
function requestFor(method: string, path: string): { payload?: unknown; query?: string } {
  const resource = RESOURCES.find((r) => path.startsWith(`/api/v1/${r.collection}`));
  if (method === 'POST' && resource) {
    const action = resource.actions?.find((a) => path.endsWith(`/${a.path}`));
    const command = action ? action.command : resource.create;
    return { payload: command ? examples[command] : {} };
  }
  const standalone: Record<string, unknown> = {
    '/api/v1/commands': { type: 'ReportViolation', ...(examples['ReportViolation'] as object) },
    '/api/v1/commands/signed': signedExample,
    '/api/v1/integrated-operations': {},
    '/api/v1/ledger/cosignatures': { note: 'not a checkpoint' },
  };
  if (method === 'POST' && path in standalone) return { payload: standalone[path] };
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
  'GET /api/v1/tracks/stream': 426,
  'DELETE /api/v1/session': 204,
  // A note that is not a checkpoint: what is checked is who reaches the verification.
  'POST /api/v1/ledger/cosignatures': 400,
  // The harness's people are all server-signed, and a signed command is refused for them: what is
  // checked is who reaches that check (test/server/client-signed.int.test.ts covers the rest).
  'POST /api/v1/commands/signed': 422,
};
/**
 * Refusals of the rules for the record's state or the caller's party (already decided, withdrawn,
 * a party asking itself), once authorization has let the call through; a 400 counts only when it
 * comes from the rules, not from parsing the body at the edge.
 */
const RULES_REFUSALS = new Set([400, 409, 422]);
const EDGE_PARSE_DETAIL = 'The body is invalid.';
/** Outcomes the table cannot know: an office record is notified to nobody, so it has no receipts. */
const EXCEPTIONS: Record<string, number> = {
  'POST /api/v1/protected-sites/:id/receipts own_party office': 404,
};

/** Records seeded per collection, by the commands that make them, owned by US. */
const SEEDS: Partial<Record<Collection, { role: Role; releases: Record<string, unknown> }>> = {
  'protected-sites': {
    role: 'operator',
    releases: {
      office: {
        type: 'RegisterProtectedSite',
        category: 'hospital',
        geometry: pt(39.1, 34.1),
        release: 'office',
      },
      joint: {
        type: 'RegisterProtectedSite',
        category: 'hospital',
        geometry: pt(39.2, 34.2),
        release: 'joint',
      },
      sealed: {
        type: 'RegisterProtectedSite',
        category: 'hospital',
        geometry: pt(39.3, 34.3),
        release: 'sealed',
      },
    },
  },
  nominations: {
    role: 'operator',
    releases: { joint: { type: 'NominateTarget', ...obj('NominateTarget') } },
  },
  notices: { role: 'operator', releases: { joint: { type: 'SendNotice', ...obj('SendNotice') } } },
  'imminent-actions': {
    role: 'operator',
    releases: { joint: { type: 'RecordImminentThreatAction', ...obj('RecordImminentThreatAction') } },
  },
  violations: {
    role: 'operator',
    releases: { joint: { type: 'ReportViolation', ...obj('ReportViolation') } },
  },
  movements: { role: 'liaison', releases: { joint: { type: 'NotifyMovement', ...obj('NotifyMovement') } } },
  'designated-areas': {
    role: 'operator',
    releases: {
      joint: {
        type: 'RegisterDesignatedArea',
        name: 'Idlib',
        area: square(36.5, 35.8, 0.3),
        window: { from: '2016-07-20T00:00:00Z', to: '2016-07-22T00:00:00Z' },
      },
    },
  },
};
function square(lon: number, lat: number, d: number) {
  const ring = [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}
/** An alert needs an area: the air picture (a monitor) reports an incursion into the seeded one. */
const incursionInto = (area: string) => ({
  type: 'ReportIncursion',
  aircraft: 'SYAF-1',
  actor: 'SY-AF',
  area,
  enteredAt: '2016-07-20T09:59:00Z',
  position: { lon: 36.6, lat: 35.9, altitudeM: 3000 },
  cause: 'no_exemption',
  flight: null,
  source: 'matrix',
});
function pt(lon: number, lat: number) {
  return { type: 'Point', coordinates: [lon, lat] };
}
function obj(name: string): object {
  return examples[name] as object;
}
const successOf = (method: string, path: string) =>
  SUCCESS[`${method} ${path}`] ?? (method === 'POST' ? 201 : 200);

describe('authorization matrix', () => {
  let h: Harness;
  let routes: string[];
  const ids = new Map<string, string>();

  before(async () => {
    h = await harness();
    routes = h.app.registeredRoutes();
    for (const [collection, seed] of Object.entries(SEEDS))
      for (const [release, command] of Object.entries(seed.releases)) {
        const done = await h.service.execute(h.principal(OWNER, seed.role), command as { type: string });
        ids.set(`${collection}/${release}`, done.events[0]?.record ?? '');
      }
    const alert = await h.service.execute(
      h.principal(OWNER, 'monitor'),
      incursionInto(ids.get('designated-areas/joint') ?? ''),
    );
    ids.set('alerts/joint', alert.events[0]?.record ?? '');
  });
  after(() => h.close());

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
    const succeeded = new Set<string>();
    for (const key of routes) {
      const [method = '', path = ''] = key.split(' ');
      const access = AUTHORIZATION[key];
      assert.ok(access);
      const resource = path.split('/')[3] ?? '';
      const targets = path.includes(':id')
        ? TARGETS.filter((t) => t === 'missing' || ids.has(`${resource}/${t}`))
        : [undefined];
      for (const role of ROLES as Role[])
        for (const caller of CALLERS)
          for (const target of targets) {
            const want = expectedStatus(access, successOf(method, path), caller, role, target);
            const { status: got, detail } = await call(method, path, role, caller, target);
            const fromRules = RULES_REFUSALS.has(got) && detail !== EDGE_PARSE_DETAIL;
            // Where the table lets the call reach the rules (or names a party check the rules
            // make after their state checks), a state refusal of the rules is what it reached.
            const partyCheck = want === 403 && 'roles' in access && access.party !== undefined;
            const reached = (want === successOf(method, path) || partyCheck) && fromRules;
            const exception = EXCEPTIONS[`${key} ${caller} ${target ?? '-'}`];
            if (got === want && got < 300) succeeded.add(key);
            if (got !== (exception ?? want) && !(exception === undefined && reached))
              mismatches.push(`${key} ${role} ${caller} ${target ?? '-'}: want ${want}, got ${got}`);
          }
    }
    assert.deepEqual(mismatches, []);
    // Every route succeeds for someone, except execution (the seeded nomination is never vetted)
    // and reads of one flight (the matrix files none).
    const never = routes.filter(
      (r) => !succeeded.has(r) && successOf(...(r.split(' ') as [string, string])) < 300,
    );
    assert.deepEqual(never, [
      'POST /api/v1/nominations/:id/execution',
      'GET /api/v1/flights/:id',
      // This harness runs no live air picture; test/cli/demo.int.test.ts posts tracks and reads metrics.
      'POST /api/v1/tracks',
      'GET /api/v1/metrics',
    ]);
  });

  it('answers a hidden record and a missing one with the same body', async () => {
    const hidden = await h.app.inject({
      url: `/api/v1/protected-sites/${ids.get('protected-sites/sealed')}`,
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
      url: `/api/v1/protected-sites/${ids.get('protected-sites/office')}/disputes`,
      headers: h.auth('RU', 'approver'),
      payload: examples['DisputeProtectedSite'] as object,
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
    const detail = res.statusCode >= 400 ? res.json<{ detail?: string }>().detail : undefined;
    return { status: res.statusCode, detail };
  }
});
