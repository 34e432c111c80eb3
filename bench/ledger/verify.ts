/**
 * Offline verification speed: every entry decoded, its signature checked, the chain followed and
 * the Merkle root recomputed, as an export verifier does.
 */
import { openSqliteStore } from '../../src/store/index.ts';
import {
  MerkleTree,
  bytesEqual,
  decodeEntry,
  leafHash,
  toHex,
  verifyEntrySignature,
} from '../../src/store/ledger-port.ts';
import { rate } from './measure.ts';

export async function verifyRate(path: string): Promise<number> {
  const store = await openSqliteStore({ path });
  const entries = await store.entries(0, await store.size());
  const root = await store.rootHash();
  await store.close();
  return rate(entries.length, () => {
    const tree = new MerkleTree();
    let prev = '';
    for (const e of entries) {
      const decoded = decodeEntry(e.bytes);
      if (!decoded.ok || decoded.value.prev !== prev || !verifyEntrySignature(decoded.value))
        throw new Error('bad entry');
      const leaf = leafHash(e.bytes);
      tree.append(leaf);
      prev = toHex(leaf);
    }
    if (!bytesEqual(tree.root(), root)) throw new Error('root differs');
  });
}
