import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pooledRandom } from '../../src/service/entries.ts';

describe('pooled randomness for ids and salts', () => {
  it('gives the asked number of bytes, across page boundaries and beyond a page', () => {
    const random = pooledRandom(64);
    for (const n of [12, 32, 32, 12, 1, 63, 64, 65, 200]) assert.equal(random(n).length, n);
  });

  it('never gives the same bytes twice', () => {
    const random = pooledRandom(256);
    const seen = new Set(Array.from({ length: 1000 }, () => Buffer.from(random(16)).toString('hex')));
    assert.equal(seen.size, 1000);
  });

  it('gives each caller its own copy, which a later draw does not change', () => {
    const random = pooledRandom(32);
    const first = random(16);
    const copy = Buffer.from(first);
    first.fill(0);
    const second = random(16);
    assert.notDeepEqual(Buffer.from(second), Buffer.alloc(16));
    random(32);
    assert.equal(first.buffer.byteLength, 16, 'not a view of the page');
    assert.notDeepEqual(copy, Buffer.alloc(16));
  });
});
