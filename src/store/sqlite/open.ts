/**
 * Opening a SQLite database for the ledger. Durability is not assumed: every pragma that matters is
 * set and then read back, and a connection that does not report what was asked is refused. (A WAL
 * database may come back at synchronous=NORMAL on reopen, where a power cut can lose the last
 * commits: an acknowledged entry would vanish.)
 */
import Database from 'better-sqlite3';
import { JigError } from '../../core/index.ts';

export interface OpenOptions {
  readonly busyTimeoutMs?: number;
  /**
   * Leaves synchronous at NORMAL, to show that the assertion refuses it. Tests only: no caller
   * outside the contract suite sets it.
   */
  readonly testOnlyWeakSync?: boolean;
}

const SYNC_FULL = 2;

export function openWriter(path: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(options.testOnlyWeakSync ? 'synchronous = NORMAL' : 'synchronous = FULL');
    db.pragma('foreign_keys = ON');
    assertDurable(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** A second connection for reads: in WAL mode it sees the last commit, never a transaction in progress. */
export function openReader(path: string, options: OpenOptions = {}): Database.Database {
  const db = new Database(path, { readonly: true, timeout: options.busyTimeoutMs ?? 5000 });
  db.pragma('foreign_keys = ON');
  return db;
}

/** Reads the durability pragmas back and throws unless they are WAL, synchronous=FULL, foreign keys on. */
export function assertDurable(db: Database.Database): void {
  const journal = String(db.pragma('journal_mode', { simple: true }));
  const sync = Number(db.pragma('synchronous', { simple: true }));
  const fk = Number(db.pragma('foreign_keys', { simple: true }));
  const problems = [
    journal === 'wal' ? undefined : `journal_mode is ${journal}, expected wal`,
    sync === SYNC_FULL ? undefined : `synchronous is ${sync}, expected ${SYNC_FULL} (FULL)`,
    fk === 1 ? undefined : 'foreign_keys is off',
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    throw new JigError('STORE_FAILURE', `refusing a non-durable SQLite connection: ${problems.join('; ')}`, {
      issues: problems.map((reason) => ({ pointer: '', reason })),
    });
  }
}
