import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PersistentMap, scratch } from '../../src/rules/persistent-map.ts';
import { evolve, replay, type RulesEvent } from '../../src/rules/index.ts';
import { ALEPPO, concur, nomination, north, recordOf, run, ru, site, us } from './given.ts';

const entries = <K, V>(m: ReadonlyMap<K, V>) => [...m.entries()];

describe('persistent map', () => {
  it('keeps insertion order and replaces a value in place', () => {
    const m = PersistentMap.empty<string, number>().with('a', 1).with('b', 2).with('a', 3);
    assert.deepEqual(entries(m), [
      ['a', 3],
      ['b', 2],
    ]);
    assert.equal(m.size, 2);
  });

  it('leaves every earlier map as it was, whichever map is updated next', () => {
    const base = PersistentMap.empty<string, number>().with('a', 1);
    const left = base.with('b', 2);
    const right = base.with('a', 9).with('c', 3);
    const again = left.with('b', 5);
    assert.deepEqual(entries(base), [['a', 1]]);
    assert.deepEqual(entries(left), [
      ['a', 1],
      ['b', 2],
    ]);
    assert.deepEqual(entries(right), [
      ['a', 9],
      ['c', 3],
    ]);
    assert.deepEqual(entries(again), [
      ['a', 1],
      ['b', 5],
    ]);
    assert.equal(base.has('b'), false);
  });

  it('refuses to be mutated in place', () => {
    const m = PersistentMap.empty<string, number>();
    assert.throws(() => (m as Map<string, number>).set('a', 1), TypeError);
  });

  it('agrees with a copied Map under any sequence of updates, forks and simulated updates', () => {
    const op = fc.record({
      from: fc.nat(20),
      key: fc.integer({ min: 0, max: 6 }),
      value: fc.nat(),
      simulated: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const maps = [PersistentMap.empty<number, number>()];
        const copies = [new Map<number, number>()];
        for (const { from, key, value, simulated } of ops) {
          const i = from % maps.length;
          const m = maps[i]!;
          maps.push(simulated ? scratch(() => m.with(key, value)) : m.with(key, value));
          copies.push(new Map(copies[i]).set(key, value));
        }
        maps.forEach((m, i) => assert.deepEqual(entries(m), entries(copies[i]!)));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('replay over a shared prefix', () => {
  it('evolving a shared state does not alter an older snapshot', () => {
    const prefix = run([[us.liaison, site(north(5000))]]);
    const shared = replay(prefix);
    const before = { sites: entries(shared.operations.sites), noms: entries(shared.operations.nominations) };
    // Two histories continue from the same state, as two `asOf` views would.
    const a = run([[ru.operator, nomination(ALEPPO)]], prefix).slice(prefix.length);
    const later = replay(a, shared);
    const b = run([[us.liaison, site(north(200))]], prefix).slice(prefix.length);
    const other = b.reduce<typeof shared>((s, e: RulesEvent) => evolve(s, e), shared);
    assert.deepEqual(entries(shared.operations.sites), before.sites);
    assert.deepEqual(entries(shared.operations.nominations), before.noms);
    assert.equal(later.operations.nominations.size, 1);
    assert.equal(other.operations.nominations.size, 0);
    assert.equal(other.operations.sites.size, 2);
    assert.equal(later.operations.sites.size, 1);
    // And the branch first built is still intact after the second one forked.
    const id = recordOf(a, 'TargetNominated');
    assert.equal(later.operations.nominations.get(id as never)?.decisions.size, 0);
    const decided = run([[us.approver, concur(id)]], [...prefix, ...a]).slice(prefix.length + a.length);
    assert.equal(replay(decided, later).operations.nominations.get(id as never)?.decisions.size, 1);
    assert.equal(later.operations.nominations.get(id as never)?.decisions.size, 0);
  });
});
