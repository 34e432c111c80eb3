/**
 * Several server instances on one PostgreSQL database, as separate processes: the ledger stays one
 * chain, a SIGKILL loses no acknowledged entry, and an append in one process reaches a subscriber
 * in another. By default 2 processes x 8 appenders x 250 appends (about 4,000 entries, well under a
 * minute on 2 cores); JIG_PG_APPENDS=1000 runs the full 16 x 1,000.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openPostgresStore, type OpenedStore } from '../../src/store/index.ts';
import { MerkleTree, bytesEqual, toHex, verifyInclusion } from '../../src/store/ledger-port.ts';
import { postgresForThisFile } from '../support/postgres.ts';
import { assertChain } from './contract.ts';
import { startInstance, type Ack } from './instances-harness.ts';

const APPENDS = Number(process.env['JIG_PG_APPENDS'] ?? 250);
const db = await postgresForThisFile();

/** The whole ledger verifies, and every acknowledged entry is in it, once. Returns its size. */
async function verify(store: OpenedStore, acks: readonly Ack[]): Promise<number> {
  const leaves = await assertChain(store); // seq, prev, leaf hashes, signatures: no gap, no fork
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leaf);
  const root = await store.rootHash();
  assert.ok(bytesEqual(tree.root(), root), 'the Merkle root recomputed from the entries is the stored one');
  for (const index of [0, Math.floor(leaves.length / 3), leaves.length - 1]) {
    const proof = await store.inclusionProof(index, leaves.length);
    assert.ok(verifyInclusion(leaves[index]!, index, leaves.length, proof, root), `inclusion of ${index}`);
  }
  assert.equal(new Set(acks.map((a) => a.seq)).size, acks.length, 'no seq acknowledged twice');
  const lost = acks.filter((a) => leaves[a.seq] === undefined || toHex(leaves[a.seq]!) !== a.hash);
  assert.deepEqual(lost, [], 'every acknowledged entry is in the ledger');
  return leaves.length;
}

if (db) {
  const { url } = db;
  let store: OpenedStore;
  before(async () => {
    store = await openPostgresStore({ url });
  });
  after(() => store.close());

  describe('several server instances on one PostgreSQL database', () => {
    it(`keep one chain when 2 processes of 8 appenders append ${APPENDS} entries each`, async (t) => {
      const start = performance.now();
      const instances = [0, 1].map(() => startInstance(url, { clients: 8, appends: APPENDS }));
      assert.deepEqual(await Promise.all(instances.map((i) => i.ended)), [0, 0]);
      const seconds = (performance.now() - start) / 1000;
      const acks = instances.flatMap((i) => i.acks);
      assert.equal(acks.length, 16 * APPENDS);
      assert.equal(await verify(store, acks), 16 * APPENDS);
      t.diagnostic(`${acks.length} appends from 2 processes in ${seconds.toFixed(1)} s`);
    });

    it('lose no acknowledged entry when one process is killed with SIGKILL mid-run', async (t) => {
      const before = await store.size();
      const victim = startInstance(url, { clients: 8, appends: APPENDS });
      const survivor = startInstance(url, { clients: 8, appends: Math.ceil(APPENDS / 2) });
      await Promise.race([victim.acked(Math.min(200, APPENDS)), victim.ended]);
      victim.process.kill('SIGKILL');
      assert.equal(await victim.ended, 'SIGKILL');
      assert.equal(await survivor.ended, 0);
      const acks = [...victim.acks, ...survivor.acks];
      const size = await verify(store, acks);
      assert.ok(size >= before + acks.length);
      await store.append([]); // the survivor's and this instance's writers carry on after the kill
      t.diagnostic(
        `${victim.acks.length} acknowledged before the kill; ${size - before} entries appended in all`,
      );
    });

    it('tell a subscriber in one process of an append committed in another', async (t) => {
      const heard = new Map<number, number>();
      const unsubscribe = store.onAppended((size) =>
        heard.set(size, performance.timeOrigin + performance.now()),
      );
      const writer = startInstance(url, { clients: 1, appends: 20, interval: 50 });
      assert.equal(await writer.ended, 0);
      await waitFor(() => writer.acks.every((a) => heardOf(heard, a.seq) !== undefined));
      unsubscribe();
      const delays = writer.acks.map((a) => heardOf(heard, a.seq)! - a.at).sort((x, y) => x - y);
      const ms = (q: number) =>
        delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!.toFixed(1);
      t.diagnostic(`notification after the other process's commit: median ${ms(0.5)} ms, max ${ms(1)} ms`);
    });
  });
}

/** When this process first heard of a size that includes `seq`. */
function heardOf(heard: ReadonlyMap<number, number>, seq: number): number | undefined {
  let first: number | undefined;
  for (const [size, at] of heard) if (size > seq && (first === undefined || at < first)) first = at;
  return first;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
