/**
 * Inclusion proofs in a ledger of a million entries. Building a million signed entries would take
 * most of the run in signatures, so the ledger is filled with unsigned leaves (8-byte payloads)
 * written straight into the entry and node tables, in one transaction without journal or fsync: the
 * proof reads the same tables, in the same way, as for signed entries.
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/index.ts';
import { MerkleTree, leafHash } from '../../src/store/ledger-port.ts';
import { prng } from './measure.ts';

export function fillUnsigned(path: string, size: number): void {
  // Creates the schema through the store, then fills it behind its back.
  const db = new Database(path);
  // Set-up only: no journal, no fsync, a cache that holds the random-order prev index.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  const entry = db.prepare('INSERT INTO ledger_entries (seq, prev, leaf_hash, bytes) VALUES (?, ?, ?, ?)');
  const node = db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)');
  const tree = new MerkleTree();
  let prev: Uint8Array = new Uint8Array(0);
  db.transaction(() => {
    const data = Buffer.alloc(8);
    for (let seq = 0; seq < size; seq++) {
      data.writeBigUInt64BE(BigInt(seq));
      const leaf = leafHash(data);
      entry.run(seq, prev, leaf, data);
      for (const n of tree.append(leaf)) node.run(n.level, n.index, n.hash);
      prev = leaf;
    }
  })();
  db.pragma('journal_mode = WAL');
  db.close();
}

export interface ProofFigures {
  size: number;
  build_s: number;
  proof_us: number;
  lookup_us: number;
  proof_length: number;
}

/**
 * The filled ledger is kept in the temporary directory and reused by later runs (the data is the
 * same every time): building it is set-up, not the figure.
 */
export async function measureProofs(size: number): Promise<ProofFigures> {
  const path = join(tmpdir(), `jig-bench-ledger-proofs-${size}.db`);
  const built = process.hrtime.bigint();
  if (!(await hasEntries(path, size))) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    await (await openSqliteStore({ path })).close();
    fillUnsigned(path, size);
  }
  const build_s = Number(process.hrtime.bigint() - built) / 1e9;
  const store = await openSqliteStore({ path });
  const random = prng(7);
  const indexes = Array.from({ length: 2000 }, () => Math.floor(random() * size));
  let length = 0;
  for (const i of indexes.slice(0, 100)) length += (await store.inclusionProof(i, size)).length; // warm-up
  const start = process.hrtime.bigint();
  for (const i of indexes) length += (await store.inclusionProof(i, size)).length;
  const proof_us = Number(process.hrtime.bigint() - start) / 1e3 / indexes.length;
  await store.close();
  return {
    size,
    build_s,
    proof_us,
    lookup_us: bareLookupUs(path, indexes),
    proof_length: length / (indexes.length + 100),
  };
}

async function hasEntries(path: string, size: number): Promise<boolean> {
  if (!existsSync(path)) return false;
  const store = await openSqliteStore({ path }).catch(() => undefined);
  const found = await store?.size();
  await store?.close();
  return found === size;
}

/** One primary-key read of a leaf node with a bare prepared statement: the unit a proof is made of. */
function bareLookupUs(path: string, indexes: readonly number[]): number {
  const db = new Database(path, { readonly: true });
  const get = db.prepare('SELECT hash FROM ledger_nodes WHERE level = 0 AND idx = ?').pluck();
  const start = process.hrtime.bigint();
  for (const i of indexes) get.get(i);
  const us = Number(process.hrtime.bigint() - start) / 1e3 / indexes.length;
  db.close();
  return us;
}
