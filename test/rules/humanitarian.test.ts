import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs, type EpochMs, type RecordId } from '../../src/core/index.ts';
import type { Protection } from '../../src/rules/model.ts';
import { activeProtections, current } from '../../src/rules/humanitarian.ts';
import { distanceToGeometryM, type Geometry } from '../../src/rules/humanitarian-geometry.ts';
import type { MovementDetails } from '../../src/rules/humanitarian-model.ts';
import { context, given } from './violations-given.ts';
import * as F from './humanitarian-fixtures.ts';

const {
  HOUR,
  RU,
  T0,
  US,
  convoy,
  decider,
  history,
  hospital,
  policy,
  project,
  ruLiaison,
  ruOperator,
  usLiaison,
} = F;

/** What a nomination check does with protections: inside the buffer while the window is open. */
function blocks(protections: readonly Protection[], [lon, lat]: readonly [number, number]): Protection[] {
  return protections.filter((p) => distanceToGeometryM(p.geometry as Geometry, lon, lat) <= p.bufferM);
}

describe('humanitarian notices', () => {
  it('records a convoy notice as a joint event, on time when the lead time is met', () => {
    given(decider, [])
      .when({ type: 'NotifyMovement', movement: convoy }, context(policy, usLiaison, T0))
      .then(([e]) => {
        assert.deepEqual([e?.type, e?.owner, e?.release], ['NoticeGiven', US, 'joint']);
        assert.deepEqual((e?.data as { timing: unknown }).timing, {
          leadTimeMs: 72 * HOUR,
          givenMs: 96 * HOUR,
          late: false,
        });
      });
  });

  it('accepts a late notice, marks it late and keeps it so in the state', () => {
    given(decider, [])
      .when({ type: 'NotifyMovement', movement: convoy }, context(policy, usLiaison, T0 + 48 * HOUR))
      .then(([e], after) => {
        const n = after.notices.get(e!.record)!;
        assert.deepEqual(current(n).timing, { leadTimeMs: 72 * HOUR, givenMs: 48 * HOUR, late: true });
        assert.equal(activeProtections(after, convoy.window.from).length, 1);
      });
  });

  it('refuses an invalid movement, naming every bad field', () => {
    const bad: MovementDetails = {
      ...convoy,
      route: { type: 'LineString', coordinates: [[37.17, 36.3]] },
      corridorWidthM: 0,
      window: { from: convoy.window.to, to: convoy.window.from },
      vehicles: [{ kind: 'truck', count: 0 }],
    };
    given(decider, [])
      .when({ type: 'NotifyMovement', movement: bad }, context(policy, usLiaison, T0))
      .thenRefused('INVALID_INPUT', (r) =>
        assert.deepEqual(
          r.issues?.map((i) => i.pointer),
          [
            '/movement/route/coordinates',
            '/movement/corridorWidthM',
            '/movement/window',
            '/movement/vehicles/0/count',
          ],
        ),
      );
  });

  it('is given by liaisons only', () =>
    given(decider, [])
      .when({ type: 'NotifySite', site: hospital }, context(policy, ruOperator, T0))
      .thenRefused('NOT_AUTHORIZED'));

  it("gives a site without its own buffer the policy's buffer for its category", () =>
    given(decider, [])
      .when({ type: 'NotifySite', site: hospital }, context(policy, usLiaison, T0))
      .then((_, after) => assert.equal(activeProtections(after, epochMs(T0))[0]?.bufferM, 500)));
});

describe('receipts', () => {
  const notified = history([{ type: 'NotifyMovement', movement: convoy }, usLiaison, T0]);
  const id = notified[0]!.record;
  const ack = (version = 1) => ({ type: 'AcknowledgeNotice', notice: id, version }) as const;

  it('are given by the other parties for the version in force', () =>
    given(decider, notified)
      .when(ack(), context(policy, ruOperator, T0 + HOUR))
      .then(([e]) =>
        assert.deepEqual(
          [e?.type, e?.owner, e?.data],
          ['NoticeAcknowledged', RU, { notice: id, version: 1 }],
        ),
      ));

  it('are not given by the notifying party', () =>
    given(decider, notified)
      .when(ack(), context(policy, usLiaison, T0 + HOUR))
      .thenRefused('NOT_AUTHORIZED'));

  it('name the version in force, not an older or unknown one', () =>
    given(decider, notified)
      .when(ack(2), context(policy, ruOperator, T0 + HOUR))
      .thenRefused('CONFLICT'));

  it('are given once per version and party', () => {
    const acked = history(
      [{ type: 'NotifyMovement', movement: convoy }, usLiaison, T0],
      [ack(), ruOperator, T0 + HOUR],
    );
    given(decider, acked)
      .when(ack(), context(policy, ruLiaison, T0 + 2 * HOUR))
      .thenRefused('ALREADY_DECIDED');
  });
});

