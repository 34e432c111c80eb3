/**
 * The PostgreSQL adapter of `LedgerStore`, for a joint center that runs several server instances on
 * one database. Each instance appends through its own writer connection and group committer;
 * appends from all instances are serialized on the head row (see `writer.ts`). Reads go through a
 * pool and see committed data only, so a read never observes an unacknowledged append. Every
 * commit NOTIFYs the new size, which `onAppended` reports from every instance.
 */
import type pg from 'pg';
import { JigError, epochMs, systemClock, type Clock } from '../../core/index.ts';
import { GroupCommitter } from '../group-commit.ts';
import { consistencyProof, inclusionProof, treeRoot } from '../ledger-port.ts';
import { SizeListeners } from '../notifier.ts';
import type { PeopleRecords } from '../people.ts';
import type {
  AppendRequest,
  LedgerIdentity,
  OpenedStore,
  ProjectionHook,
  Reveal,
  SharedPictures,
  StoredCheckpoint,
  StoredEntry,
} from '../types.ts';
import { assertDurable, connectClient, createPool, type ConnectOptions } from './connect.ts';
import { postgresPictures } from './pictures.ts';
import { PgListener } from './listener.ts';
import { migrate } from './migrations.ts';
import { withNodes } from './nodes.ts';
import { postgresPeopleRecords } from './people.ts';
import { PgWriter, loadHead, type AppendJob } from './writer.ts';

export interface PostgresStoreOptions extends ConnectOptions {
  /** Source of entry times; the system clock by default. */
  readonly clock?: Clock;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<OpenedStore> {
  const clock = options.clock ?? systemClock;
  const setup = await connectClient(options);
  const pool = createPool(options);
  let listener: PgListener | undefined;
  try {
    await assertDurable(setup);
    await assertDurable(pool);
    await migrate(setup, clock.now());
    // One snapshot for the head and the entries: other instances may be appending meanwhile.
    await setup.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const head = await loadHead(setup);
    await checkTip(setup, head.frontier.size);
    await setup.query('COMMIT');
    const sizes = new SizeListeners();
    const writer = new PgWriter(options, clock, head, (size) => sizes.report(size));
    listener = new PgListener(options, sizes, () => readSize(pool));
    await listener.start();
    return new PostgresLedgerStore(pool, writer, listener, sizes, clock);
  } catch (e) {
    await listener?.close();
    await pool.end().catch(() => undefined);
    throw e;
  } finally {
    await setup.end().catch(() => undefined);
  }
}

/** The head row must name the last entry: a restore that lost either side is refused. */
async function checkTip(db: pg.Client, size: number): Promise<void> {
  const { rows } = await db.query<{ last: number | null }>('SELECT max(seq) AS last FROM ledger_entries');
  const last = rows[0]?.last ?? -1;
  if (last !== size - 1) {
    throw new JigError(
      'LEDGER_INCONSISTENT',
      `the ledger head says ${size} entries but the last seq is ${last}`,
    );
  }
}

async function readSize(db: pg.Pool): Promise<number> {
  const { rows } = await db.query<{ size: number }>('SELECT size FROM ledger_head WHERE id = 1');
  return rows[0]?.size ?? 0;
}

type RevealRow = { commitment: string; seq: number; owner_party: string; salt: Buffer; value: string };
const toReveal = (r: RevealRow): Reveal => ({
  commitment: r.commitment,
  seq: r.seq,
  ownerParty: r.owner_party,
  salt: r.salt,
  value: JSON.parse(r.value) as unknown,
});
type CheckpointRow = {
  size: number;
  root_hash: Buffer;
  note: string;
  created_at: number;
  cosignatures: string[];
};
const CHECKPOINTS = `SELECT c.*, coalesce(
    (SELECT array_agg(s.line ORDER BY s.added_at, s.received) FROM ledger_cosignatures s WHERE s.size = c.size),
    '{}') AS cosignatures
  FROM ledger_checkpoints c`;
const toCheckpoint = (r: CheckpointRow): StoredCheckpoint => ({
  size: r.size,
  rootHash: r.root_hash,
  note: r.note,
  cosignatures: r.cosignatures,
  createdAt: epochMs(r.created_at),
});

class PostgresLedgerStore implements OpenedStore {
  readonly kind = 'postgres';
  readonly people: PeopleRecords;
  readonly pictures: SharedPictures;
  private readonly committer: GroupCommitter<AppendJob, readonly StoredEntry[]>;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly writer: PgWriter,
    private readonly listener: PgListener,
    private readonly sizes: SizeListeners,
    private readonly clock: Clock,
  ) {
    this.committer = new GroupCommitter((jobs) => writer.commitGroup(jobs));
    this.people = postgresPeopleRecords(pool);
    this.pictures = postgresPictures(pool);
  }

