/**
 * The ledger as a viewer may see it: the latest checkpoint with its cosignatures, entries (the
 * viewer's own office and sealed events opened with their reveal, other parties' as commitments
 * only), RFC 9162 proofs in base64, the keys that verify it, and cosignatures coming back.
 */
import { JigError } from '../core/index.ts';
import { decodeEntry, toBase64 } from '../ledger/index.ts';
import { cosignedNote } from '../store/export-source.ts';
import type { LedgerStore, StoredCheckpoint } from '../store/types.ts';
import type { Checkpointer } from './checkpoints.ts';
import { isCommitment } from './history.ts';
import type { Checkpoint, LedgerEntryView, LedgerViews } from './types.ts';

export interface ServiceLedger extends LedgerViews {
  viewOf(cp: StoredCheckpoint): Checkpoint;
}

export function ledgerViews(store: LedgerStore, checkpoints: Checkpointer): ServiceLedger {
  const viewOf = (cp: StoredCheckpoint): Checkpoint => ({
    size: cp.size,
    rootHash: toBase64(cp.rootHash),
    timestamp: cp.createdAt,
    note: cosignedNote(cp),
    cosignatures: cp.cosignatures,
  });
  async function bounded(size: number): Promise<void> {
    if (size > (await store.size()))
      throw new JigError('INVALID_INPUT', 'The size is beyond the ledger.', {
        issues: [{ pointer: '/size', reason: 'beyond the ledger size' }],
      });
  }
  return {
    viewOf,
    checkpoint: async () => viewOf(await checkpoints.now()),
    async keys() {
      const identity = await store.identity();
      return { keys: identity ? [identity.logKey, ...identity.witnesses] : [] };
    },
    addCosignatures: (note) => checkpoints.addCosignatures(note),
    async entries(viewer, from, to) {
      const out: LedgerEntryView[] = [];
      for (const stored of await store.entries(from, to)) {
        const decoded = decodeEntry(stored.bytes);
        if (!decoded.ok) throw new JigError('LEDGER_INCONSISTENT', `entry ${stored.seq} does not decode`);
        const entry = decoded.value;
        const base = { index: stored.seq, leafHash: toBase64(stored.leafHash), entry };
        const reveal =
          isCommitment(entry.event) && entry.event.owner === viewer.party
            ? await store.reveal(entry.event.commitment, viewer.party)
            : undefined;
        out.push(reveal ? { ...base, reveal: { value: reveal.value, salt: toBase64(reveal.salt) } } : base);
      }
      return out;
    },
    async inclusionProof(index, size) {
      await bounded(size);
      const [path, leaf] = await Promise.all([
        store.inclusionProof(index, size),
        store.entries(index, index + 1),
      ]);
      const leafHash = leaf[0] ? toBase64(leaf[0].leafHash) : '';
      return { index, size, leafHash, path: path.map(toBase64) };
    },
    async consistencyProof(size1, size2) {
      await bounded(size2);
      const path = await store.consistencyProof(size1, size2);
      return { size1, size2, path: path.map(toBase64) };
    },
  };
}
