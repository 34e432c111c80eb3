/**
 * Forward-only schema migrations. Each runs in its own transaction together with the row that
 * records it in `schema_migrations`, so a crash leaves the schema at one version or the next, never
 * between. A database whose version is newer than the code's is refused: old code must not write
 * to a schema it does not know.
 */
import type Database from 'better-sqlite3';
import { JigError } from '../../core/index.ts';
import { PEOPLE_MIGRATION } from '../people-sqlite.ts';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
      -- seq is the Merkle leaf index; prev (the previous leaf hash, empty for the first entry) is
      -- unique, so two entries can never claim the same predecessor: the chain cannot fork.
      CREATE TABLE ledger_entries (
        seq INTEGER PRIMARY KEY,
        prev BLOB NOT NULL UNIQUE,
        leaf_hash BLOB NOT NULL,
        bytes BLOB NOT NULL
      ) STRICT;
      -- Completed perfect subtrees of the RFC 9162 tree (level 0 = leaves): any proof at any size
      -- reads O(log n) of them.
      CREATE TABLE ledger_nodes (
        level INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        hash BLOB NOT NULL,
        PRIMARY KEY (level, idx)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE ledger_checkpoints (
        size INTEGER PRIMARY KEY,
        root_hash BLOB NOT NULL,
        note TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE ledger_cosignatures (
        size INTEGER NOT NULL REFERENCES ledger_checkpoints (size),
        line TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (size, line)
      ) STRICT;
      -- Openings of commitments: read only by the owning party (see LedgerStore.reveal).
      CREATE TABLE ledger_reveals (
        commitment TEXT PRIMARY KEY,
        seq INTEGER NOT NULL REFERENCES ledger_entries (seq),
        owner_party TEXT NOT NULL,
        salt BLOB NOT NULL,
        value TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ledger_reveals_owner ON ledger_reveals (owner_party, seq);
      -- Who the log is: its origin, its verifier key and the parties' cosigner keys (for exports).
      CREATE TABLE ledger_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        origin TEXT NOT NULL,
        log_key TEXT NOT NULL,
        witnesses TEXT NOT NULL
      ) STRICT;
      -- Derived state written in the same transaction as the entries it derives from.
      CREATE TABLE projections (
        namespace TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (namespace, key)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  // People, their hashed API tokens and sessions: server-side secrets, never ledger entries.
  { version: 2, name: 'people', sql: PEOPLE_MIGRATION },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

export function currentVersion(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Brings the schema up to `SCHEMA_VERSION`; refuses a database from newer code. */
export function migrate(db: Database.Database, now: number, migrations = MIGRATIONS): void {
  const known = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  const found = currentVersion(db);
  if (found > known) {
    throw new JigError(
      'STORE_FAILURE',
      `database schema version ${found} is newer than this jig understands (${known}); upgrade jig`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= found) continue;
    // Re-read the version under the write lock: another process may have migrated meanwhile.
    db.transaction(() => {
      if (currentVersion(db) >= m.version) return;
      db.exec(m.sql);
      record.run(m.version, m.name, now);
    }).immediate();
  }
}
