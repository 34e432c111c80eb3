/**
 * The SQLite adapter of `LedgerStore`: a file, zero set-up. Appends go through a group committer
 * whose transactions the commit thread runs on its own connection; other writes (checkpoints,
 * identity) go through the main connection, between groups. Reads use a third connection, which in
 * WAL mode sees committed data only, so a read never observes an append that is not durable.
 */
import type Database from 'better-sqlite3';
import { JigError, epochMs, systemClock, type Clock } from '../../core/index.ts';
import { GroupCommitter } from '../group-commit.ts';
import { consistencyProof, inclusionProof, treeRoot } from '../ledger-port.ts';
import { SizeListeners } from '../notifier.ts';
import type { PeopleRecords } from '../people.ts';
import { sqlitePeopleRecords } from '../people-sqlite.ts';
import type {
  AppendRequest,
  LedgerIdentity,
  OpenedStore,
  ProjectionHook,
  Reveal,
  StoredCheckpoint,
  StoredEntry,
} from '../types.ts';
import { migrate } from './migrations.ts';
import { openReader, openWriter, type OpenOptions } from './open.ts';
import { CommitThread } from './commit-thread.ts';
import { SqliteWriter, loadHead, nodeReader, type AppendJob } from './writer.ts';

export interface SqliteStoreOptions extends OpenOptions {
  /** Path of the database file (created when missing). */
  readonly path: string;
  /** Source of entry times; the system clock by default. */
  readonly clock?: Clock;
}

export async function openSqliteStore(options: SqliteStoreOptions): Promise<OpenedStore> {
  const clock = options.clock ?? systemClock;
  const db = openWriter(options.path, options);
  // Closed again if the open fails part way: a commit thread left running would hold the file.
  let reader: Database.Database | undefined;
  let thread: CommitThread | undefined;
  try {
    migrate(db, clock.now());
    const head = loadHead(db);
    const count = db.prepare('SELECT count(*) FROM ledger_entries').pluck().get() as number;
    if (count !== head.frontier.size) {
      throw new JigError(
        'LEDGER_INCONSISTENT',
        `ledger has ${count} entries but its last seq is ${head.frontier.size - 1}`,
      );
    }
    reader = openReader(options.path, options);
    thread = await CommitThread.start(options.path, options.busyTimeoutMs ?? 5000);
    const sizes = new SizeListeners();
    const writer = new SqliteWriter(db, thread, clock, head, (size) => sizes.report(size));
    return new SqliteLedgerStore(db, reader, writer, thread, sizes, clock, options);
  } catch (e) {
    await thread?.close();
    reader?.close();
    db.close();
    throw e;
  }
}

type EntryRow = { seq: number; leaf_hash: Buffer; bytes: Buffer };
type RevealRow = { commitment: string; seq: number; owner_party: string; salt: Buffer; value: string };
const toReveal = (r: RevealRow): Reveal => ({
  commitment: r.commitment,
  seq: r.seq,
  ownerParty: r.owner_party,
  salt: r.salt,
  value: JSON.parse(r.value) as unknown,
});
type CheckpointRow = { size: number; root_hash: Buffer; note: string; created_at: number };

