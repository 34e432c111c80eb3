import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { verifyEd25519 } from '../../src/ledger/index.ts';
import { conformance } from '../support/paths.ts';

// Project Wycheproof Ed25519 verification vectors (see SOURCE.md beside them).
interface Wycheproof {
  testGroups: {
    publicKey: { pk: string };
    tests: { tcId: number; comment: string; flags: string[]; msg: string; sig: string; result: string }[];
  }[];
}
const file = join(conformance('ed25519'), 'ed25519_test.json');
const vectors = JSON.parse(readFileSync(file, 'utf8')) as Wycheproof;
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

describe('Ed25519 verification (Wycheproof)', () => {
  it('covers all 151 vectors', () => {
    assert.equal(vectors.testGroups.flatMap((g) => g.tests).length, 151);
  });
  for (const group of vectors.testGroups) {
    for (const t of group.tests) {
      const valid = t.result === 'valid';
      it(`${valid ? 'accepts' : 'rejects'} #${t.tcId} ${t.comment} [${t.flags.join(', ')}]`, () => {
        assert.equal(verifyEd25519(hex(group.publicKey.pk), hex(t.msg), hex(t.sig)), valid);
      });
    }
  }
  it('rejects malformed keys and signatures without throwing', () => {
    const msg = new Uint8Array(1);
    for (const key of [
      new Uint8Array(0),
      new Uint8Array(31),
      new Uint8Array(33),
      new Uint8Array(32).fill(255),
    ])
      assert.equal(verifyEd25519(key, msg, new Uint8Array(64)), false);
    assert.equal(verifyEd25519(null as never, msg, new Uint8Array(64)), false);
    assert.equal(verifyEd25519(new Uint8Array(32), 'x' as never, new Uint8Array(64)), false);
  });
});
