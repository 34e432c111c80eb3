// Two services (as two server instances would run them) on one PostgreSQL database: each follows
// the other's appends into its state, its views and its feed, and a command decided on a state the
// other instance has overtaken is decided again, so that no decision rests on a stale picture.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { fixedClock, partyId, ROLES } from '../../src/core/index.ts';
import { openJigService, type OpenJigService } from '../../src/service/index.ts';
import type { FeedMessage, Person } from '../../src/service/types.ts';
import { openPostgresStore, type OpenedStore } from '../../src/store/index.ts';
import { memoryPeopleDirectory } from '../../src/store/people-memory.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';
import { assertChain } from '../store/contract.ts';
import { postgresForThisFile } from '../support/postgres.ts';
import { agreement, logKey, nomination, seededRandom, site, T0 } from './fixture.ts';

const db = await postgresForThisFile();

interface Instance {
  readonly store: OpenedStore;
  readonly service: OpenJigService;
  /** Every event index this instance's feed delivered to a US monitor, in order. */
  readonly seen: number[];
}

if (db) {
  describe('two service instances on one PostgreSQL ledger', () => {
    const clock = fixedClock(T0);
    const people = memoryPeopleDirectory({ scrypt: CHEAP_SCRYPT, clock });
    const persons = new Map<string, Person>();
    const person = (party: 'US' | 'RU', role: (typeof ROLES)[number]): Person => {
      const p = persons.get(`${party}/${role}`);
      if (!p) throw new Error(`no ${party} ${role}`);
      return p;
    };
    let a: Instance;
    let b: Instance;

    async function instance(name: string): Promise<Instance> {
      const store = await openPostgresStore({ url: db!.url, clock });
      const service = await openJigService({
        store,
        people,
        agreement,
        clock,
        logKey,
        random: seededRandom(`instances-${name}`),
        notifier: store,
      });
      const seen: number[] = [];
      await service.subscribe(person('US', 'monitor'), 0, (m: FeedMessage) => {
        if (m.kind === 'event') seen.push(m.index);
      });
      return { store, service, seen };
    }

    /** Resolves when `check` holds, polling every few milliseconds (fails after 10 s). */
    async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
      const deadline = Date.now() + 10_000;
      while (!(await check())) {
        if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    }

    before(async () => {
      for (const party of ['US', 'RU'] as const)
        for (const role of ROLES) {
          const added = await people.add({ name: `${party}-${role}`, party: partyId(party), role });
          persons.set(`${party}/${role}`, added.person);
        }
      a = await instance('a');
      b = await instance('b');
    });
    after(async () => {
      for (const i of [a, b]) {
        await i.service.close();
        await i.store.close();
      }
    });

    it("delivers an append made on one instance to the other's feed and views", async () => {
      const done = await a.service.execute(person('US', 'operator'), site([36.2, 35.9]));
      await eventually(() => b.seen.includes(done.index), 'instance B publishes the entry A appended');
      const sites = await b.service.list(person('RU', 'monitor'), 'protected-sites');
      assert.ok(sites.some((s) => s.id === done.events[0]?.record));
    });

    it("decides a command on the other instance's latest appends, even before it heard of them", async () => {
      // A registers a hospital; B, at once and without waiting for the notification, is asked for a
      // nomination on the same spot: B's first decision (on its older state) cannot commit, and the
      // command is decided again on the state that has the hospital.
      const hospital = await a.service.execute(person('RU', 'operator'), site([36.71, 35.81]));
      const nominated = await b.service.execute(person('US', 'operator'), nomination([36.71, 35.81]));
      const id = nominated.events[0]?.record;
      assert.ok(id);
      const view = await b.service.get(person('US', 'monitor'), 'nominations', id);
      assert.equal(view?.status, 'blocked', 'blocked by the hospital appended on the other instance');
      assert.ok(hospital.index < nominated.index);
    });

    it('keeps one chain and the same picture under concurrent commands on both instances', async () => {
      const operator = person('US', 'operator');
      const from = await a.store.size();
      const outcomes = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          (i % 2 === 0 ? a : b).service.execute(operator, site([37 + i / 1000, 34.5])),
        ),
      );
      const indexes = outcomes.map((o) => o.index).sort((x, y) => x - y);
      assert.deepEqual(
        indexes,
        Array.from({ length: 120 }, (_, i) => from + i),
        'every command committed once, with no gap',
      );
      const size = await a.store.size();
      assert.equal((await assertChain(a.store)).length, size, 'the chain verifies: no gap, no fork');
      await eventually(
        () => a.seen.length === size && b.seen.length === size,
        'both feeds delivered every entry',
      );
      const inOrder = Array.from({ length: size }, (_, i) => i);
      assert.deepEqual(a.seen, inOrder, 'instance A published every entry once, in order');
      assert.deepEqual(b.seen, inOrder, 'instance B published every entry once, in order');
      const viewer = person('RU', 'monitor');
      assert.deepEqual(
        await a.service.list(viewer, 'protected-sites'),
        await b.service.list(viewer, 'protected-sites'),
        'both instances serve the same picture',
      );
    });
  });
}
