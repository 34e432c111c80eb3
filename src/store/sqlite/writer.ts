/**
 * The write side of the SQLite adapter: one connection, one transaction per group of appends.
 * Each append call of a group is sealed after the previous one (seq, prev, signature in arrival
 * order); a call with a projection runs inside a savepoint, so that a projection that throws
 * removes its own entries and nothing else. Jobs are settled only after COMMIT returns: with
 * synchronous=FULL that is after the WAL is on disk.
 */
import type Database from 'better-sqlite3';
import { JigError, toRfc3339, type Clock } from '../../core/index.ts';
import type { Job } from '../group-commit.ts';
import { MerkleTree, type NodeReader } from '../ledger-port.ts';
import { emptyHead, sealBatch, type ChainHead, type SealedBatch } from '../sealing.ts';
import type { AppendRequest, ProjectionHook, ProjectionTx, Reveal, StoredEntry } from '../types.ts';

export interface AppendJob {
  readonly batch: readonly AppendRequest[];
  readonly project: ProjectionHook | undefined;
}

type Row = { seq: number; leaf_hash: Buffer };

export function nodeReader(db: Database.Database): NodeReader {
  const get = db.prepare('SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?').pluck();
  return {
    node(level, index) {
      const hash = get.get(level, index) as Buffer | undefined;
      if (!hash) throw new JigError('LEDGER_INCONSISTENT', `Merkle node (${level}, ${index}) is missing`);
      return hash;
    },
  };
}

/** Reads the tip of the chain from the database: the last entry and the tree's frontier. */
export function loadHead(db: Database.Database): ChainHead {
  const last = db.prepare('SELECT seq, leaf_hash FROM ledger_entries ORDER BY seq DESC LIMIT 1').get() as
    Row | undefined;
  const size = last ? last.seq + 1 : 0;
  const frontier = MerkleTree.restore(size, nodeReader(db));
  return last ? { frontier, lastLeaf: last.leaf_hash } : emptyHead(frontier);
}

export class SqliteWriter {
  private readonly insertEntry;
  private readonly insertNode;
  private readonly lastSeq;
  private readonly tx: ProjectionTx;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    /** The committed tip, kept in memory; replaced only after a commit. */
    public head: ChainHead,
    private readonly onCommit: (size: number) => void = () => undefined,
  ) {
    this.insertEntry = db.prepare(
      'INSERT INTO ledger_entries (seq, prev, leaf_hash, bytes) VALUES (?, ?, ?, ?)',
    );
    this.insertNode = db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)');
    this.lastSeq = db.prepare('SELECT max(seq) FROM ledger_entries').pluck();
    this.tx = projectionTx(db);
  }

  async commitGroup(jobs: readonly Job<AppendJob, readonly StoredEntry[]>[]): Promise<void> {
    const time = toRfc3339(this.clock.now());
    const settled: [Job<AppendJob, readonly StoredEntry[]>, readonly StoredEntry[]][] = [];
    let head: ChainHead;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      head = this.currentHead();
      for (const job of jobs) {
        const sealed = await this.apply(head, job, time);
        if (!sealed) continue;
        head = sealed.head;
        settled.push([job, sealed.entries.map(({ seq, leafHash, bytes }) => ({ seq, leafHash, bytes }))]);
      }
      this.db.exec('COMMIT');
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      const error = new JigError('STORE_FAILURE', 'the append transaction failed', { cause: e });
      for (const job of jobs) job.reject(error);
      return;
    }
    this.head = head;
    for (const [job, entries] of settled) job.resolve(entries);
    this.onCommit(head.frontier.size);
  }

  /** The tip as in the database: another process may have appended since our last commit. */
  private currentHead(): ChainHead {
    const last = this.lastSeq.get() as number | null;
    const inMemory = this.head.frontier.size - 1;
    return (last ?? -1) === inMemory ? this.head : loadHead(this.db);
  }

  private async apply(head: ChainHead, job: Job<AppendJob, readonly StoredEntry[]>, time: string) {
    let sealed: SealedBatch;
    try {
      sealed = sealBatch(head, job.input.batch, time);
    } catch (e) {
      job.reject(e);
      return undefined;
    }
    const project = job.input.project;
    if (!project) {
      this.insert(sealed);
      return sealed;
    }
    this.db.exec('SAVEPOINT append_job');
    try {
      this.insert(sealed);
      await project(this.tx, sealed.entries);
      this.db.exec('RELEASE append_job');
      return sealed;
    } catch (e) {
      this.db.exec('ROLLBACK TO append_job');
      this.db.exec('RELEASE append_job');
      job.reject(e);
      return undefined;
    }
  }

  private insert(sealed: SealedBatch): void {
    for (const e of sealed.entries) this.insertEntry.run(e.seq, e.prev, e.leafHash, e.bytes);
    for (const n of sealed.nodes) this.insertNode.run(n.level, n.index, n.hash);
  }
}

function projectionTx(db: Database.Database): ProjectionTx {
  const get = db.prepare('SELECT value FROM projections WHERE namespace = ? AND key = ?').pluck();
  const put = db.prepare(
    'INSERT INTO projections (namespace, key, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value',
  );
  const del = db.prepare('DELETE FROM projections WHERE namespace = ? AND key = ?');
  const reveal = db.prepare(
    'INSERT INTO ledger_reveals (commitment, seq, owner_party, salt, value) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    get: (ns, key) => {
      const value = get.get(ns, key) as string | undefined;
      return Promise.resolve(value === undefined ? undefined : (JSON.parse(value) as unknown));
    },
    put: (ns, key, value) => {
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined)
        return Promise.reject(new JigError('INVALID_INPUT', 'projection value is not JSON'));
      put.run(ns, key, json);
      return Promise.resolve();
    },
    delete: (ns, key) => {
      del.run(ns, key);
      return Promise.resolve();
    },
    putReveal: (r: Reveal) => {
      const json = JSON.stringify(r.value) as string | undefined;
      if (json === undefined) throw new JigError('INVALID_INPUT', 'a revealed value must be JSON');
      reveal.run(r.commitment, r.seq, r.ownerParty, r.salt, json);
      return Promise.resolve();
    },
  };
}
