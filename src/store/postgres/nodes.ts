/**
 * Merkle nodes read from PostgreSQL for proofs, roots and the frontier. The tree functions of the
 * ledger module read nodes synchronously (`NodeReader`), and a proof needs O(log n) of them: one
 * round trip each would cost more than the proof. Which nodes a proof reads depends only on the
 * sizes and indexes asked for, never on the hashes, so the computation runs twice: once with a
 * reader that records the positions it is asked for (and answers a placeholder), then, after one
 * query has fetched all of them, with the real hashes.
 */
import { JigError } from '../../core/index.ts';
import { HASH_SIZE, type NodeReader } from '../ledger-port.ts';

/** Anything that runs a query: a pool or a client inside a transaction. */
export interface Queryable {
  query<R extends object>(
    query: string | { name: string; text: string; values: unknown[] },
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}

const PLACEHOLDER = new Uint8Array(HASH_SIZE);
const key = (level: number, index: number) => `${level}:${index}`;

export async function withNodes<T>(db: Queryable, compute: (reader: NodeReader) => T): Promise<T> {
  const wanted = new Map<string, { level: number; index: number }>();
  compute({
    node(level, index) {
      wanted.set(key(level, index), { level, index });
      return PLACEHOLDER;
    },
  });
  const found = await fetchNodes(db, [...wanted.values()]);
  return compute({
    node(level, index) {
      const hash = found.get(key(level, index));
      if (!hash) throw new JigError('LEDGER_INCONSISTENT', `Merkle node (${level}, ${index}) is missing`);
      return hash;
    },
  });
}

async function fetchNodes(db: Queryable, positions: readonly { level: number; index: number }[]) {
  const found = new Map<string, Uint8Array>();
  if (positions.length === 0) return found;
  // Named: each connection plans it once, and a proof is one round trip.
  const { rows } = await db.query<{ level: number; idx: number; hash: Buffer }>({
    name: 'jig_ledger_nodes',
    text: `SELECT n.level, n.idx, n.hash FROM ledger_nodes n
       JOIN unnest($1::smallint[], $2::bigint[]) AS w (level, idx) USING (level, idx)`,
    values: [positions.map((p) => p.level), positions.map((p) => p.index)],
  });
  for (const r of rows) found.set(key(r.level, r.idx), r.hash);
  return found;
}
