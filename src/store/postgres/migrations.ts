/**
 * Forward-only schema migrations for PostgreSQL, numbered as SQLite's (1 ledger, 2 people; 3 live
 * pictures is PostgreSQL's alone). Several
 * server instances may start at once: they queue on an advisory lock, and each re-reads the version
 * once it holds it. Each migration runs in its own transaction with the row that records it, so a
 * crash leaves the schema at one version or the next. A database from newer code is refused.
 */
import type pg from 'pg';
import { JigError } from '../../core/index.ts';
import { PG_PEOPLE_MIGRATION } from './people.ts';
import { PG_PICTURES_MIGRATION } from './pictures.ts';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
      -- seq is the Merkle leaf index; prev (the previous leaf hash, empty for the first entry) is
      -- unique, so two entries can never claim the same predecessor: the chain cannot fork.
      CREATE TABLE ledger_entries (
        seq bigint PRIMARY KEY CHECK (seq >= 0),
        prev bytea NOT NULL UNIQUE,
        leaf_hash bytea NOT NULL,
        bytes bytea NOT NULL
      );
      -- Completed perfect subtrees of the RFC 9162 tree (level 0 = leaves).
      CREATE TABLE ledger_nodes (
        level smallint NOT NULL,
        idx bigint NOT NULL,
        hash bytea NOT NULL,
        PRIMARY KEY (level, idx)
      );
      -- The tip of the chain, one row. Every append transaction locks it (SELECT ... FOR UPDATE)
      -- before it assigns seq and prev: appends from every instance are serialized here.
      CREATE TABLE ledger_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        size bigint NOT NULL,
        last_leaf bytea NOT NULL
      );
      INSERT INTO ledger_head (id, size, last_leaf) VALUES (1, 0, '\\x');
      CREATE TABLE ledger_checkpoints (
        size bigint PRIMARY KEY,
        root_hash bytea NOT NULL,
        note text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE TABLE ledger_cosignatures (
        size bigint NOT NULL REFERENCES ledger_checkpoints (size),
        line text NOT NULL,
        added_at bigint NOT NULL,
        received bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (size, line)
      );
      CREATE TABLE ledger_reveals (
        commitment text PRIMARY KEY,
        seq bigint NOT NULL REFERENCES ledger_entries (seq),
        owner_party text NOT NULL,
        salt bytea NOT NULL,
        value text NOT NULL
      );
      CREATE INDEX ledger_reveals_owner ON ledger_reveals (owner_party, seq);
      CREATE TABLE ledger_identity (
        id smallint PRIMARY KEY CHECK (id = 1),
        origin text NOT NULL,
        log_key text NOT NULL,
        witnesses text NOT NULL
      );
      CREATE TABLE projections (
        namespace text NOT NULL,
        key text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (namespace, key)
      );
    `,
  },
  { version: 2, name: 'people', sql: PG_PEOPLE_MIGRATION },
  // PostgreSQL only: one SQLite database serves one process, which has no other picture to share.
  { version: 3, name: 'live pictures', sql: PG_PICTURES_MIGRATION },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

/** An arbitrary constant that names jig's migration lock among the database's advisory locks. */
const MIGRATION_LOCK = 0x6a6967_01;

async function currentVersion(client: pg.Client): Promise<number> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
  const { rows } = await client.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM schema_migrations',
  );
  return rows[0]?.v ?? 0;
}

/** Brings the schema up to date; refuses a database from newer code. */
export async function migrate(client: pg.Client, now: number, migrations = PG_MIGRATIONS): Promise<void> {
  const known = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    const found = await currentVersion(client);
    if (found > known) {
      throw new JigError(
        'STORE_FAILURE',
        `database schema version ${found} is newer than this jig understands (${known}); upgrade jig`,
      );
    }
    for (const m of migrations) {
      if (m.version <= found) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          now,
        ]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
