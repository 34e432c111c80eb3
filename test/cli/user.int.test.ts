import Database from 'better-sqlite3';
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, mock } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { openPeopleTables } from '../../src/store/people-sqlite.ts';

describe('jig user add', () => {
  it('prints a password and a token that the database then accepts', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'jig-user-')), 'jig.db');
    const log = mock.method(console, 'log', () => undefined);
    const code = await main([
      'node',
      'jig',
      'user',
      'add',
      '--db',
      db,
      '--party',
      'US',
      '--role',
      'approver',
      '--name',
      'alice',
    ]);
    const printed = log.mock.calls.map((c) => String(c.arguments[0])).join('\n');
    log.mock.restore();
    assert.equal(code, 0);
    const password = /password[^:]*: (\S+)/.exec(printed)?.[1] ?? '';
    const token = /token[^:]*: (\S+)/.exec(printed)?.[1] ?? '';
    const people = openPeopleTables(new Database(db));
    assert.equal((await people.checkPassword('alice', password))?.role, 'approver');
    assert.equal((await people.authenticateToken(token))?.party, 'US');
  });
});
