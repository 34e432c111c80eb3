import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import {
  EMPTY_ROOT,
  MemoryNodes,
  MerkleTree,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  toHex,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.ts';
import { conformance } from '../support/paths.ts';

// RFC 6962 / 9162 probes and known answers from transparency-dev/merkle (see SOURCE.md beside them).
const dir = conformance('merkle');
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function probes(sub: string): { name: string; probe: Record<string, unknown> }[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  return walk(join(dir, sub))
    .sort()
    .map((path) => ({ name: relative(dir, path), probe: readJson(path) as Record<string, unknown> }));
}
const proofOf = (p: unknown) => ((p as string[] | null) ?? []).map(b64);

describe('RFC 9162 inclusion probes', () => {
  const all = probes('inclusion');
  it('covers all 98 upstream files', () => assert.equal(all.length, 98));
  for (const { name, probe: p } of all) {
    it(`${p.wantErr ? 'rejects' : 'accepts'} ${name} (${String(p.desc)})`, () => {
      const args = [b64(p.leafHash as string), p.leafIdx as number, p.treeSize as number] as const;
      const got = verifyInclusion(...args, proofOf(p.proof), b64(p.root as string));
      assert.equal(got, !p.wantErr);
    });
  }
});

describe('RFC 9162 consistency probes', () => {
  const all = probes('consistency');
  it('covers all 98 upstream files', () => assert.equal(all.length, 98));
  for (const { name, probe: p } of all) {
    it(`${p.wantErr ? 'rejects' : 'accepts'} ${name} (${String(p.desc)})`, () => {
      const got = verifyConsistency(
        p.size1 as number,
        p.size2 as number,
        proofOf(p.proof),
        b64(p.root1 as string),
        b64(p.root2 as string),
      );
      assert.equal(got, !p.wantErr);
    });
  }
});

interface TreeVectors {
  leafInputs: string[];
  rootHashes: { treeSize: number; root: string }[];
  nodeHashes: { level: number; index: number; hash: string }[];
  compactTrees: { treeSize: number; nodes: { level: number; index: number; hash: string }[] }[];
}

describe('tree building against known hashes', () => {
  const v = readJson(join(dir, 'tree-vectors.json')) as TreeVectors;
  const leaves = v.leafInputs.map((s) => leafHash(hex(s)));

  it('computes the known root for every size from 0 to 8', () => {
    for (const { treeSize, root } of v.rootHashes)
      assert.equal(toHex(rootHash(leaves.slice(0, treeSize))), root);
  });

  it('reports every known node as appends complete it, and the known peaks after each append', () => {
    const tree = new MerkleTree();
    const nodes = new MemoryNodes();
    const seen = new Map<string, string>();
    const peaks = (n: number) => v.compactTrees.find((c) => c.treeSize === n)?.nodes ?? [];
    assert.deepEqual(tree.peaks(), []);
    for (const leaf of leaves) {
      for (const n of tree.append(leaf)) seen.set(`${n.level}/${n.index}`, toHex(n.hash));
      nodes.put(tree.peaks());
      const got = tree.peaks().map((p) => ({ level: p.level, index: p.index, hash: toHex(p.hash) }));
      assert.deepEqual(got, peaks(tree.size));
      assert.equal(toHex(tree.root()), v.rootHashes[tree.size]?.root);
      assert.equal(toHex(treeRoot(tree.size, nodes)), v.rootHashes[tree.size]?.root);
    }
    for (const n of v.nodeHashes) assert.equal(seen.get(`${n.level}/${n.index}`), n.hash);
    assert.equal(seen.size, v.nodeHashes.length);
  });

  it('serves the upstream proofs from stored nodes', () => {
    const tree = new MerkleTree();
    const nodes = new MemoryNodes();
    for (const leaf of leaves) nodes.put(tree.append(leaf));
    for (const { probe: p } of probes('inclusion').filter(
      (x) => !x.probe.wantErr && x.name.match(/^inclusion\/\d/),
    )) {
      assert.deepEqual(inclusionProof(p.leafIdx as number, p.treeSize as number, nodes), proofOf(p.proof));
    }
    for (const { probe: p } of probes('consistency').filter(
      (x) => !x.probe.wantErr && x.name.match(/^consistency\/\d/),
    )) {
      assert.deepEqual(consistencyProof(p.size1 as number, p.size2 as number, nodes), proofOf(p.proof));
    }
  });

  it('resumes a tree from its stored peaks', () => {
    const tree = new MerkleTree();
    const nodes = new MemoryNodes();
    for (const leaf of leaves.slice(0, 5)) nodes.put(tree.append(leaf));
    const resumed = MerkleTree.restore(5, nodes);
    for (const leaf of leaves.slice(5)) {
      nodes.put(resumed.append(leaf));
      tree.append(leaf);
    }
    assert.deepEqual(resumed.root(), tree.root());
  });

  it('grows a copy without changing the original', () => {
    const tree = new MerkleTree();
    for (const leaf of leaves.slice(0, 5)) tree.append(leaf);
    const copy = tree.copy();
    for (const leaf of leaves.slice(5)) copy.append(leaf);
    assert.equal(tree.size, 5);
    assert.equal(toHex(tree.root()), v.rootHashes[5]?.root);
    assert.equal(toHex(copy.root()), v.rootHashes[leaves.length]?.root);
  });
});

describe('RFC 6962 hasher known answers', () => {
  const kat = readJson(join(dir, 'rfc6962-hasher-kat.json')) as {
    vectors: { desc: string; op: string; inputs: string[]; want: string }[];
  };
  for (const k of kat.vectors) {
    it(`gives the known answer for ${k.desc}`, () => {
      const input = k.inputs.map((s) => new TextEncoder().encode(s));
      const got =
        k.op === 'emptyRoot'
          ? EMPTY_ROOT
          : k.op === 'hashLeaf'
            ? leafHash(input[0]!)
            : nodeHash(input[0]!, input[1]!);
      assert.equal(toHex(got), k.want);
    });
  }
});

describe('verifiers given hostile input', () => {
  const h = new Uint8Array(32);
  const junk: unknown[] = [-1, NaN, Infinity, 2 ** 60, 1.5, '3', null, undefined, {}, [], 10n];
  it('return false and never throw', () => {
    for (const j of junk) {
      const x = j as never;
      assert.equal(verifyInclusion(h, x, 4, [h, h], h), false);
      assert.equal(verifyInclusion(h, 0, x, [h, h], h), false);
      assert.equal(verifyInclusion(x, 0, 4, [h, h], h), false);
      assert.equal(verifyInclusion(h, 0, 4, x, h), false);
      assert.equal(verifyInclusion(h, 0, 4, [h, x], h), false);
      assert.equal(verifyInclusion(h, 0, 4, [h, h], x), false);
      assert.equal(verifyConsistency(x, 4, [h], h, h), false);
      assert.equal(verifyConsistency(1, x, [h], h, h), false);
      assert.equal(verifyConsistency(1, 4, x, h, h), false);
      assert.equal(verifyConsistency(1, 4, [x], h, h), false);
      assert.equal(verifyConsistency(1, 4, [h], x, h), false);
      assert.equal(verifyConsistency(1, 4, [h], h, x), false);
    }
  });
});
