/**
 * The write side of the SQLite adapter: one transaction per group of appends. Each append call of
 * a group is sealed after the previous one (seq, prev, signature in arrival order) and its
 * projection run, on the main thread; a call whose projection throws is dropped with its entries
 * and nothing else. The group's rows are then written and committed by the commit thread
 * (`commit-thread.ts`), so that the fsync does not stop the server. Jobs are settled only after
 * COMMIT returns: with synchronous=FULL that is after the WAL is on disk.
 */
import type Database from 'better-sqlite3';
import { JigError, toRfc3339, type Clock } from '../../core/index.ts';
import type { Job } from '../group-commit.ts';
import { MerkleTree, type NodeReader } from '../ledger-port.ts';
import { emptyHead, sealBatch, type ChainHead, type SealedBatch } from '../sealing.ts';
import type { AppendRequest, ProjectionHook, ProjectionTx, Reveal, StoredEntry } from '../types.ts';
import type { CommitThread, Row } from './commit-thread.ts';

export interface AppendJob {
  readonly batch: readonly AppendRequest[];
  readonly project: ProjectionHook | undefined;
}

type LastRow = { seq: number; leaf_hash: Buffer };

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
    LastRow | undefined;
  const size = last ? last.seq + 1 : 0;
  const frontier = MerkleTree.restore(size, nodeReader(db));
  return last ? { frontier, lastLeaf: last.leaf_hash } : emptyHead(frontier);
}

export class SqliteWriter {
  private readonly readProjection;

  constructor(
    private readonly db: Database.Database,
    private readonly thread: CommitThread,
    private readonly clock: Clock,
    /** The committed tip, kept in memory; replaced only after a commit. */
    public head: ChainHead,
    private readonly onCommit: (size: number) => void = () => undefined,
  ) {
    this.readProjection = db.prepare('SELECT value FROM projections WHERE namespace = ? AND key = ?').pluck();
  }

  async commitGroup(jobs: readonly Job<AppendJob, readonly StoredEntry[]>[]): Promise<void> {
    const time = toRfc3339(this.clock.now());
    let live = jobs;
    try {
      for (;;) {
        const planned = await this.plan(live, time);
        if (planned.length === 0) return;
        const outcome = await this.thread.commit(
          this.head.frontier.size - 1,
          planned.map((p) => p.rows),
        );
        if (outcome.kind === 'committed') {
          const last = planned.at(-1) as Planned;
          this.head = last.sealed.head;
          for (const { job, sealed } of planned)
            job.resolve(sealed.entries.map(({ seq, leafHash, bytes }) => ({ seq, leafHash, bytes })));
          this.onCommit(this.head.frontier.size);
          return;
        }
        if (outcome.kind === 'stale') {
          // Another process appended since our last commit: seal again after its entries.
          this.head = loadHead(this.db);
        } else {
          const failed = planned[outcome.job] as Planned;
          failed.job.reject(outcome.error);
        }
        live = planned.filter((_, i) => outcome.kind === 'stale' || i !== outcome.job).map((p) => p.job);
      }
    } catch (e) {
      const error =
        e instanceof JigError
          ? e
          : new JigError('STORE_FAILURE', 'the append transaction failed', { cause: e });
      for (const job of live) job.reject(error);
    }
  }

  /**
   * Seals each job after the previous one and runs its projection against a buffer; a job whose
   * sealing or projection throws is rejected alone and the next one is sealed in its place.
   */
  private async plan(
    jobs: readonly Job<AppendJob, readonly StoredEntry[]>[],
    time: string,
  ): Promise<Planned[]> {
    const planned: Planned[] = [];
    const written = new Map<string, string | undefined>();
    let head = this.head;
    for (const job of jobs) {
      let sealed: SealedBatch;
      try {
        sealed = sealBatch(head, job.input.batch, time);
      } catch (e) {
        job.reject(e);
        continue;
      }
      const rows: Row[] = [];
      for (const e of sealed.entries) rows.push(['entry', e.seq, e.prev, e.leafHash, e.bytes]);
      for (const n of sealed.nodes) rows.push(['node', n.level, n.index, n.hash]);
      const project = job.input.project;
      if (project) {
        const tx = new BufferedTx(
          rows,
          written,
          (ns, key) => this.readProjection.get(ns, key) as string | undefined,
        );
        try {
          await project(tx, sealed.entries);
        } catch (e) {
          job.reject(e);
          continue;
        }
        tx.keep();
      }
      planned.push({ job, sealed, rows });
      head = sealed.head;
    }
    return planned;
  }
}

interface Planned {
  readonly job: Job<AppendJob, readonly StoredEntry[]>;
  readonly sealed: SealedBatch;
  readonly rows: readonly Row[];
}

const slot = (ns: string, key: string) => `${ns}\u0000${key}`;

/**
 * What a projection sees inside the group: its own writes and those of the jobs before it in the
 * group, then the database as last committed. Its writes become rows of its job, and reach the
 * group's view only when the job is kept (a projection that throws leaves nothing behind).
 */
class BufferedTx implements ProjectionTx {
  private readonly own = new Map<string, string | undefined>();

  constructor(
    private readonly rows: Row[],
    private readonly group: Map<string, string | undefined>,
    private readonly committed: (ns: string, key: string) => string | undefined,
  ) {}

  get(ns: string, key: string): Promise<unknown> {
    const k = slot(ns, key);
    const value = this.own.has(k)
      ? this.own.get(k)
      : this.group.has(k)
        ? this.group.get(k)
        : this.committed(ns, key);
    return Promise.resolve(value === undefined ? undefined : (JSON.parse(value) as unknown));
  }

  put(ns: string, key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined)
      return Promise.reject(new JigError('INVALID_INPUT', 'projection value is not JSON'));
    this.rows.push(['put', ns, key, json]);
    this.own.set(slot(ns, key), json);
    return Promise.resolve();
  }

  delete(ns: string, key: string): Promise<void> {
    this.rows.push(['delete', ns, key]);
    this.own.set(slot(ns, key), undefined);
    return Promise.resolve();
  }

  putReveal(r: Reveal): Promise<void> {
    const json = JSON.stringify(r.value) as string | undefined;
    if (json === undefined) throw new JigError('INVALID_INPUT', 'a revealed value must be JSON');
    this.rows.push(['reveal', r.commitment, r.seq, r.ownerParty, r.salt, json]);
    return Promise.resolve();
  }

  /** The job is kept: its writes are seen by the jobs after it. */
  keep(): void {
    for (const [k, v] of this.own) this.group.set(k, v);
  }
}
