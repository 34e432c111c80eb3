/**
 * Offline verification speed: every entry decoded, its signature checked, the chain followed and
 * the Merkle root recomputed, as an export verifier does, in alternation with raw verifications.
 */
import type { KeyObject } from 'node:crypto';
import { openSqliteStore } from '../../src/store/index.ts';
import { MerkleTree, bytesEqual, leafHash, openEntry, toHex } from '../../src/store/ledger-port.ts';
import { verifyLoop } from './appends.ts';
import { alternate } from './measure.ts';

export async function verifyRate(
  path: string,
  key: KeyObject,
  message: Uint8Array,
): Promise<{ value: number; base: number }> {
  const store = await openSqliteStore({ path });
  const entries = await store.entries(0, await store.size());
  const root = await store.rootHash();
  await store.close();
  const verifyAll = () => {
    const tree = new MerkleTree();
    let prev = '';
    for (const e of entries) {
      const opened = openEntry(e.bytes);
      if (!opened.ok || opened.value.entry.prev !== prev || !opened.value.signatureValid)
        throw new Error('bad entry');
      const leaf = leafHash(e.bytes);
      tree.append(leaf);
      prev = toHex(leaf);
    }
    if (!bytesEqual(tree.root(), root)) throw new Error('root differs');
  };
  const n = Math.min(entries.length, 2000);
  return alternate(
    3,
    { items: entries.length, run: verifyAll },
    { items: n, run: verifyLoop(key, message, n) },
  );
}
