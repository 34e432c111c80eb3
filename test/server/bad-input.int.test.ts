// Bad input is answered 4xx problem+json naming the field, and nothing is executed.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { examples } from '../../src/server/examples.ts';
import { harness, type Harness } from './harness.ts';

const nomination = examples.NominateTarget as Record<string, unknown>;

describe('bad input', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ bodyLimit: 64 * 1024 });
  });
  after(() => h.close());

  async function post(payload: string, contentType = 'application/json') {
    const before = await h.store.size();
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/nominations',
      headers: { ...h.auth('US', 'operator'), 'content-type': contentType },
      payload,
    });
    assert.equal(await h.store.size(), before, 'the ledger is unchanged');
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const body = res.json<{ status: number; issues?: { pointer: string; reason: string }[] }>();
    assert.equal(body.status, res.statusCode);
    return { status: res.statusCode, pointers: (body.issues ?? []).map((i) => i.pointer), body };
  }

  it('refuses malformed JSON', async () => {
    const r = await post('{"group": "JAN",');
    assert.equal(r.status, 400);
    assert.deepEqual(r.pointers, ['']);
  });

  it('names every field of the wrong type', async () => {
    const r = await post(JSON.stringify({ ...nomination, group: 7, justification: ['x'] }));
    assert.equal(r.status, 400);
    assert.deepEqual(r.pointers.sort(), ['/group', '/justification']);
  });

  it('names every unknown field, however deep', async () => {
    const r = await post(
      JSON.stringify({
        ...nomination,
        priority: 1,
        window: { ...(nomination['window'] as object), tz: 'Z' },
      }),
    );
    assert.equal(r.status, 400);
    assert.deepEqual(r.pointers.sort(), ['/priority', '/window/tz']);
  });

  it('refuses numbers too large to hold exactly', async () => {
    const body = JSON.stringify(nomination).replace('[36.71,36.02]', '[1e400, 123456789012345678901234]');
    const r = await post(body);
    assert.equal(r.status, 400);
    assert.deepEqual(r.pointers, ['/location/coordinates/0', '/location/coordinates/1']);
  });

  it('refuses an oversized body with 413', async () => {
    const r = await post(JSON.stringify({ ...nomination, justification: 'x'.repeat(100 * 1024) }));
    assert.equal(r.status, 413);
  });

  it('refuses bodies that are not JSON with 415', async () => {
    const r = await post('group=JAN', 'application/x-www-form-urlencoded');
    assert.equal(r.status, 415);
  });

  it('refuses JSON nested beyond reason', async () => {
    const r = await post('['.repeat(1000) + ']'.repeat(1000));
    assert.equal(r.status, 400);
  });

  it('names the coordinate out of range and the open ring', async () => {
    const bad = { ...nomination, location: { type: 'Point', coordinates: [200, 36] } };
    assert.deepEqual((await post(JSON.stringify(bad))).pointers, ['/location/coordinates/0']);
    const ring = {
      type: 'Polygon',
      coordinates: [
        [
          [36, 35],
          [37, 35],
          [37, 36],
          [36, 36],
        ],
      ],
    };
    const open = await post(JSON.stringify({ ...nomination, location: ring }));
    assert.equal(open.status, 400);
    assert.ok(
      open.pointers.every((p) => p.startsWith('/location')),
      open.pointers.join(),
    );
  });

  it('names a window that ends before it starts, and a time without a zone', async () => {
    const backwards = { from: '2016-07-31T18:00:00Z', to: '2016-07-31T14:00:00Z' };
    assert.deepEqual((await post(JSON.stringify({ ...nomination, window: backwards }))).pointers, [
      '/window/to',
    ]);
    const zoneless = { from: '2016-07-31T18:00:00', to: '2016-07-31T19:00:00Z' };
    assert.deepEqual((await post(JSON.stringify({ ...nomination, window: zoneless }))).pointers, [
      '/window/from',
    ]);
  });

  it('refuses a bad query string on reads, naming the parameter', async () => {
    for (const q of ['asOfIndex=-1', 'asOf=yesterday', 'limit=5']) {
      const res = await h.app.inject({ url: `/api/v1/nominations?${q}`, headers: h.auth('US', 'monitor') });
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json<{ issues: { pointer: string }[] }>().issues[0]?.pointer, `/${q.split('=')[0]}`);
    }
  });

  it('turns an unexpected failure into a 500 that tells nothing of its cause', async () => {
    const failing = await harness();
    failing.service.list = () => Promise.reject(new Error('SQLITE_CORRUPT: /var/lib/jig/secret.db'));
    const res = await failing.app.inject({ url: '/api/v1/alerts', headers: failing.auth('US', 'monitor') });
    assert.equal(res.statusCode, 500);
    assert.doesNotMatch(res.body, /SQLITE|secret/);
    await failing.close();
  });

  it('refuses a body naming its own type or the record the path gives', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/nominations/n-1/decisions',
      headers: h.auth('US', 'approver'),
      payload: { concur: true, type: 'WithdrawNomination', nomination: 'n-2' },
    });
    assert.equal(res.statusCode, 400);
    const pointers = res.json<{ issues: { pointer: string }[] }>().issues.map((i) => i.pointer);
    assert.deepEqual(pointers.sort(), ['/nomination', '/type']);
  });
});