  append(batch: readonly AppendRequest[], project?: ProjectionHook): Promise<readonly StoredEntry[]> {
    if (this.closed) return Promise.reject(new JigError('STORE_FAILURE', 'the store is closed'));
    return this.committer.submit({ batch, project });
  }

  onAppended(listener: (size: number) => void): () => void {
    return this.sizes.onAppended(listener);
  }

  size(): Promise<number> {
    return readSize(this.pool);
  }

  async rootHash(size?: number): Promise<Uint8Array> {
    const n = await this.checkSize(size ?? (await this.size()));
    const head = this.writer.head.frontier;
    return n === head.size ? head.root() : withNodes(this.pool, (reader) => treeRoot(n, reader));
  }

  async entries(from: number, to: number): Promise<readonly StoredEntry[]> {
    const { rows } = await this.pool.query<{ seq: number; leaf_hash: Buffer; bytes: Buffer }>(
      'SELECT seq, leaf_hash, bytes FROM ledger_entries WHERE seq >= $1 AND seq < $2 ORDER BY seq',
      [from, to],
    );
    return rows.map((r) => ({ seq: r.seq, leafHash: r.leaf_hash, bytes: r.bytes }));
  }

  async inclusionProof(index: number, size: number): Promise<readonly Uint8Array[]> {
    await this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new JigError('INVALID_INPUT', `leaf index ${index} is not in a tree of size ${size}`, {
        issues: [{ pointer: '/index', reason: `must be an integer from 0 to ${size - 1}` }],
      });
    }
    return withNodes(this.pool, (reader) => inclusionProof(index, size, reader));
  }

  async consistencyProof(size1: number, size2: number): Promise<readonly Uint8Array[]> {
    await this.checkSize(size2);
    // From the empty tree there is nothing to prove (every tree extends it): refused, as RFC 9162 verifiers do.
    if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > size2) {
      throw new JigError('INVALID_INPUT', `size1 ${size1} must be from 1 to size2 ${size2}`, {
        issues: [{ pointer: '/size1', reason: `must be an integer from 1 to ${size2}` }],
      });
    }
    return withNodes(this.pool, (reader) => consistencyProof(size1, size2, reader));
  }

  async putCheckpoint(cp: { size: number; rootHash: Uint8Array; note: string }): Promise<void> {
    const root = await this.rootHash(cp.size);
    if (!Buffer.from(root).equals(cp.rootHash)) {
      throw new JigError(
        'LEDGER_INCONSISTENT',
        `checkpoint root for size ${cp.size} differs from the ledger's`,
      );
    }
    // Insert-or-compare in one statement: two instances recording the same checkpoint both succeed.
    const { rows } = await this.pool.query<{ note: string }>(
      `WITH i AS (
         INSERT INTO ledger_checkpoints (size, root_hash, note, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (size) DO NOTHING RETURNING note)
       SELECT note FROM i UNION ALL SELECT note FROM ledger_checkpoints WHERE size = $1`,
      [cp.size, cp.rootHash, cp.note, this.clock.now()],
    );
    if (rows.some((r) => r.note !== cp.note)) {
      throw new JigError('CONFLICT', `a different checkpoint of size ${cp.size} is already recorded`);
    }
  }

  async addCosignature(size: number, line: string): Promise<void> {
    const { rows } = await this.pool.query<{ found: boolean }>(
      `WITH c AS (SELECT size FROM ledger_checkpoints WHERE size = $1),
       i AS (INSERT INTO ledger_cosignatures (size, line, added_at) SELECT size, $2, $3 FROM c
             ON CONFLICT DO NOTHING)
       SELECT EXISTS (SELECT 1 FROM c) AS found`,
      [size, line, this.clock.now()],
    );
    if (!rows[0]?.found) throw new JigError('NOT_FOUND', `no checkpoint of size ${size}`);
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query<CheckpointRow>(`${CHECKPOINTS} ORDER BY c.size DESC LIMIT 1`);
    return rows[0] && toCheckpoint(rows[0]);
  }

  async checkpoints(): Promise<readonly StoredCheckpoint[]> {
    const { rows } = await this.pool.query<CheckpointRow>(`${CHECKPOINTS} ORDER BY c.size`);
    return rows.map(toCheckpoint);
  }

  async reveal(commitment: string, party: string): Promise<Reveal | undefined> {
    const { rows } = await this.pool.query<RevealRow>(
      'SELECT * FROM ledger_reveals WHERE commitment = $1 AND owner_party = $2',
      [commitment, party],
    );
    return rows[0] && toReveal(rows[0]);
  }

  async reveals(party: string): Promise<readonly Reveal[]> {
    const { rows } = await this.pool.query<RevealRow>(
      'SELECT * FROM ledger_reveals WHERE owner_party = $1 ORDER BY seq, commitment',
      [party],
    );
    return rows.map(toReveal);
  }

  async setIdentity(identity: LedgerIdentity): Promise<void> {
    await this.pool.query(
      `INSERT INTO ledger_identity (id, origin, log_key, witnesses) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, log_key = excluded.log_key, witnesses = excluded.witnesses`,
      [identity.origin, identity.logKey, JSON.stringify(identity.witnesses)],
    );
  }

  async identity(): Promise<LedgerIdentity | undefined> {
    const { rows } = await this.pool.query<{ origin: string; log_key: string; witnesses: string }>(
      'SELECT origin, log_key, witnesses FROM ledger_identity',
    );
    const row = rows[0];
    return (
      row && { origin: row.origin, logKey: row.log_key, witnesses: JSON.parse(row.witnesses) as string[] }
    );
  }

  async projection(namespace: string, key: string): Promise<unknown> {
    const { rows } = await this.pool.query<{ value: string }>(
      'SELECT value FROM projections WHERE namespace = $1 AND key = $2',
      [namespace, key],
    );
    return rows[0] === undefined ? undefined : (JSON.parse(rows[0].value) as unknown);
  }

  async projections(namespace: string): Promise<readonly { key: string; value: unknown }[]> {
    const { rows } = await this.pool.query<{ key: string; value: string }>(
      'SELECT key, value FROM projections WHERE namespace = $1 ORDER BY key COLLATE "C"',
      [namespace],
    );
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.committer.drain();
    await this.listener.close();
    await this.writer.close();
    await this.pool.end();
  }

  private async checkSize(size: number): Promise<number> {
    // A size this instance has committed is in the ledger for good: no need to ask the database.
    if (Number.isSafeInteger(size) && size >= 0 && size <= this.writer.head.frontier.size) return size;
    const current = await this.size();
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new JigError('INVALID_INPUT', `tree size ${size} is not between 0 and ${current}`, {
        issues: [{ pointer: '/size', reason: `must be an integer from 0 to ${current}` }],
      });
    }
    return size;
  }
}
