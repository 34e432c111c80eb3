// Commands are decided one at a time but appended without waiting for the previous commit (so
// that the store groups them); a failed append makes the service rebuild its state from the
// ledger before it decides anything else.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { openJigService } from '../../src/service/index.ts';
import type { LedgerStore } from '../../src/store/types.ts';
import { agreement, logKey, seededRandom, serviceFixture, site, type Fixture } from './fixture.ts';

describe('the command pipeline', () => {
  let f: Fixture;
  before(async () => {
    f = await serviceFixture();
  });
  after(() => f.close());

  it('answers concurrent commands in order, each with its own ledger index', async () => {
    const operator = f.person('US', 'operator');
    const start = await f.store.size();
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) => f.service.execute(operator, site([36 + i / 100, 35]))),
    );
    assert.deepEqual(
      done.map((d) => d.index),
      Array.from({ length: 20 }, (_, i) => start + i),
    );
  });

  it('rebuilds from the ledger after a failed append, keeping the commands that committed', async () => {
    let calls = 0;
    let failing = -1;
    // The same store, except that one append fails as a full disk would make it.
    const flaky = new Proxy(f.store, {
      get(target, key: keyof LedgerStore) {
        if (key === 'append')
          return (...args: Parameters<LedgerStore['append']>) => {
            if (calls++ !== failing) return target.append(...args);
            return Promise.reject(new Error('disk full'));
          };
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const service = await openJigService({
      store: flaky,
      people: f.people,
      agreement,
      clock: f.clock,
      logKey,
      random: seededRandom('pipeline-test'),
    });
    const operator = f.person('US', 'operator');
    const viewer = f.person('US', 'monitor');
    const before = (await service.list(viewer, 'protected-sites')).length;
    failing = calls + 1; // the second of the three
    const outcomes = await Promise.allSettled(
      [37.1, 37.2, 37.3].map((lon) => service.execute(operator, site([lon, 35.1]))),
    );
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    const after = await service.execute(operator, site([37.4, 35.4]));
    assert.equal(after.index, (await f.store.size()) - 1);
    assert.equal((await service.list(viewer, 'protected-sites')).length, before + 3);
    await service.close();
  });
});
