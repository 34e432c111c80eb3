/**
 * Durable signed appends through the SQLite store (synchronous=FULL), beside a bare better-sqlite3
 * insert loop into the same table shape and Node's raw Ed25519 sign and verify rates.
 */
import { sign, verify, createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, type AppendRequest, type LedgerStore } from '../../src/store/index.ts';
import { canonicalize, publicKeyToBase64, signingKeyFromSeed } from '../../src/store/ledger-port.ts';
import { alternate, prng, rate, seededBytes } from './measure.ts';

export function requests(seed: number, count: number): AppendRequest[] {
  const random = prng(seed);
  const privateKey = signingKeyFromSeed(seededBytes(random, 32));
  const actor = { id: 'operator-1', party: 'US', key: publicKeyToBase64(privateKey) };
  return Array.from({ length: count }, (_, n) => ({
    actor,
    event: {
      type: 'FlightNotified',
      flight: `F-${n}`,
      route: [
        [36.2 + random(), 33.5 + random(), 3000],
        [36.9 + random(), 34.1 + random(), 3500],
      ],
      window: { from: '2016-07-31T14:00:00Z', to: '2016-07-31T16:00:00Z' },
      exemption: 'MEDEVAC',
    },
    privateKey,
  }));
}

/** A message of the size of a signed entry body, for the raw rates. */
export function sampleBody(reqs: readonly AppendRequest[]): Uint8Array {
  return canonicalize({ seq: 123456, prev: 'ab'.repeat(32), time: '2016-07-31T14:00:00.000Z', ...reqs[0] });
}

/** `n` raw signatures of `message`: the baseline of the append rates. */
export function signLoop(key: KeyObject, message: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++) sign(null, message, key);
}

/** `n` raw verifications: the baseline of the verification rates. */
export function verifyLoop(key: KeyObject, message: Uint8Array, n: number): () => void {
  const signature = sign(null, message, key);
  const pub = createPublicKey(key);
  return () => {
    for (let i = 0; i < n; i++) verify(null, message, pub, signature);
  };
}

const distinct = (i: number) => {
  const b = Buffer.alloc(32);
  b.writeUInt32BE(i);
  return b;
};

/** Bare inserts of entry-sized rows, WAL + synchronous=FULL, `perTx` rows per transaction. */
export function bareInsertRate(path: string, rows: number, perTx: number): Promise<number> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE t (seq INTEGER PRIMARY KEY, prev BLOB NOT NULL UNIQUE, leaf BLOB NOT NULL, bytes BLOB NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
  const bytes = new Uint8Array(420);
  const many = db.transaction((from: number) => {
    for (let i = from; i < from + perTx; i++) insert.run(i, distinct(i), distinct(i + 1), bytes);
  });
  return rate(rows, () => {
    for (let i = 0; i < rows; i += perTx) many(i);
  }).finally(() => db.close());
}

/** `callers` concurrent loops appending one entry per call, as concurrent requests would. */
export async function concurrentCallers(store: LedgerStore, reqs: readonly AppendRequest[], callers: number) {
  let next = 0;
  const caller = async () => {
    for (let i = next++; i < reqs.length; i = next++) await store.append([reqs[i]!]);
  };
  await Promise.all(Array.from({ length: callers }, caller));
}

async function withStore<T>(path: string, fn: (store: LedgerStore) => Promise<T>): Promise<T> {
  const store = await openSqliteStore({ path });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export interface AppendFigures {
  raw_sign: number;
  bare_insert_single: number;
  bare_insert_batched: number;
  single: number;
  grouped: number;
  /** Raw signatures per second measured in alternation with the grouped appends. */
  grouped_sign: number;
  batched: number;
  /** One call of 1,000 entries per transaction: one fsync amortized over ten times more entries. */
  batched_1000: number;
  batched_1000_sign: number;
}

const ROUNDS = 5;

/**
 * Grouped and batched appends are measured in rounds of `1000 * scale` entries, alternating with
 * as many raw signatures (see `alternate`); round 0 warms both up.
 */
export async function measureAppends(dir: string, scale: number): Promise<AppendFigures> {
  const perRound = 1000 * scale;
  const reqs = requests(1, perRound * (ROUNDS + 1));
  const key = reqs[0]!.privateKey;
  const message = sampleBody(reqs);
  const signs = { items: perRound, run: () => signLoop(key, message, perRound) };
  const slice = (round: number) => reqs.slice(round * perRound, (round + 1) * perRound);
  const single = 300 * scale;
  const grouped = await withStore(join(dir, 'grouped.db'), (s) =>
    alternate(ROUNDS, { items: perRound, run: (r) => concurrentCallers(s, slice(r), 64) }, signs),
  );
  const batched = await withStore(join(dir, 'batched.db'), (s) =>
    alternate(
      ROUNDS,
      {
        items: perRound,
        run: async (r) => {
          const mine = slice(r);
          for (let i = 0; i < mine.length; i += 100) await s.append(mine.slice(i, i + 100));
        },
      },
      signs,
    ),
  );
  const batched1000 = await withStore(join(dir, 'batched1000.db'), (s) =>
    alternate(ROUNDS, { items: perRound, run: async (r) => void (await s.append(slice(r))) }, signs),
  );
  return {
    raw_sign: batched.base,
    bare_insert_single: await bareInsertRate(join(dir, 'bare1.db'), single, 1),
    bare_insert_batched: await bareInsertRate(join(dir, 'bare100.db'), 5000 * scale, 100),
    single: await withStore(join(dir, 'single.db'), (s) =>
      rate(single, async () => {
        for (let i = 0; i < single; i++) await s.append([reqs[i]!]);
      }),
    ),
    grouped: grouped.value,
    grouped_sign: grouped.base,
    batched: batched.value,
    batched_1000: batched1000.value,
    batched_1000_sign: batched1000.base,
  };
}
