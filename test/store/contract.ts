/**
 * The contract every `LedgerStore` adapter passes. An adapter's test file calls `storeContract`
 * with a harness that opens its database: SQLite in `sqlite.int.test.ts`, PostgreSQL in
 * `postgres.int.test.ts`.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { isJigError } from '../../src/core/index.ts';
import {
  decodeEntry,
  generateSigningKey,
  leafHash,
  MerkleTree,
  publicKeyToBase64,
  verifyConsistency,
  verifyEntrySignature,
  verifyInclusion,
  type SignedEntry,
} from '../../src/store/ledger-port.ts';
import type { AppendRequest, LedgerStore, OpenedStore, ProjectionHook } from '../../src/store/index.ts';

export interface StoreHarness {
  /** Opens the adapter on the current database (the same one again on every call). */
  open(): Promise<OpenedStore>;
  /** Starts over with an empty database. */
  reset(): Promise<void>;
  /** Opens the adapter with a configuration that is not durable; the adapter must refuse it. */
  openNonDurable(): Promise<LedgerStore>;
  /** Records a schema version newer than the code's in the current database. */
  bumpSchemaVersion(): Promise<void>;
}

const privateKey = generateSigningKey();
const actor = { id: 'op-1', party: 'US', key: publicKeyToBase64(privateKey) };
export const request = (n: number): AppendRequest => ({
  actor,
  event: { type: 'TestRecorded', n },
  privateKey,
});
const requests = (from: number, count: number) => Array.from({ length: count }, (_, i) => request(from + i));

export function decoded(bytes: Uint8Array): SignedEntry {
  const result = decodeEntry(bytes);
  assert.ok(result.ok, 'entry decodes');
  return result.value;
}

/** Checks the whole chain: seq, prev, leaf hashes, signatures. Returns the leaf hashes. */
export async function assertChain(store: LedgerStore): Promise<Uint8Array[]> {
  const entries = await store.entries(0, await store.size());
  let prev = '';
  return entries.map((e, i) => {
    const signed = decoded(e.bytes);
    assert.equal(e.seq, i);
    assert.equal(signed.seq, i);
    assert.equal(signed.prev, prev);
    assert.deepEqual(Buffer.from(leafHash(e.bytes)), Buffer.from(e.leafHash));
    assert.ok(verifyEntrySignature(signed), `signature of entry ${i}`);
    prev = Buffer.from(e.leafHash).toString('hex');
    return e.leafHash;
  });
}

const rootOf = (leaves: readonly Uint8Array[]) => {
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leaf);
  return tree.root();
};

const expectCode = (code: string) => (e: unknown) => isJigError(e) && e.code === code;

