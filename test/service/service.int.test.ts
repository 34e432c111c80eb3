// The real service over a SQLite ledger: every event is a signed entry, projections rebuilt from
// the ledger equal the live ones, a sealed site blocks a nomination without ever showing its
// place to the other party, views as of a past index, and a feed that resumes with nothing missed.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { JigError } from '../../src/core/index.ts';
import { decodeEntry, toBase64, verifyEntrySignature } from '../../src/ledger/index.ts';
import { COLLECTIONS, type FeedMessage } from '../../src/service/index.ts';
import {
  concur,
  movement,
  nomination,
  serviceFixture,
  site,
  violation,
  type Fixture,
  type Party,
} from './fixture.ts';

// The sealed site's coordinates: unusual digits, so that finding them anywhere is no accident.
const SEALED: [number, number] = [36.638127, 35.931749];
const OFFICE: [number, number] = [37.514391, 36.457213];
const NEAR_SEALED: [number, number] = [36.6401, 35.9335]; // about 270 m away
const CLEAR: [number, number] = [38.1, 35.1];
const SECRET_DIGITS = ['36.638127', '35.931749', '37.514391', '36.457213'];

async function everyView(f: Fixture, party: Party) {
  const viewer = f.person(party, 'monitor');
  const out: Record<string, unknown> = {};
  for (const c of COLLECTIONS) out[c] = await f.service.list(viewer, c);
  return out;
}

