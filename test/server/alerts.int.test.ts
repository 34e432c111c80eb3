// Acknowledging an alert over HTTP, as the web app does: one acknowledgement per party the alert
// concerns, recorded in the ledger and shown in the alert's view (who, when).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { harness, type Harness } from './harness.ts';

describe('POST /api/v1/alerts/{id}/ack', () => {
  let h: Harness;
  let alert = '';

  before(async () => {
    h = await harness();
    const area = await h.service.execute(h.principal('US', 'operator'), {
      type: 'RegisterDesignatedArea',
      name: 'Idlib',
      area: {
        type: 'Polygon',
        coordinates: [
          [
            [36.4, 35.7],
            [36.8, 35.7],
            [36.8, 36.1],
            [36.4, 36.1],
            [36.4, 35.7],
          ],
        ],
      },
      window: { from: '2016-07-20T00:00:00Z', to: '2016-07-22T00:00:00Z' },
    });
    const reported = await h.service.execute(h.principal('RU', 'monitor'), {
      type: 'ReportIncursion',
      aircraft: 'SYAF-101',
      actor: 'SY-AF',
      area: area.events[0]?.record,
      enteredAt: '2016-07-20T09:59:00Z',
      position: { lon: 36.6, lat: 35.9, altitudeM: 3000 },
      cause: 'no_exemption',
      flight: null,
      source: 'RU:ru-radar',
    });
    alert = reported.events[0]?.record ?? '';
  });
  after(() => h.close());

  const ack = (party: 'US' | 'RU', role: 'operator' | 'approver', id = alert, payload: object = {}) =>
    h.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${id}/ack`,
      headers: h.auth(party, role),
      payload,
    });

  it('records the acknowledgement of the caller’s party and shows who and when in the alert', async () => {
    const res = await ack('US', 'approver', alert, { remarks: 'duty officer informed' });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json<{ index: number; events: { type: string; record: string }[] }>();
    assert.deepEqual(
      body.events.map((e) => [e.type, e.record]),
      [['AlertAcknowledged', alert]],
    );
    const entry = await h.service.ledger.entries(h.principal('RU', 'monitor'), body.index, body.index + 1);
    assert.match(
      JSON.stringify(entry[0]?.entry),
      /AlertAcknowledged/,
      'the acknowledgement is in the ledger',
    );
    const view = await h.app.inject({ url: `/api/v1/alerts/${alert}`, headers: h.auth('RU', 'operator') });
    const a = view.json<Record<string, unknown>>();
    assert.deepEqual(a['parties'], ['US', 'RU']);
    assert.equal(a['acknowledged'], false, 'RU has not acknowledged yet');
    assert.deepEqual(a['acknowledgements'], [
      {
        party: 'US',
        person: h.principal('US', 'approver').person,
        at: '2016-07-20T10:00:00.000Z',
        remarks: 'duty officer informed',
      },
    ]);
  });

  it('refuses a second acknowledgement of the same party (409), takes the other party’s', async () => {
    const again = await ack('US', 'operator');
    assert.equal(again.statusCode, 409);
    assert.match(again.json<{ detail: string }>().detail, /already acknowledged/);
    assert.equal((await ack('RU', 'operator')).statusCode, 201);
    const view = await h.app.inject({ url: `/api/v1/alerts/${alert}`, headers: h.auth('US', 'operator') });
    assert.equal(view.json<Record<string, unknown>>()['acknowledged'], true);
  });

  it('answers an unknown alert 404, a bad body with the field, and no login 401', async () => {
    assert.equal((await ack('US', 'operator', 'no-such-alert')).statusCode, 404);
    const bad = await ack('RU', 'approver', alert, { remarks: 7, alert: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json<{ issues: { pointer: string }[] }>()
        .issues.map((i) => i.pointer)
        .sort(),
      ['/alert', '/remarks'],
    );
    const anonymous = await h.app.inject({ method: 'POST', url: `/api/v1/alerts/${alert}/ack`, payload: {} });
    assert.equal(anonymous.statusCode, 401);
  });
});
