import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openPostgresStore } from '../../src/store/index.ts';
import { assertDurable } from '../../src/store/postgres/connect.ts';
import { PG_SCHEMA_VERSION } from '../../src/store/postgres/migrations.ts';
import { onDatabase, postgresForThisFile } from '../support/postgres.ts';
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
