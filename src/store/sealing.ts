/**
 * Turning append requests into ledger entries, the same for every adapter: assign seq and prev in
 * order, sign, encode, hash, and grow the Merkle tree, collecting the nodes to persist.
 */
import type { KeyObject } from 'node:crypto';
import type { MerkleTree } from './ledger-port.ts';
import { ENTRY_MEDIA_TYPE, leafHash, sealEntry, toHex, type TreeNode } from './ledger-port.ts';
import type { AppendRequest, StoredEntry } from './types.ts';

/** The tip of the chain: the tree so far and the leaf hash of the last entry (empty when none). */
export interface ChainHead {
  readonly frontier: MerkleTree;
  readonly lastLeaf: Uint8Array;
}

export interface SealedBatch {
  readonly entries: readonly (StoredEntry & { readonly prev: Uint8Array })[];
  readonly nodes: readonly TreeNode[];
  readonly head: ChainHead;
}

const EMPTY = new Uint8Array(0);
export const emptyHead = (frontier: MerkleTree): ChainHead => ({ frontier, lastLeaf: EMPTY });

/** Seals `batch` after `head`; `head` is left untouched (the returned head is the new tip). */
export function sealBatch(head: ChainHead, batch: readonly AppendRequest[], time: string): SealedBatch {
  // A copy to grow while the original stays as committed.
  const frontier = head.frontier.copy();
  let lastLeaf = head.lastLeaf;
  const entries: (StoredEntry & { prev: Uint8Array })[] = [];
  const nodes: TreeNode[] = [];
  for (const request of batch) {
    const seq = frontier.size;
    const bytes = seal(request, seq, toHex(lastLeaf), time, request.privateKey);
    const hash = leafHash(bytes);
    entries.push({ seq, prev: lastLeaf, leafHash: hash, bytes });
    for (const node of frontier.append(hash)) nodes.push(node);
    lastLeaf = hash;
  }
  return { entries, nodes, head: { frontier, lastLeaf } };
}

function seal(request: AppendRequest, seq: number, prev: string, time: string, key: KeyObject): Uint8Array {
  const body = {
    mediaType: ENTRY_MEDIA_TYPE,
    seq,
    prev,
    time,
    actor: request.actor,
    event: request.event,
  } as const;
  return sealEntry(body, key).bytes;
}
