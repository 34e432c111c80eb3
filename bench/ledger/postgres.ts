/**
 * The same append and proof figures on PostgreSQL (synchronous_commit on: one WAL flush per
 * commit), in a throwaway database, beside a bare one-row-per-transaction insert and a bare node
 * lookup over the same connection settings. Skipped with one line when no server answers at
 * JIG_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore, type LedgerStore } from '../../src/store/index.ts';
import { leafHash, verifyInclusion } from '../../src/store/ledger-port.ts';
import { reachable } from '../../src/store/postgres/connect.ts';
import { concurrentCallers, requests } from './appends.ts';
import { prng, rate } from './measure.ts';

export const ADMIN_URL =
  process.env['JIG_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PostgresFigures {
  bare_insert_single: number;
  single: number;
  grouped: number;
  batched: number;
  proof_size: number;
  build_s: number;
  proof_us: number;
  lookup_us: number;
}

function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function onAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `jig_bench_${randomBytes(4).toString('hex')}`;
  await onAdmin(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  try {
    return await fn(urlOf(name));
  } finally {
    await onAdmin(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

async function withStore<T>(url: string, fn: (store: LedgerStore) => Promise<T>): Promise<T> {
  const store = await openPostgresStore({ url });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function bareInsertRate(url: string, rows: number): Promise<number> {
  return onAdmin(url, async (c) => {
    await c.query('SET synchronous_commit TO on');
    await c.query(
      'CREATE TABLE t (seq bigint PRIMARY KEY, prev bytea NOT NULL UNIQUE, leaf bytea, bytes bytea)',
    );
    const bytes = Buffer.alloc(420);
    return rate(rows, async () => {
      for (let i = 0; i < rows; i++) {
        const prev = Buffer.alloc(32);
        prev.writeUInt32BE(i);
        await c.query('INSERT INTO t VALUES ($1, $2, $2, $3)', [i, prev, bytes]);
      }
    });
  });
}

export async function measurePostgres(
  scale: number,
  proofSize: number,
): Promise<PostgresFigures | undefined> {
  if (!(await reachable(ADMIN_URL))) return undefined;
  const reqs = requests(1, 5000 * scale);
  const single = 300 * scale;
  const appends = await withDatabase(async (url) => ({
    bare_insert_single: await bareInsertRate(url, single),
    single: await withStore(url, (s) =>
      rate(single, async () => {
        for (let i = 0; i < single; i++) await s.append([reqs[i]!]);
      }),
    ),
  }));
  const grouped = await withDatabase((url) =>
    withStore(url, (s) => rate(reqs.length, () => concurrentCallers(s, reqs, 64))),
  );
  const batched = await withDatabase((url) =>
    withStore(url, (s) =>
      rate(reqs.length, async () => {
        for (let i = 0; i < reqs.length; i += 100) await s.append(reqs.slice(i, i + 100));
      }),
    ),
  );
  const proofs = await measureProofs(proofSize);
  return { ...appends, grouped, batched, ...proofs };
}

/**
 * Inclusion proofs in a ledger of `size` unsigned leaves (8-byte payloads, as for SQLite), built by
 * SQL inside the server (sha256 over int8send) level by level. The database is kept between runs
 * (`jig_bench_proofs_<size>`): building it is set-up, not the figure.
 */
async function measureProofs(size: number) {
  const name = `jig_bench_proofs_${size}`;
  const url = urlOf(name);
  const built = process.hrtime.bigint();
  if (!(await isBuilt(url, size))) {
    await onAdmin(ADMIN_URL, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
    await (await openPostgresStore({ url })).close();
    await onAdmin(url, (c) => fillUnsigned(c, size));
  }
  const build_s = Number(process.hrtime.bigint() - built) / 1e9;
  const random = prng(7);
  const indexes = Array.from({ length: 2000 }, () => Math.floor(random() * size));
  const proof_us = await withStore(url, async (store) => {
    await checkBuilt(store, indexes[0]!, size);
    for (const i of indexes.slice(0, 100)) await store.inclusionProof(i, size); // warm-up
    const start = process.hrtime.bigint();
    for (const i of indexes) await store.inclusionProof(i, size);
    return Number(process.hrtime.bigint() - start) / 1e3 / indexes.length;
  });
  const lookup_us = await onAdmin(url, async (c) => {
    const start = process.hrtime.bigint();
    for (const i of indexes) await c.query('SELECT hash FROM ledger_nodes WHERE level = 0 AND idx = $1', [i]);
    return Number(process.hrtime.bigint() - start) / 1e3 / indexes.length;
  });
  return { proof_size: size, build_s, proof_us, lookup_us };
}

/** The nodes hashed by SQL must be RFC 9162's: one proof checked against a leaf hashed here. */
async function checkBuilt(store: LedgerStore, index: number, size: number): Promise<void> {
  const data = Buffer.alloc(8);
  data.writeBigUInt64BE(BigInt(index));
  const proof = await store.inclusionProof(index, size);
  if (!verifyInclusion(leafHash(data), index, size, proof, await store.rootHash(size)))
    throw new Error('the proof ledger built in SQL does not verify');
}

async function isBuilt(url: string, size: number): Promise<boolean> {
  try {
    return await onAdmin(url, async (c) => {
      const { rows } = await c.query<{ size: string }>('SELECT size FROM ledger_head');
      return Number(rows[0]?.size) === size;
    });
  } catch {
    return false; // no such database, or no ledger in it
  }
}

/** Fills an empty ledger with `size` unsigned leaves and every Merkle node, in one transaction. */
async function fillUnsigned(c: pg.Client, size: number): Promise<void> {
  // Set-up only: no flush per commit.
  await c.query('SET synchronous_commit TO off');
  await c.query('BEGIN');
  const leaf = (s: string) => `sha256('\\x00'::bytea || int8send(${s}))`;
  await c.query(
    `INSERT INTO ledger_entries (seq, prev, leaf_hash, bytes)
     SELECT s, CASE WHEN s = 0 THEN '\\x'::bytea ELSE ${leaf('s - 1')} END, ${leaf('s')}, int8send(s)
     FROM generate_series(0::bigint, $1::bigint - 1) AS s`,
    [size],
  );
  await c.query('INSERT INTO ledger_nodes (level, idx, hash) SELECT 0, seq, leaf_hash FROM ledger_entries');
  for (let level = 0; ; level++) {
    // Pairs by grouping rather than a self-join: one sort of the level, whatever the planner thinks.
    const r = await c.query(
      `INSERT INTO ledger_nodes (level, idx, hash)
       SELECT $1::int + 1, idx / 2, sha256('\\x01'::bytea || string_agg(hash, ''::bytea ORDER BY idx))
       FROM ledger_nodes WHERE level = $1::int GROUP BY idx / 2 HAVING count(*) = 2`,
      [level],
    );
    if (r.rowCount === 0) break;
  }
  await c.query(
    'UPDATE ledger_head SET size = $1::bigint, last_leaf = (SELECT leaf_hash FROM ledger_entries WHERE seq = $1::bigint - 1)',
    [size],
  );
  await c.query('COMMIT');
  await c.query('VACUUM ANALYZE ledger_nodes');
}
