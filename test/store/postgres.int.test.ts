import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPostgresStore, openStore } from '../../src/store/index.ts';
import { assertDurable } from '../../src/store/postgres/connect.ts';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from '../../src/store/postgres/migrations.ts';
import { createDatabase, dropDatabase, onDatabase, postgresForThisFile } from '../support/postgres.ts';
import { storeContract } from './contract.ts';

const db = await postgresForThisFile();

if (db) {
  const { url } = db;
  storeContract('PostgreSQL', {
    open: () => openPostgresStore({ url }),
    // One database per file; each test starts from an empty schema.
    reset: () =>
      onDatabase(url, async (c) => {
        await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      }),
    openNonDurable: () => openPostgresStore({ url, testOnlyAsyncCommit: true }),
    bumpSchemaVersion: () =>
      onDatabase(url, async (c) => {
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          PG_SCHEMA_VERSION + 1,
          'from the future',
          0,
        ]);
      }),
  });

  describe('opening PostgreSQL stores', () => {
    it('migrates once when several instances start at once on an empty database', async () => {
      const fresh = await createDatabase();
      try {
        const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgresStore({ url: fresh.url })));
        await Promise.all(stores.map((s) => s.close()));
        const versions = await onDatabase(
          fresh.url,
          async (c) =>
            (await c.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version'))
              .rows,
        );
        assert.deepEqual(
          versions.map((r) => r.version),
          PG_MIGRATIONS.map((m) => m.version),
        );
      } finally {
        await dropDatabase(fresh.name);
      }
    });

    it('is what openStore picks for a postgres:// URL', async () => {
      const store = await openStore(url);
      assert.equal(store.kind, 'postgres');
      await store.close();
    });
  });

  describe('the PostgreSQL durability check', () => {
    it('reads synchronous_commit back and refuses off', async () => {
      await onDatabase(url, async (c) => {
        await c.query('SET synchronous_commit TO off');
        await assert.rejects(assertDurable(c), /synchronous_commit is off/);
        await c.query('SET synchronous_commit TO on');
        await assertDurable(c);
      });
    });
  });
}
