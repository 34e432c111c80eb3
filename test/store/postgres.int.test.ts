import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPostgresStore, openStore } from '../../src/store/index.ts';
import { assertDurable } from '../../src/store/postgres/connect.ts';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from '../../src/store/postgres/migrations.ts';
import { createDatabase, dropDatabase, onDatabase, postgresForThisFile } from '../support/postgres.ts';
import { request, storeContract } from './contract.ts';

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

  describe('the PostgreSQL notifier', () => {
    const listening = () =>
      onDatabase(url, async (c) => {
        const { rows } = await c.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
        );
        return Number(rows[0]?.n);
      });

    it('hears other instances again after its listening connection is cut', async () => {
      await onDatabase(url, (c) => c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));
      const [a, b] = [await openPostgresStore({ url }), await openPostgresStore({ url })];
      try {
        await onDatabase(url, (c) =>
          c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                   WHERE datname = current_database() AND query LIKE 'LISTEN%'`),
        );
        while ((await listening()) < 2) await new Promise((resolve) => setTimeout(resolve, 50));
        const heard = new Promise<number>((resolve) => a.onAppended(resolve));
        await b.append([request(0)]);
        assert.equal(await heard, 1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
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
