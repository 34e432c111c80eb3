/**
 * The durable part of a SQLite group commit, on a thread of its own. With synchronous=FULL, COMMIT
 * returns only once the WAL is on disk: an fsync of 0.2 to several milliseconds (more when the WAL
 * is checkpointed), during which a connection on the main thread would stop the server. Here the
 * main thread seals entries and runs projections (the CPU work), and sends the group's rows; the
 * thread writes them in one transaction on its own connection (WAL, synchronous=FULL, read back
 * as on the main connection) while the main thread goes on serving requests.
 *
 * The thread checks, inside the transaction, that the chain still ends where the rows were sealed
 * after (another process may have appended): if not, it writes nothing and says so, and the caller
 * seals again on the new tip. A row that fails (a constraint) rolls the whole transaction back and
 * names its job, which the caller drops before trying the others again.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { JigError } from '../../core/index.ts';

/** One row of a job, in the order it is written. */
export type Row =
  | readonly ['entry', number, Uint8Array, Uint8Array, Uint8Array]
  | readonly ['node', number, number, Uint8Array]
  | readonly ['put', string, string, string]
  | readonly ['delete', string, string]
  | readonly ['reveal', string, number, string, Uint8Array, string];

export type CommitOutcome =
  | { readonly kind: 'committed' }
  | { readonly kind: 'stale' }
  | { readonly kind: 'job-failed'; readonly job: number; readonly error: JigError };

type Reply =
  | { id: number; kind: 'committed' | 'stale' | 'ready' }
  | { id: number; kind: 'job-failed'; job: number; message: string }
  | { id: number; kind: 'failed'; message: string };

// Plain CommonJS, evaluated in the thread: no TypeScript loader is needed there.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.path, { timeout: workerData.timeout });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
const journal = String(db.pragma('journal_mode', { simple: true }));
const sync = Number(db.pragma('synchronous', { simple: true }));
const fk = Number(db.pragma('foreign_keys', { simple: true }));
const lastSeq = db.prepare('SELECT max(seq) FROM ledger_entries').pluck();
const statements = {
  entry: db.prepare('INSERT INTO ledger_entries (seq, prev, leaf_hash, bytes) VALUES (?, ?, ?, ?)'),
  node: db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)'),
  put: db.prepare('INSERT INTO projections (namespace, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value'),
  delete: db.prepare('DELETE FROM projections WHERE namespace = ? AND key = ?'),
  reveal: db.prepare('INSERT INTO ledger_reveals (commitment, seq, owner_party, salt, value) VALUES (?, ?, ?, ?, ?)'),
};
const durable = journal === 'wal' && sync === 2 && fk === 1;
function commit({ id, after, jobs }) {
  db.exec('BEGIN IMMEDIATE');
  let job = -1;
  try {
    if ((lastSeq.get() ?? -1) !== after) {
      db.exec('ROLLBACK');
      return { id, kind: 'stale' };
    }
    for (job = 0; job < jobs.length; job++)
      for (const [table, ...args] of jobs[job]) statements[table].run(...args);
    job = -1;
    db.exec('COMMIT');
    return { id, kind: 'committed' };
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    const message = String(e && e.message ? e.message : e);
    return job >= 0 ? { id, kind: 'job-failed', job, message } : { id, kind: 'failed', message };
  }
}
parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  let reply;
  try {
    reply = commit(message);
  } catch (e) {
    reply = { id: message.id, kind: 'failed', message: String(e && e.message ? e.message : e) };
  }
  parentPort.postMessage(reply);
});
parentPort.postMessage(
  durable
    ? { id: 0, kind: 'ready' }
    : { id: 0, kind: 'failed', message: 'the commit thread could not open a durable connection (WAL, synchronous=FULL, foreign keys)' },
);
`;

const failure = (message: string, cause?: unknown) =>
  new JigError('STORE_FAILURE', message, cause === undefined ? {} : { cause });

export class CommitThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private next = 1;
  private dead: JigError | undefined;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (reply: Reply) => {
      const settle = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      settle?.(reply);
    });
    const lost = (reason: string) => {
      this.dead ??= failure(`the commit thread stopped: ${reason}`);
      for (const settle of this.waiting.values())
        settle({ id: 0, kind: 'failed', message: this.dead.message });
      this.waiting.clear();
    };
    worker.on('error', (e) => lost(String(e)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
  }

  /** Starts the thread on the database at `path` and waits until its connection is durable. */
  static async start(path: string, busyTimeoutMs: number): Promise<CommitThread> {
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(THREAD, { eval: true, workerData: { path, timeout: busyTimeoutMs, sqlite } });
    const thread = new CommitThread(worker);
    const ready = await thread.send(0, () => undefined);
    if (ready.kind !== 'ready') {
      await worker.terminate();
      throw failure(ready.kind === 'failed' ? ready.message : 'the commit thread did not start');
    }
    worker.unref();
    return thread;
  }

  /**
   * Writes the jobs' rows in one durable transaction, provided the ledger's last seq is still
   * `after`; resolves once COMMIT has returned (the WAL is on disk).
   */
  async commit(after: number, jobs: readonly (readonly Row[])[]): Promise<CommitOutcome> {
    const id = this.next++;
    const reply = await this.send(id, () => this.worker.postMessage({ id, after, jobs }));
    switch (reply.kind) {
      case 'committed':
      case 'stale':
        return { kind: reply.kind };
      case 'job-failed':
        return { kind: 'job-failed', job: reply.job, error: failure(reply.message) };
      case 'failed':
        throw failure(`the append transaction failed: ${reply.message}`);
      case 'ready':
        throw failure('the commit thread answered out of turn');
    }
  }

  async close(): Promise<void> {
    if (this.dead) return;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage({ close: true });
    await exited;
  }

  private send(id: number, post: () => void): Promise<Reply> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<Reply>((resolve) => {
      this.waiting.set(id, resolve);
      // A commit in progress keeps the process alive; an idle thread does not.
      this.worker.ref();
      post();
    });
  }
}
