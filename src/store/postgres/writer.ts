/**
 * The write side of the PostgreSQL adapter: one connection, one transaction per group of appends.
 * Several server instances may append to one database, so the chain is kept one by construction,
 * not by isolation level: each transaction first locks the single head row (`SELECT ... FOR
 * UPDATE`), and seq and prev are assigned from that row. An instance whose in-memory frontier is
 * behind the head (another instance appended) reloads it from the stored nodes inside the lock. The
 * seq primary key and the unique prev would refuse a fork even if the lock were bypassed.
 * Jobs are settled only after COMMIT returns with synchronous_commit on: the commit is on disk.
 */
import type pg from 'pg';
import { JigError, toRfc3339, type Clock } from '../../core/index.ts';
import type { Job } from '../group-commit.ts';
import { MerkleTree, bytesEqual } from '../ledger-port.ts';
import { emptyHead, sealBatch, type ChainHead, type SealedBatch } from '../sealing.ts';
import type { AppendRequest, ProjectionHook, StoredEntry } from '../types.ts';
import { connectClient, type ConnectOptions } from './connect.ts';
import { withNodes, type Queryable } from './nodes.ts';
import { projectionTx } from './projection.ts';

export interface AppendJob {
  readonly batch: readonly AppendRequest[];
  readonly project: ProjectionHook | undefined;
}
type AppendJobOf = Job<AppendJob, readonly StoredEntry[]>;

export const APPENDED_CHANNEL = 'jig_ledger_appended';

/** Reads the tip of the chain: the head row and the frontier's O(log n) peaks. */
export async function loadHead(db: Queryable, lock = false): Promise<ChainHead> {
  const { rows } = await db.query<{ size: number; last_leaf: Buffer }>(
    `SELECT size, last_leaf FROM ledger_head WHERE id = 1${lock ? ' FOR UPDATE' : ''}`,
  );
  const row = rows[0];
  if (!row) throw new JigError('LEDGER_INCONSISTENT', 'the ledger head row is missing');
  const frontier = await withNodes(db, (reader) => MerkleTree.restore(row.size, reader));
  return row.size === 0 ? emptyHead(frontier) : { frontier, lastLeaf: row.last_leaf };
}

export class PgWriter {
  private client: pg.Client | undefined;

  constructor(
    private readonly options: ConnectOptions,
    private readonly clock: Clock,
    /** The committed tip, kept in memory; replaced only after a commit. */
    public head: ChainHead,
    private readonly onCommit: (size: number) => void,
  ) {}

  async commitGroup(jobs: readonly AppendJobOf[]): Promise<void> {
    const time = toRfc3339(this.clock.now());
    const settled: [AppendJobOf, readonly StoredEntry[]][] = [];
    let client: pg.Client | undefined;
    let head: ChainHead;
    try {
      client = await this.connection();
      head = await this.beginAndLockHead(client);
      const unprojected: SealedBatch[] = [];
      for (const job of jobs) {
        const sealed = await this.apply(client, head, job, time, unprojected);
        if (!sealed) continue;
        head = sealed.head;
        settled.push([job, sealed.entries.map(({ seq, leafHash, bytes }) => ({ seq, leafHash, bytes }))]);
      }
      await insert(client, unprojected, head);
      await client.query('COMMIT');
    } catch (e) {
      await this.abandon(client);
      const error = new JigError('STORE_FAILURE', 'the append transaction failed', { cause: e });
      for (const job of jobs) job.reject(error);
      return;
    }
    this.head = head;
    for (const [job, entries] of settled) job.resolve(entries);
    this.onCommit(head.frontier.size);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = await connectClient(this.options);
    // A writer frozen inside a transaction would hold the head lock of every instance: the server
    // ends such a session (and releases the lock) after a minute.
    await client.query(`SET idle_in_transaction_session_timeout TO '60s'`);
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
    });
    this.client = client;
    return client;
  }

  /** Rolls back; a connection that cannot even do that is dropped, and the next group reconnects. */
  private async abandon(client: pg.Client | undefined): Promise<void> {
    if (!client) return;
    try {
      await client.query('ROLLBACK');
    } catch {
      if (this.client === client) this.client = undefined;
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Opens the transaction and locks the head in one round trip (the lock is held for as few round
   * trips as possible: other instances wait on it). The head is reloaded from the database when
   * another instance appended since this one's last commit.
   */
  private async beginAndLockHead(client: pg.Client): Promise<ChainHead> {
    // Two statements without parameters go in one simple query; pg answers with one result each.
    const results = (await client.query(
      'BEGIN; SELECT size, last_leaf FROM ledger_head WHERE id = 1 FOR UPDATE',
    )) as unknown as pg.QueryResult<{ size: number; last_leaf: Buffer }>[];
    const row = results[1]?.rows[0];
    const mine = this.head;
    if (row && row.size === mine.frontier.size && bytesEqual(row.last_leaf, mine.lastLeaf)) return mine;
    return loadHead(client);
  }

  private async apply(
    client: pg.Client,
    head: ChainHead,
    job: AppendJobOf,
    time: string,
    unprojected: SealedBatch[],
  ): Promise<SealedBatch | undefined> {
    let sealed: SealedBatch;
    try {
      sealed = sealBatch(head, job.input.batch, time);
    } catch (e) {
      job.reject(e);
      return undefined;
    }
    const project = job.input.project;
    if (!project) {
      // Inserted with the others in one statement at the end: a round trip per group, not per call.
      unprojected.push(sealed);
      return sealed;
    }
    await client.query('SAVEPOINT append_job');
    try {
      await insert(client, [sealed]);
      await project(projectionTx(client), sealed.entries);
      await client.query('RELEASE SAVEPOINT append_job');
      return sealed;
    } catch (e) {
      await client.query('ROLLBACK TO SAVEPOINT append_job');
      await client.query('RELEASE SAVEPOINT append_job');
      job.reject(e);
      return undefined;
    }
  }
}

const INSERT_ENTRIES = `INSERT INTO ledger_entries (seq, prev, leaf_hash, bytes)
  SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[])`;
const INSERT_NODES = `INSERT INTO ledger_nodes (level, idx, hash)
  SELECT * FROM unnest($5::smallint[], $6::bigint[], $7::bytea[])`;

/**
 * Inserts the entries and Merkle nodes of `batches` in one statement. Given the new head, the same
 * statement moves the head row and queues the notification, delivered to every listening instance
 * when (and only if) the transaction commits.
 */
async function insert(client: pg.Client, batches: readonly SealedBatch[], head?: ChainHead): Promise<void> {
  const entries = batches.flatMap((b) => b.entries);
  const nodes = batches.flatMap((b) => b.nodes);
  const values: unknown[] = [
    entries.map((e) => e.seq),
    entries.map((e) => e.prev),
    entries.map((e) => e.leafHash),
    entries.map((e) => e.bytes),
    nodes.map((n) => n.level),
    nodes.map((n) => n.index),
    nodes.map((n) => n.hash),
  ];
  if (!head) {
    if (entries.length > 0) await client.query(`WITH e AS (${INSERT_ENTRIES}) ${INSERT_NODES}`, values);
    return;
  }
  const size = head.frontier.size;
  await client.query(
    `WITH e AS (${INSERT_ENTRIES}), n AS (${INSERT_NODES}),
       h AS (UPDATE ledger_head SET size = $8, last_leaf = $9 WHERE id = 1)
     SELECT pg_notify($10, $11)`,
    [...values, size, head.lastLeaf, APPENDED_CHANNEL, String(size)],
  );
}
