import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { canonicalize } from '../../src/ledger/index.ts';
import { conformance } from '../support/paths.ts';

// RFC 8785 vectors from cyberphone/json-canonicalization (see SOURCE.md beside them).
const jcs = conformance('jcs');

describe('canonical JSON (RFC 8785)', () => {
  for (const file of readdirSync(join(jcs, 'input'))) {
    const name = file.replace(/\.json$/, '');
    it(`reproduces the canonical bytes of the "${name}" vector`, () => {
      const input: unknown = JSON.parse(readFileSync(join(jcs, 'input', file), 'utf8'));
      const want = readFileSync(join(jcs, 'output', file));
      const hex = readFileSync(join(jcs, 'outhex', `${name}.txt`), 'utf8')
        .trim()
        .split(/\s+/);
      const got = canonicalize(input);
      assert.deepEqual(Buffer.from(got), want);
      assert.deepEqual(Buffer.from(got), Buffer.from(hex.join(''), 'hex'));
    });
  }

  it('prints all 10,000 ES6 number vectors as expected', () => {
    const lines = readFileSync(join(jcs, 'es6-numbers-10k.txt'), 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.length, 10_000);
    const view = new DataView(new ArrayBuffer(8));
    for (const line of lines) {
      const [bits, expected] = line.split(',') as [string, string];
      view.setBigUint64(0, BigInt('0x' + bits));
      const n = view.getFloat64(0);
      if (!Number.isFinite(n)) {
        assert.throws(() => canonicalize(n), `${bits} has no JSON form`);
        continue;
      }
      assert.equal(Buffer.from(canonicalize(n)).toString('utf8'), expected, `bits ${bits}`);
    }
  });

  it('refuses values that have no JSON form', () => {
    for (const v of [undefined, NaN, Infinity, 10n, () => 1, '\ud800'])
      assert.throws(() => canonicalize(v), /INVALID_INPUT|canonical|JSON/);
  });
});
