/**
 * Connections to PostgreSQL. Durability is not assumed: every connection sets synchronous_commit
 * to on explicitly (a server, role or database default of `off` would acknowledge commits that a
 * crash then loses), and the store reads the settings back at open and refuses a server that does
 * not flush commits.
 */
import pg from 'pg';
import { JigError } from '../../core/index.ts';
import type { Queryable } from './nodes.ts';

export interface ConnectOptions {
  /** `postgres://user@host:port/database` */
  readonly url: string;
  /** Connections for reads and small writes besides the writer and the listener (default 4). */
  readonly poolSize?: number;
  /**
   * Sets synchronous_commit to off, to show that the durability check refuses it. Tests only: no
   * caller outside the contract suite sets it.
   */
  readonly testOnlyAsyncCommit?: boolean;
}

const INT8 = 20;
/** bigint columns (seq, sizes, times) come back as numbers; all stay far below 2^53. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
    oid === INT8 && format !== 'binary'
      ? Number
      : (pg.types.getTypeParser(oid, format ?? 'text') as (
          value: string,
        ) => unknown)) as typeof pg.types.getTypeParser,
};

const sessionSql = (options: ConnectOptions) =>
  `SET synchronous_commit TO ${options.testOnlyAsyncCommit ? 'off' : 'on'}`;

/** A connection of its own (the writer's, the listener's), with the durable session set. */
export async function connectClient(options: ConnectOptions): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: options.url, types });
  // Until its owner listens for them, a lost connection's errors must not bring the process down;
  // the owner sees the failure on its next query.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sessionSql(options));
    return client;
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
}

export function createPool(options: ConnectOptions): pg.Pool {
  const config: Omit<pg.PoolConfig, 'onConnect'> & { onConnect(client: pg.ClientBase): Promise<void> } = {
    connectionString: options.url,
    types,
    max: options.poolSize ?? 4,
    // Awaited by the pool before it hands the connection out (pg-pool 3.7+): no query runs first.
    onConnect: async (client) => void (await client.query(sessionSql(options))),
  };
  const pool = new pg.Pool(config);
  // An idle connection that the server closes must not bring the process down; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

/** Reads the settings back and throws unless commits are flushed before they are acknowledged. */
export async function assertDurable(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync')`,
  );
  const setting = (name: string) => rows.find((r) => r.name === name)?.setting;
  const problems = [
    setting('synchronous_commit') === 'off' ? 'synchronous_commit is off, expected on' : undefined,
    setting('fsync') === 'on' ? undefined : `fsync is ${setting('fsync') ?? 'unknown'}, expected on`,
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) {
    throw new JigError('STORE_FAILURE', `refusing a non-durable PostgreSQL session: ${problems.join('; ')}`, {
      issues: problems.map((reason) => ({ pointer: '', reason })),
    });
  }
}

/** Whether a PostgreSQL server answers at `url` (for tests and benchmarks that need one). */
export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
