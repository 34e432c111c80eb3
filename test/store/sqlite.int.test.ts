import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore, openStore } from '../../src/store/index.ts';
import { SCHEMA_VERSION } from '../../src/store/sqlite/migrations.ts';
import { assertDurable } from '../../src/store/sqlite/open.ts';
import { storeContract } from './contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'jig-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
let path = join(dir, 'ledger.db');

storeContract('SQLite', {
  open: () => openSqliteStore({ path }),
  reset: () => {
    path = join(dir, `ledger-${n++}.db`);
    return Promise.resolve();
  },
  openNonDurable: () => openSqliteStore({ path, testOnlyWeakSync: true }),
  bumpSchemaVersion: () => {
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      SCHEMA_VERSION + 1,
      'from the future',
      0,
    );
    db.close();
    return Promise.resolve();
  },
});

describe('the SQLite durability check', () => {
  it('reads synchronous back and refuses NORMAL on a WAL database', () => {
    const db = new Database(join(dir, 'plain.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    assert.throws(() => assertDurable(db), /synchronous is 1/);
    db.pragma('synchronous = FULL');
    assert.doesNotThrow(() => assertDurable(db));
    db.close();
  });
});

describe('opening a SQLite store', () => {
  it('is what openStore picks for a path', async () => {
    const store = await openStore(join(dir, 'picked.db'));
    assert.equal(store.kind, 'sqlite');
    await store.close();
  });
});
