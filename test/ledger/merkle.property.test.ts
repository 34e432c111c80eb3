import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MemoryNodes,
  MerkleTree,
  consistencyProof,
  inclusionProof,
  leafHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.ts';

const MAX = 1024;

/** RFC 9162's MTH written straight from its definition, independent of src/ledger. */
function naiveRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(createHash('sha256').digest());
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  const h = createHash('sha256').update(new Uint8Array([1]));
  return new Uint8Array(
    h
      .update(naiveRoot(leaves.slice(0, k)))
      .update(naiveRoot(leaves.slice(k)))
      .digest(),
  );
}

const leaves = Array.from({ length: MAX }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));
const nodes = new MemoryNodes();
const tree = new MerkleTree();
const roots: Uint8Array[] = [naiveRoot([])];
for (const leaf of leaves) {
  nodes.put(tree.append(leaf));
  roots.push(naiveRoot(leaves.slice(0, tree.size)));
  assert.deepEqual(tree.root(), roots[tree.size]);
}

function flipBit(proof: Uint8Array[], at: number, bit: number): Uint8Array[] {
  return proof.map((h, i) => {
    if (i !== at) return h;
    const c = new Uint8Array(h);
    c[bit >> 3]! ^= 1 << (bit & 7);
    return c;
  });
}

describe('Merkle proofs against a naive recursive root', () => {
  it('verify for every size up to 1,024, every index up to 256 leaves and 32 spread indices beyond', () => {
    for (let size = 1; size <= MAX; size++) {
      const step = size <= 256 ? 1 : Math.ceil(size / 32);
      for (let index = 0; index < size; index += step) {
        for (const i of index === 0 ? [0, size - 1] : [index]) {
          const ok = verifyInclusion(leaves[i]!, i, size, inclusionProof(i, size, nodes), roots[size]!);
          assert.ok(ok, `leaf ${i} of ${size}`);
        }
      }
    }
  });

  it('prove consistency from every size to every later size up to 128, and sampled pairs up to 1,024', () => {
    const check = (a: number, b: number) =>
      assert.ok(verifyConsistency(a, b, consistencyProof(a, b, nodes), roots[a]!, roots[b]!), `${a} -> ${b}`);
    for (let b = 1; b <= 128; b++) for (let a = 1; a <= b; a++) check(a, b);
    for (let b = 129; b <= MAX; b++)
      for (const a of [1, b - 1, b, (b * 7) >> 3, b >> 1, 64, 128]) check(a, b);
  });

  it('reject any single change of an inclusion proof, its index, size or root', () => {
    const pair = fc
      .integer({ min: 1, max: MAX })
      .chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1)));
    fc.assert(
      fc.property(
        pair,
        fc.nat(),
        fc.nat(255),
        fc.integer({ min: -3, max: 3 }),
        ([size, i], pick, bit, delta) => {
          const proof = inclusionProof(i, size, nodes);
          const root = roots[size]!;
          if (proof.length > 0)
            assert.ok(!verifyInclusion(leaves[i]!, i, size, flipBit(proof, pick % proof.length, bit), root));
          assert.ok(!verifyInclusion(leaves[i]!, i, size, proof, flipBit([root], 0, bit)[0]!));
          assert.ok(!verifyInclusion(flipBit([leaves[i]!], 0, bit)[0]!, i, size, proof, root));
          if (delta !== 0 && i + delta >= 0)
            assert.ok(!verifyInclusion(leaves[i]!, i + delta, size, proof, root));
          // The root binds the size (a checkpoint signs both): a proof for one size fails against
          // the root of any other, though alone a size with the same path shape cannot be told apart.
          const other = size + delta;
          if (delta !== 0 && other > i && other <= MAX)
            assert.ok(!verifyInclusion(leaves[i]!, i, other, proof, roots[other]!));
          assert.ok(!verifyInclusion(leaves[i]!, i, size, [...proof, root], root));
          if (proof.length > 0) assert.ok(!verifyInclusion(leaves[i]!, i, size, proof.slice(1), root));
        },
      ),
      { numRuns: 2000, seed: 9162 },
    );
  });

  it('reject any single change of a consistency proof, its sizes or roots', () => {
    const pair = fc
      .integer({ min: 2, max: MAX })
      .chain((b) => fc.tuple(fc.integer({ min: 1, max: b - 1 }), fc.constant(b)));
    fc.assert(
      fc.property(
        pair,
        fc.nat(),
        fc.nat(255),
        fc.integer({ min: -3, max: 3 }),
        ([a, b], pick, bit, delta) => {
          const proof = consistencyProof(a, b, nodes);
          const [r1, r2] = [roots[a]!, roots[b]!];
          assert.ok(!verifyConsistency(a, b, flipBit(proof, pick % proof.length, bit), r1, r2));
          assert.ok(!verifyConsistency(a, b, proof, flipBit([r1], 0, bit)[0]!, r2));
          assert.ok(!verifyConsistency(a, b, proof, r1, flipBit([r2], 0, bit)[0]!));
          const [a2, b2] = [a + delta, b + delta];
          if (delta !== 0 && a2 >= 1 && a2 <= b) assert.ok(!verifyConsistency(a2, b, proof, roots[a2]!, r2));
          if (delta !== 0 && b2 >= a && b2 <= MAX)
            assert.ok(!verifyConsistency(a, b2, proof, r1, roots[b2]!));
          assert.ok(!verifyConsistency(a, b, proof.slice(1), r1, r2));
          assert.ok(!verifyConsistency(a, b, [...proof, r2], r1, r2));
        },
      ),
      { numRuns: 2000, seed: 6962 },
    );
  });
});
