/**
 * Ledger figures: Merkle appends, inclusion and consistency proofs at 1,000,000 leaves (against
 * a naive O(n) proof from the leaf hashes), and export verification. `--big` uses 4,000,000 leaves.
 */
import { createHash } from 'node:crypto';
import {
  MemoryNodes,
  MerkleTree,
  consistencyProof,
  encodeEntry,
  inclusionProof,
  nodeHash,
  verifyConsistency,
  verifyExport,
  verifyInclusion,
  writeExport,
} from '../../src/ledger/index.ts';
import { chain, keyFromLabel } from '../../test/ledger/helpers.ts';
import { TestLog, logVkey, origin, witnesses } from '../../test/ledger/log-fixture.ts';
import { verifyLoop } from './appends.ts';
import { alternate } from './measure.ts';

/** Seeded xorshift32, so runs see the same indices. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

type Figure = { metric: string; value: number; unit: string; baseline?: string; ratio?: number };

function naivePath(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  const mth = (a: number, b: number): Uint8Array => {
    if (b - a === 1) return leaves[a]!;
    let k = 1;
    while (k * 2 < b - a) k *= 2;
    return nodeHash(mth(a, a + k), mth(a + k, b));
  };
  const path: Uint8Array[] = [];
  let [a, b] = [0, leaves.length];
  while (b - a > 1) {
    let k = 1;
    while (k * 2 < b - a) k *= 2;
    if (index < a + k) [path[path.length], b] = [mth(a + k, b), a + k];
    else [path[path.length], a] = [mth(a, a + k), a + k];
  }
  return path.reverse();
}

export async function run({ json, args }: { json: boolean; args: string[] }): Promise<void> {
  const n = args.includes('--big') ? 4_000_000 : 1_000_000;
  const rand = prng(9162);
  // First, while the heap is small: `jig ledger verify` runs in a process of its own.
  const figures: Figure[] = [await exportFigure()];
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < n; i++) leaves.push(new Uint8Array(createHash('sha256').update(String(i)).digest()));

  const tree = new MerkleTree();
  const nodes = new MemoryNodes();
  let t = performance.now();
  for (const leaf of leaves) nodes.put(tree.append(leaf));
  let ms = performance.now() - t;
  figures.push({ metric: 'merkle_appends_per_s', value: Math.round(n / (ms / 1000)), unit: 'appends/s' });

  const root = tree.root();
  const samples = 5_000;
  t = performance.now();
  for (let i = 0; i < samples; i++) {
    const index = Math.floor(rand() * n);
    if (!verifyInclusion(leaves[index]!, index, n, inclusionProof(index, n, nodes), root))
      throw new Error('bad proof');
  }
  const proveVerify = ((performance.now() - t) * 1000) / samples;
  t = performance.now();
  for (let i = 0; i < samples; i++) inclusionProof(Math.floor(rand() * n), n, nodes);
  const prove = ((performance.now() - t) * 1000) / samples;
  t = performance.now();
  naivePath(leaves, Math.floor(rand() * n));
  const naive = (performance.now() - t) * 1000;
  figures.push({
    metric: `inclusion_proof_us_at_${n}`,
    value: round(prove),
    unit: 'us',
    baseline: 'naive O(n) path',
    ratio: round(naive / prove),
  });
  figures.push({ metric: `inclusion_prove_and_verify_us_at_${n}`, value: round(proveVerify), unit: 'us' });

  t = performance.now();
  for (let i = 0; i < samples; i++) {
    const size1 = 1 + Math.floor(rand() * (n - 1));
    if (!verifyConsistency(size1, n, consistencyProof(size1, n, nodes), rootAt(size1, nodes), root))
      throw new Error('bad');
  }
  ms = performance.now() - t;
  figures.push({
    metric: `consistency_prove_and_verify_us_at_${n}`,
    value: round((ms * 1000) / samples),
    unit: 'us',
    baseline: 'includes the old root',
  });

  for (const f of figures) {
    if (json) console.log(JSON.stringify({ bench: 'ledger', ...f }));
    else console.log(`${f.metric}: ${f.value} ${f.unit}${f.ratio ? ` (${f.ratio}x vs ${f.baseline})` : ''}`);
  }
}

function rootAt(size: number, nodes: MemoryNodes): Uint8Array {
  const t = MerkleTree.restore(size, nodes);
  return t.root();
}

async function exportFigure(): Promise<Figure> {
  const entries = chain(2_000);
  const log = new TestLog();
  const notes: string[] = [];
  for (const e of entries) {
    log.append(e);
    if (log.tree.size % 500 === 0) notes.push(log.checkpoint());
  }
  const text = [
    ...writeExport({
      origin,
      logKey: logVkey,
      witnesses: witnesses.map((w) => w.vkey),
      entries: entries.map(encodeEntry),
      checkpoints: notes,
    }),
  ].join('');
  const bytes = new TextEncoder().encode(text);
  // The floor is one Ed25519 verification per entry: measured in alternation (see `alternate`).
  const key = keyFromLabel('bench verify');
  const message = encodeEntry(entries[0]!);
  const { value, base } = await alternate(
    3,
    {
      items: entries.length,
      run: async () => {
        const v = await verifyExport([bytes]);
        if (!v.ok) throw new Error(v.failure.reason);
      },
    },
    { items: 1000, run: verifyLoop(key, message, 1000) },
  );
  return {
    metric: 'export_verify_entries_per_s',
    value: Math.round(value),
    unit: 'entries/s',
    baseline: 'bare Ed25519 verifications/s',
    ratio: round(value / base),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
