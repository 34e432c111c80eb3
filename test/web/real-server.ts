/**
 * The real jig for browser tests: `startJig` on a temporary database with in-process witnesses,
 * cheap password hashing, and a clock the test can move (so records can be filed "two hours
 * ago" and the time slider has a moment to go back to). People are created per test.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startJig, type RunningJig } from '../../src/cli/start.ts';
import { epochMs, partyId, type Role } from '../../src/core/index.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';

export interface Account {
  readonly name: string;
  readonly password: string;
  readonly cookie: string;
}

export interface RealJig {
  readonly url: string;
  readonly jig: RunningJig;
  /** Added to the wall clock for everything the server stamps. */
  offsetMs: number;
  /** A person who has signed in and chosen their own password. */
  account(party: string, role: Role): Promise<Account>;
  /** A person added to the directory: their one-time password, not yet used. */
  newcomer(name: string, party: string, role: Role): Promise<string>;
  call(account: Account, method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startRealJig(): Promise<RealJig> {
  const dir = mkdtempSync(join(tmpdir(), 'jig-web-'));
  const shift = { ms: 0 };
  const clock = { now: () => epochMs(Date.now() + shift.ms) };
  const jig = await startJig({
    db: join(dir, 'jig.db'),
    port: 0,
    localWitnesses: true,
    clock,
    directory: { scrypt: CHEAP_SCRYPT },
  });
  const real: RealJig = {
    url: jig.url,
    jig,
    get offsetMs() {
      return shift.ms;
    },
    set offsetMs(ms: number) {
      shift.ms = ms;
    },
    async account(party, role) {
      const name = `${party.toLowerCase()}-${role}`;
      const added = await jig.people.add({ name, party: partyId(party), role });
      // The one-time password replaced, as its holder does at first login.
      const password = `${name}-own-password`;
      assert.ok(await jig.people.changePassword(added.person.person, added.password, password));
      const res = await fetch(`${jig.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      return { name, password, cookie };
    },
    async newcomer(name, party, role) {
      const added = await jig.people.add({ name, party: partyId(party), role });
      return added.password;
    },
    async call(account, method, path, body) {
      const res = await fetch(`${jig.url}${path}`, {
        method,
        headers: {
          cookie: account.cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    },
    async close() {
      await jig.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return real;
}

/** A window around now, as the rules' commands take it. */
export function windowAround(nowMs: number): { from: string; to: string } {
  return {
    from: new Date(nowMs - 3600_000).toISOString(),
    to: new Date(nowMs + 6 * 3600_000).toISOString(),
  };
}