describe('active protections', () => {
  const state = project(history([{ type: 'NotifyMovement', movement: convoy }, usLiaison, T0]));
  const onRoute = [37.175, 36.27] as const; // about 450 m east of the route, inside the 500 m half-width
  const offRoute = [37.2, 36.27] as const; // about 2.7 km east

  it('block a nomination on the route of a convoy during its window', () => {
    const during = { from: epochMs(T0 + 100 * HOUR), to: epochMs(T0 + 101 * HOUR) };
    assert.deepEqual(
      blocks(activeProtections(state, during), onRoute).map((p) => [p.kind, p.category]),
      [['movement', 'convoy']],
    );
    assert.deepEqual(blocks(activeProtections(state, during), offRoute), []);
  });

  it('no longer block the same nomination after the window', () => {
    const after = { from: epochMs(T0 + 105 * HOUR), to: epochMs(T0 + 106 * HOUR) };
    assert.deepEqual(activeProtections(state, after), []);
    assert.deepEqual(blocks(activeProtections(state, after), onRoute), []);
  });

  it('protect a site from its start, without end when none is given', () => {
    const site = project(history([{ type: 'NotifySite', site: hospital }, usLiaison, T0]));
    assert.deepEqual(activeProtections(site, epochMs(T0 - 1)), []);
    assert.equal(activeProtections(site, epochMs(T0 + 1000 * HOUR)).length, 1);
  });

  it('end when the notice is cancelled', () => {
    const events = history(
      [{ type: 'NotifySite', site: hospital }, usLiaison, T0],
      [{ type: 'CancelNotice', notice: 'h0-1' as RecordId, reason: 'moved' }, usLiaison, T0 + 10 * HOUR],
    );
    const s = project(events);
    assert.equal(activeProtections(s, epochMs(T0 + 9 * HOUR)).length, 1);
    assert.deepEqual(activeProtections(s, epochMs(T0 + 11 * HOUR)), []);
  });

  it('follow the version in force after an amendment', () => {
    const moved = { ...convoy, window: { from: epochMs(T0 + 200 * HOUR), to: epochMs(T0 + 210 * HOUR) } };
    const events = history(
      [{ type: 'NotifyMovement', movement: convoy }, usLiaison, T0],
      [
        {
          type: 'AmendNotice',
          notice: 'h0-1' as RecordId,
          details: { subject: 'movement', movement: moved },
        },
        usLiaison,
        T0 + HOUR,
      ],
    );
    const s = project(events);
    assert.deepEqual(activeProtections(s, epochMs(T0 + 100 * HOUR)), []);
    assert.equal(activeProtections(s, epochMs(T0 + 205 * HOUR)).length, 1);
  });
});

describe('outcomes', () => {
  const notified = history([{ type: 'NotifyMovement', movement: convoy }, usLiaison, T0]);
  const id = notified[0]!.record;
  const at: EpochMs = epochMs(T0 + 100 * HOUR);
  const denied = {
    type: 'RecordOutcome',
    notice: id,
    outcome: 'denied',
    at,
    where: { type: 'Point', coordinates: [37.17, 36.25] },
    deniedBy: { kind: 'actor', actor: 'SY-AF' },
    narrative: 'Turned back at the Castello checkpoint.',
    evidence: [],
  } as const;

  it('record a denial with who denied access and where', () =>
    given(decider, notified)
      .when(denied, context(policy, usLiaison, at + HOUR))
      .then((_, after) =>
        assert.deepEqual(
          after.notices.get(id)?.outcomes.map((o) => [o.outcome, o.deniedBy]),
          [['denied', denied.deniedBy]],
        ),
      ));

  it('refuse a denial that does not say by whom or where', () =>
    given(decider, notified)
      .when({ ...denied, where: null, deniedBy: null }, context(policy, usLiaison, at + HOUR))
      .thenRefused('INVALID_INPUT', (r) =>
        assert.deepEqual(
          r.issues?.map((i) => i.pointer),
          ['/where', '/deniedBy'],
        ),
      ));

  it('record a delivery with its evidence by hash', () =>
    given(decider, notified)
      .when(
        {
          ...denied,
          outcome: 'delivered',
          where: null,
          deniedBy: null,
          evidence: [
            { sha256: 'a'.repeat(64), name: 'waybill.pdf', mediaType: 'application/pdf', size: 1234 },
          ],
        },
        context(policy, usLiaison, at + HOUR),
      )
      .then(([e]) => assert.equal(e?.type, 'OutcomeRecorded')));
});