describe('the service over a SQLite ledger', () => {
  let f: Fixture;
  const ids = { sealed: '', office: '', blocked: '', before: '', vetted: '', movement: '', violation: '' };
  const run = async (party: Party, role: Parameters<Fixture['person']>[1], command: object) => {
    const done = await f.service.execute(f.person(party, role), command as { type: string });
    return done.events[0]?.record ?? '';
  };

  before(async () => {
    f = await serviceFixture();
    ids.sealed = await run('US', 'operator', site(SEALED, 'sealed'));
    ids.office = await run('US', 'operator', site(OFFICE, 'office', 'partner_force'));
    ids.blocked = await run('RU', 'operator', nomination(NEAR_SEALED, ['RU']));
    ids.before = String((await f.store.size()) - 1);
    ids.vetted = await run('US', 'operator', nomination(CLEAR));
    await run('US', 'approver', concur(ids.vetted));
    await run('RU', 'approver', concur(ids.vetted));
    ids.movement = await run(
      'US',
      'liaison',
      movement([
        [36.9, 36.0],
        [37.1, 36.2],
      ]),
    );
    ids.violation = await run('RU', 'operator', violation([37.16, 36.2]));
    await run('US', 'approver', {
      type: 'AssessViolation',
      violation: ids.violation,
      assessment: 'confirmed',
    });
  });
  after(() => f.close());

  it('appends every event as an entry signed by the acting person', async () => {
    const size = await f.store.size();
    assert.ok(size >= 9);
    for (const stored of await f.store.entries(0, size)) {
      const entry = decodeEntry(stored.bytes);
      assert.ok(entry.ok);
      assert.ok(verifyEntrySignature(entry.value), `entry ${stored.seq} signature`);
      const person = await f.people.get(entry.value.actor.id as never);
      assert.ok(person, `entry ${stored.seq} names a person`);
      assert.equal(entry.value.actor.key, toBase64(Buffer.from(person.publicKey, 'base64url')));
      assert.equal(entry.value.actor.party, person.party);
    }
  });

  it('puts office and sealed events in the ledger as commitments only', async () => {
    const entries = await f.store.entries(0, 2);
    for (const e of entries) {
      const decoded = decodeEntry(e.bytes);
      assert.ok(decoded.ok);
      assert.equal(decoded.value.event.type, 'Commitment');
      assert.match(String(decoded.value.event['commitment']), /^[0-9a-f]{64}$/);
    }
  });

  it('blocks a nomination within the sealed site’s buffer, telling only the verdict', async () => {
    const ru = f.person('RU', 'operator');
    const view = await f.service.get(ru, 'nominations', ids.blocked);
    assert.equal(view?.status, 'blocked');
    const checks = view?.['checks'] as { disclosure: string; owner: string }[];
    assert.deepEqual(
      checks.map((c) => [c.disclosure, c.owner]),
      [['sealed', 'US']],
    );
  });

  it('never shows the other party a coordinate of a sealed or office site', async () => {
    const ru = f.person('RU', 'approver');
    const seen: unknown[] = [await everyView(f, 'RU')];
    seen.push(await f.service.get(ru, 'protected-sites', ids.sealed));
    seen.push(await f.service.get(ru, 'protected-sites', ids.office));
    const feed: FeedMessage[] = [];
    (await f.service.subscribe(ru, 0, (m) => feed.push(m)))();
    seen.push(feed);
    seen.push(await f.service.ledger.entries(ru, 0, await f.store.size()));
    const text = JSON.stringify(seen);
    for (const digits of SECRET_DIGITS) assert.ok(!text.includes(digits), `RU saw ${digits}`);
    assert.ok(feed.length > 0);
    // The owner sees its own.
    const us = JSON.stringify(await everyView(f, 'US'));
    for (const digits of SECRET_DIGITS) assert.ok(us.includes(digits), `US misses ${digits}`);
  });

  it('answers a command naming a hidden record as if it did not exist', async () => {
    for (const [command, id] of [
      [{ type: 'DisputeProtectedSite', site: ids.sealed, reason: 'shelters fighters' }, ids.sealed],
      [{ type: 'WithdrawProtectedSite', site: ids.office }, ids.office],
    ] as const) {
      await assert.rejects(
        f.service.execute(f.person('RU', 'approver'), command),
        (e) => e instanceof JigError && e.code === 'NOT_FOUND' && !e.message.includes(id),
      );
    }
  });

  it('gives the owner its own commitments opened in the ledger entries', async () => {
    const [entry] = await f.service.ledger.entries(f.person('US', 'monitor'), 0, 1);
    assert.ok(entry?.['reveal']);
    const [hidden] = await f.service.ledger.entries(f.person('RU', 'monitor'), 0, 1);
    assert.equal(hidden?.['reveal'], undefined);
  });

  it('shows the picture as of a past ledger index', async () => {
    const viewer = f.person('US', 'monitor');
    const index = Number(ids.before) + 1;
    const past = await f.service.list(viewer, 'nominations', { index });
    assert.deepEqual(
      past.map((n) => n.id),
      [ids.blocked],
    );
    assert.equal(await f.service.get(viewer, 'nominations', ids.vetted, { index }), undefined);
    const now = await f.service.get(viewer, 'nominations', ids.vetted);
    assert.equal(now?.status, 'vetted');
  });

  it('keeps a projection document per record, written with its entries', async () => {
    const doc = (await f.store.projection('records', ids.vetted)) as {
      collection: string;
      view: { status: string };
    };
    assert.equal(doc.collection, 'nominations');
    assert.equal(doc.view.status, 'vetted');
  });

  it('resumes the feed from an index with nothing missed and nothing twice', async () => {
    const viewer = f.person('US', 'operator');
    const size = await f.store.size();
    const from = size - 3;
    const got: number[] = [];
    const stop = await f.service.subscribe(viewer, from, (m) => m.kind === 'event' && got.push(m.index));
    const more = f.service.execute(viewer, site([36.2, 35.2], 'joint'));
    await Promise.all([more, f.service.execute(f.person('RU', 'operator'), violation([36.3, 35.3]))]);
    stop();
    const end = await f.store.size();
    assert.deepEqual(
      got,
      Array.from({ length: end - from }, (_, i) => from + i),
    );
  });

  it('rebuilds the same views for every party from the ledger alone', async () => {
    const beforeUs = await everyView(f, 'US');
    const beforeRu = await everyView(f, 'RU');
    await f.reopen();
    assert.deepEqual(await everyView(f, 'US'), beforeUs);
    assert.deepEqual(await everyView(f, 'RU'), beforeRu);
    const more = await run('RU', 'approver', concur(ids.blocked));
    assert.equal(more, ids.blocked);
  });
});