export function storeContract(name: string, harness: StoreHarness): void {
  describe(`the ${name} ledger store`, () => {
    let store: OpenedStore;
    beforeEach(async () => {
      await harness.reset();
      store = await harness.open();
    });
    afterEach(() => store.close());

    it('appends a batch and reads it back as one signed chain', async () => {
      const first = await store.append(requests(0, 3));
      const second = await store.append(requests(3, 2));
      assert.deepEqual(
        [...first, ...second].map((e) => e.seq),
        [0, 1, 2, 3, 4],
      );
      assert.equal(await store.size(), 5);
      await assertChain(store);
      const events = (await store.entries(1, 3)).map((e) => decoded(e.bytes).event);
      assert.deepEqual(events, [
        { type: 'TestRecorded', n: 1 },
        { type: 'TestRecorded', n: 2 },
      ]);
    });

    it('keeps one contiguous chain when many appends arrive at once', async () => {
      const calls = Array.from({ length: 40 }, (_, i) => store.append(requests(i * 10, 1 + (i % 3))));
      const results = await Promise.all(calls);
      const seqs = results.flatMap((r) => r.map((e) => e.seq)).sort((a, b) => a - b);
      assert.deepEqual(
        seqs,
        seqs.map((_, i) => i),
      );
      for (const r of results) r.forEach((e, i) => assert.equal(e.seq, r[0]!.seq + i));
      assert.equal((await assertChain(store)).length, seqs.length);
    });

    it('gives inclusion and consistency proofs that verify at every size', async () => {
      await store.append(requests(0, 21));
      const leaves = await assertChain(store);
      for (let size = 1; size <= 21; size++) {
        const root = await store.rootHash(size);
        for (let index = 0; index < size; index++) {
          const proof = await store.inclusionProof(index, size);
          assert.ok(verifyInclusion(leaves[index]!, index, size, proof, root), `inclusion ${index}/${size}`);
        }
        for (let size1 = 1; size1 <= size; size1++) {
          const proof = await store.consistencyProof(size1, size);
          const ok = verifyConsistency(size1, size, proof, await store.rootHash(size1), root);
          assert.ok(ok, `consistency ${size1}->${size}`);
        }
      }
    });

    it('refuses proofs for sizes beyond the ledger', async () => {
      await store.append(requests(0, 2));
      await assert.rejects(store.inclusionProof(0, 3), expectCode('INVALID_INPUT'));
      await assert.rejects(store.inclusionProof(2, 2), expectCode('INVALID_INPUT'));
      await assert.rejects(store.consistencyProof(3, 2), expectCode('INVALID_INPUT'));
      await assert.rejects(store.consistencyProof(0, 2), expectCode('INVALID_INPUT'));
    });

    it('writes projections in the same transaction and drops them with a failed append', async () => {
      await store.append(requests(0, 2), async (tx, appended) => {
        await tx.put('counts', 'tests', appended.length);
      });
      const failing = store.append(requests(2, 2), async (tx) => {
        await tx.put('counts', 'tests', 99);
        throw new Error('rule refused');
      });
      const alongside = store.append(requests(4, 1));
      await assert.rejects(failing, /rule refused/);
      assert.deepEqual(
        (await alongside).map((e) => e.seq),
        [2],
      );
      assert.equal(await store.projection('counts', 'tests'), 2);
      assert.equal(await store.size(), 3);
      await assertChain(store);
    });

    it('shows a reveal to its owning party only', async () => {
      await store.append(requests(0, 1), (tx, [entry]) =>
        tx.putReveal({
          commitment: 'c1',
          seq: entry!.seq,
          ownerParty: 'US',
          salt: Buffer.from('s'),
          value: [36, 2],
        }),
      );
      assert.deepEqual((await store.reveal('c1', 'US'))?.value, [36, 2]);
      assert.equal(await store.reveal('c1', 'RU'), undefined);
      assert.deepEqual(
        (await store.reveals('US')).map((r) => r.seq),
        [0],
      );
      assert.deepEqual(await store.reveals('RU'), []);
    });

    it('drops only the append whose projection the database refuses, the rest of its group commits', async () => {
      const reveal = (seq: number) => ({
        commitment: 'twice',
        seq,
        ownerParty: 'US',
        salt: Buffer.from('s'),
        value: seq,
      });
      const first = store.append(requests(0, 2), (tx, [entry]) => tx.putReveal(reveal(entry!.seq)));
      const again = store.append(requests(2, 1), async (tx, [entry]) => {
        await tx.put('p', 'again', true);
        await tx.putReveal(reveal(entry!.seq));
      });
      const after = store.append(requests(3, 1), (tx) => tx.put('p', 'after', true));
      await assert.rejects(again);
      assert.deepEqual(
        [...(await first), ...(await after)].map((e) => e.seq),
        [0, 1, 2],
      );
      assert.equal((await store.reveal('twice', 'US'))?.value, 0);
      assert.equal(await store.projection('p', 'again'), undefined);
      assert.equal(await store.projection('p', 'after'), true);
      assert.equal((await assertChain(store)).length, 3);
    });

    it('lets a projection read what the appends before it in the group wrote', async () => {
      const counts: unknown[] = [];
      const bump = async (tx: Parameters<ProjectionHook>[0]) => {
        const n = ((await tx.get('p', 'n')) as number | undefined) ?? 0;
        counts.push(n);
        await tx.put('p', 'n', n + 1);
      };
      await Promise.all([
        store.append(requests(0, 1), bump),
        store
          .append(requests(1, 1), async (tx) => {
            await bump(tx);
            throw new Error('refused');
          })
          .catch(() => undefined),
        store.append(requests(2, 1), bump),
      ]);
      assert.deepEqual(counts, [0, 1, 1]);
      assert.equal(await store.projection('p', 'n'), 2);
    });

    it('keeps checkpoints with their cosignatures', async () => {
      await store.append(requests(0, 4));
      const rootHash = await store.rootHash(4);
      await store.putCheckpoint({ size: 4, rootHash, note: 'note-4\n' });
      await store.addCosignature(4, '— ru.example AAAA');
      await store.addCosignature(4, '— ru.example AAAA');
      await assert.rejects(
        store.putCheckpoint({ size: 3, rootHash, note: 'x\n' }),
        expectCode('LEDGER_INCONSISTENT'),
      );
      const latest = await store.latestCheckpoint();
      assert.equal(latest?.size, 4);
      assert.deepEqual(latest?.cosignatures, ['— ru.example AAAA']);
    });

    it('keeps everything across a reopen', async () => {
      const identity = {
        origin: 'jig.example/ledger',
        logKey: 'jig.example/ledger+01+AA',
        witnesses: ['ru+04+BB'],
      };
      await store.setIdentity(identity);
      await store.append(requests(0, 13), (tx) => tx.put('p', 'k', { v: 1 }));
      await store.putCheckpoint({ size: 13, rootHash: await store.rootHash(), note: 'n\n' });
      const root = Buffer.from(await store.rootHash());
      await store.close();
      store = await harness.open();
      assert.equal(await store.size(), 13);
      assert.deepEqual(Buffer.from(await store.rootHash()), root);
      assert.deepEqual(await store.projection('p', 'k'), { v: 1 });
      assert.deepEqual(await store.identity(), identity);
      assert.equal((await store.latestCheckpoint())?.size, 13);
      await store.append(requests(13, 3));
      const leaves = await assertChain(store);
      assert.equal(leaves.length, 16);
      const proof = await store.consistencyProof(13, 16);
      assert.ok(verifyConsistency(13, 16, proof, root, await store.rootHash()));
    });

    it('keeps one chain when two instances append to one database at once', async () => {
      const other = await harness.open();
      try {
        const calls = Array.from({ length: 30 }, (_, i) =>
          (i % 2 === 0 ? store : other).append(requests(i * 10, 1 + (i % 3))),
        );
        const seqs = (await Promise.all(calls)).flat().map((e) => e.seq);
        assert.equal(new Set(seqs).size, seqs.length, 'no seq acknowledged twice');
        const leaves = await assertChain(store);
        assert.equal(leaves.length, seqs.length);
        assert.deepEqual(Buffer.from(await other.rootHash()), Buffer.from(await store.rootHash()));
        assert.deepEqual(Buffer.from(await store.rootHash()), Buffer.from(rootOf(leaves)));
      } finally {
        await other.close();
      }
    });

    it('tells subscribers the new size once an append has committed', async () => {
      const sizes: number[] = [];
      const seen = new Promise<void>((resolve) => {
        store.onAppended((size) => {
          sizes.push(size);
          if (size >= 5) resolve();
        });
      });
      const unsubscribed: number[] = [];
      store.onAppended((size) => unsubscribed.push(size))();
      await store.append(requests(0, 2));
      await store.append(requests(2, 3));
      await seen;
      assert.equal(sizes.at(-1), 5);
      assert.deepEqual(
        sizes,
        [...sizes].sort((a, b) => a - b),
        'sizes only grow',
      );
      assert.deepEqual(unsubscribed, []);
      assert.equal((await store.entries(0, sizes.at(-1)!)).length, 5, 'the entries are readable when told');
    });

    it('refuses to open without durable writes', async () => {
      await assert.rejects(harness.openNonDurable(), expectCode('STORE_FAILURE'));
    });

    it('refuses a database written by a newer schema', async () => {
      await store.close();
      await harness.bumpSchemaVersion();
      await assert.rejects(harness.open(), expectCode('STORE_FAILURE'));
      await harness.reset();
      store = await harness.open();
    });
  });
}