class SqliteLedgerStore implements OpenedStore {
  readonly kind = 'sqlite';
  readonly people: PeopleRecords;
  /**
   * People are written through a connection of their own: the writer's connection may be inside an
   * append transaction (awaiting a projection), which a people write must not join.
   */
  private readonly peopleDb: Database.Database;
  private readonly committer: GroupCommitter<AppendJob, readonly StoredEntry[]>;
  private readonly nodes;
  private readonly lastSeq;
  private readonly range;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly reader: Database.Database,
    private readonly writer: SqliteWriter,
    private readonly thread: CommitThread,
    private readonly sizes: SizeListeners,
    private readonly clock: Clock,
    options: OpenOptions & { readonly path: string },
  ) {
    this.peopleDb = openWriter(options.path, options);
    this.people = sqlitePeopleRecords(this.peopleDb);
    this.committer = new GroupCommitter((jobs) => writer.commitGroup(jobs));
    this.nodes = nodeReader(reader);
    this.lastSeq = reader.prepare('SELECT max(seq) FROM ledger_entries').pluck();
    this.range = reader.prepare(
      'SELECT seq, leaf_hash, bytes FROM ledger_entries WHERE seq >= ? AND seq < ? ORDER BY seq',
    );
  }

  append(batch: readonly AppendRequest[], project?: ProjectionHook): Promise<readonly StoredEntry[]> {
    if (this.closed) return Promise.reject(new JigError('STORE_FAILURE', 'the store is closed'));
    return this.committer.submit({ batch, project });
  }

  /** In-process only: a SQLite database has one server instance. */
  onAppended(listener: (size: number) => void): () => void {
    return this.sizes.onAppended(listener);
  }

  size(): Promise<number> {
    const last = this.lastSeq.get() as number | null;
    return Promise.resolve((last ?? -1) + 1);
  }

  async rootHash(size?: number): Promise<Uint8Array> {
    const n = await this.checkSize(size ?? (await this.size()));
    const head = this.writer.head.frontier;
    return n === head.size ? head.root() : treeRoot(n, this.nodes);
  }

  entries(from: number, to: number): Promise<readonly StoredEntry[]> {
    const rows = this.range.all(from, to) as EntryRow[];
    return Promise.resolve(rows.map((r) => ({ seq: r.seq, leafHash: r.leaf_hash, bytes: r.bytes })));
  }

  async inclusionProof(index: number, size: number): Promise<readonly Uint8Array[]> {
    await this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new JigError('INVALID_INPUT', `leaf index ${index} is not in a tree of size ${size}`, {
        issues: [{ pointer: '/index', reason: `must be an integer from 0 to ${size - 1}` }],
      });
    }
    return inclusionProof(index, size, this.nodes);
  }

  async consistencyProof(size1: number, size2: number): Promise<readonly Uint8Array[]> {
    await this.checkSize(size2);
    // From the empty tree there is nothing to prove (every tree extends it): refused, as RFC 9162 verifiers do.
    if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > size2) {
      throw new JigError('INVALID_INPUT', `size1 ${size1} must be from 1 to size2 ${size2}`, {
        issues: [{ pointer: '/size1', reason: `must be an integer from 1 to ${size2}` }],
      });
    }
    return consistencyProof(size1, size2, this.nodes);
  }

  async putCheckpoint(cp: { size: number; rootHash: Uint8Array; note: string }): Promise<void> {
    const root = await this.rootHash(cp.size);
    if (!Buffer.from(root).equals(cp.rootHash)) {
      throw new JigError(
        'LEDGER_INCONSISTENT',
        `checkpoint root for size ${cp.size} differs from the ledger's`,
      );
    }
    await this.committer.exclusive(() => {
      const existing = this.db
        .prepare('SELECT note FROM ledger_checkpoints WHERE size = ?')
        .pluck()
        .get(cp.size);
      if (existing === undefined) {
        this.db
          .prepare('INSERT INTO ledger_checkpoints (size, root_hash, note, created_at) VALUES (?, ?, ?, ?)')
          .run(cp.size, cp.rootHash, cp.note, this.clock.now());
      } else if (existing !== cp.note) {
        throw new JigError('CONFLICT', `a different checkpoint of size ${cp.size} is already recorded`);
      }
      return Promise.resolve();
    });
  }

  async addCosignature(size: number, line: string): Promise<void> {
    await this.committer.exclusive(() => {
      const found = this.db.prepare('SELECT 1 FROM ledger_checkpoints WHERE size = ?').get(size);
      if (found === undefined) throw new JigError('NOT_FOUND', `no checkpoint of size ${size}`);
      this.db
        .prepare(
          'INSERT INTO ledger_cosignatures (size, line, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(size, line, this.clock.now());
      return Promise.resolve();
    });
  }

  latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const row = this.reader.prepare('SELECT * FROM ledger_checkpoints ORDER BY size DESC LIMIT 1').get() as
      CheckpointRow | undefined;
    return Promise.resolve(row && this.withCosignatures(row));
  }

  checkpoints(): Promise<readonly StoredCheckpoint[]> {
    const rows = this.reader
      .prepare('SELECT * FROM ledger_checkpoints ORDER BY size')
      .all() as CheckpointRow[];
    return Promise.resolve(rows.map((r) => this.withCosignatures(r)));
  }

  reveal(commitment: string, party: string): Promise<Reveal | undefined> {
    const row = this.reader
      .prepare('SELECT * FROM ledger_reveals WHERE commitment = ? AND owner_party = ?')
      .get(commitment, party) as RevealRow | undefined;
    return Promise.resolve(row && toReveal(row));
  }

  reveals(party: string): Promise<readonly Reveal[]> {
    const rows = this.reader
      .prepare('SELECT * FROM ledger_reveals WHERE owner_party = ? ORDER BY seq, commitment')
      .all(party) as RevealRow[];
    return Promise.resolve(rows.map(toReveal));
  }

  async setIdentity(identity: LedgerIdentity): Promise<void> {
    const { origin, logKey, witnesses } = identity;
    await this.committer.exclusive(() => {
      this.db
        .prepare(
          `INSERT INTO ledger_identity (id, origin, log_key, witnesses) VALUES (1, ?, ?, ?)
           ON CONFLICT DO UPDATE SET origin = excluded.origin, log_key = excluded.log_key, witnesses = excluded.witnesses`,
        )
        .run(origin, logKey, JSON.stringify(witnesses));
      return Promise.resolve();
    });
  }

  identity(): Promise<LedgerIdentity | undefined> {
    const row = this.reader.prepare('SELECT origin, log_key, witnesses FROM ledger_identity').get() as
      { origin: string; log_key: string; witnesses: string } | undefined;
    return Promise.resolve(
      row && { origin: row.origin, logKey: row.log_key, witnesses: JSON.parse(row.witnesses) as string[] },
    );
  }

  projection(namespace: string, key: string): Promise<unknown> {
    const value = this.reader
      .prepare('SELECT value FROM projections WHERE namespace = ? AND key = ?')
      .pluck()
      .get(namespace, key) as string | undefined;
    return Promise.resolve(value === undefined ? undefined : (JSON.parse(value) as unknown));
  }

  projections(namespace: string): Promise<readonly { key: string; value: unknown }[]> {
    const rows = this.reader
      .prepare('SELECT key, value FROM projections WHERE namespace = ? ORDER BY key')
      .all(namespace) as { key: string; value: string }[];
    return Promise.resolve(rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown })));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.committer.drain();
    await this.thread.close();
    this.reader.close();
    this.peopleDb.close();
    this.db.close();
  }

  private withCosignatures(row: CheckpointRow): StoredCheckpoint {
    const lines = this.reader
      .prepare('SELECT line FROM ledger_cosignatures WHERE size = ? ORDER BY added_at, rowid')
      .pluck()
      .all(row.size) as string[];
    return {
      size: row.size,
      rootHash: row.root_hash,
      note: row.note,
      cosignatures: lines,
      createdAt: epochMs(row.created_at),
    };
  }

  private async checkSize(size: number): Promise<number> {
    const current = await this.size();
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new JigError('INVALID_INPUT', `tree size ${size} is not between 0 and ${current}`, {
        issues: [{ pointer: '/size', reason: `must be an integer from 0 to ${current}` }],
      });
    }
    return size;
  }
}
