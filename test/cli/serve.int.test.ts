// The whole system through HTTP: `startJig` on a temporary database, people of both parties,
// login, a nomination submitted and concurred by both parties, a checkpoint cosigned by both
// (in-process) witnesses, then `jig ledger export` and `jig ledger verify` as child processes.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startJig, type RunningJig } from '../../src/cli/start.ts';
import { partyId, type Role } from '../../src/core/index.ts';
import { isFullyCosigned, parseVerifierKey } from '../../src/ledger/index.ts';
import { examples } from '../../src/server/examples.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';
import { repoRoot } from '../support/paths.ts';

const run = promisify(execFile);
const jigBin = join(repoRoot, 'bin', 'jig.mjs');

describe('jig serve, end to end over HTTP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jig-serve-'));
  const db = join(dir, 'jig.db');
  let jig: RunningJig;
  const cookies = new Map<string, string>();

  before(async () => {
    jig = await startJig({ db, web: false, localWitnesses: true, directory: { scrypt: CHEAP_SCRYPT } });
  });
  after(async () => {
    await jig.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function login(party: string, role: Role): Promise<string> {
    const name = `${party.toLowerCase()}-${role}`;
    const added = await jig.people.add({ name, party: partyId(party), role });
    const res = await fetch(`${jig.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password: added.password }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.match(cookie, /^jig_session=/);
    // The password `jig user add` printed is one-time: the session may do nothing else until it is
    // replaced.
    const first = await call(cookie, 'GET', '/api/v1/agreement');
    assert.equal(first.status, 403);
    const changed = await fetch(`${jig.url}/api/v1/session/password`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ current: added.password, next: `${name}-own-password` }),
    });
    assert.equal(changed.status, 204, await changed.text());
    cookies.set(name, cookie);
    return cookie;
  }

  async function call(cookie: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${jig.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('vets a nomination that both parties concur on, over HTTP with session cookies', async () => {
    const operator = await login('US', 'operator');
    const usApprover = await login('US', 'approver');
    const ruApprover = await login('RU', 'approver');
    const created = await call(operator, 'POST', '/api/v1/nominations', examples['NominateTarget']);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = String(created.body['id']);
    for (const approver of [usApprover, ruApprover]) {
      const decided = await call(approver, 'POST', `/api/v1/nominations/${id}/decisions`, { concur: true });
      assert.equal(decided.status, 201, JSON.stringify(decided.body));
    }
    const seen = await call(ruApprover, 'GET', `/api/v1/nominations/${id}`);
    assert.equal(seen.body['status'], 'vetted');
  });

  it('serves a checkpoint cosigned by both parties’ witnesses', async () => {
    const cookie = cookies.get('ru-approver') ?? '';
    const { body: cp } = await call(cookie, 'GET', '/api/v1/ledger/checkpoint');
    const { body: keys } = await call(cookie, 'GET', '/api/v1/ledger/keys');
    const vkeys = keys['keys'] as string[];
    assert.equal(vkeys.length, 3);
    const witnesses = vkeys.slice(1).map((k) => {
      const parsed = parseVerifierKey(k);
      assert.ok(parsed.ok);
      return parsed.value.verifier;
    });
    assert.equal(cp['size'], 4);
    assert.ok(isFullyCosigned(String(cp['note']), witnesses));
  });

  it('exports a ledger that verifies offline, after a clean shutdown', async () => {
    await jig.close();
    const out = join(dir, 'export.jsonl');
    await run(process.execPath, [jigBin, 'ledger', 'export', '--db', db, '--out', out]);
    const verified = await run(process.execPath, [jigBin, 'ledger', 'verify', out]);
    assert.match(verified.stdout, /^ok: jig\.example\/jig_2016/);
    assert.match(verified.stdout, /cosigned by every party up to size 4/);
  });
});
