import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { epochMs, type RecordId } from '../../src/core/index.ts';
import { escalateOverdueReceipts, overdueReceipts } from '../../src/rules/humanitarian-receipts.ts';
import { coordinatesAt, noticeRecord } from '../../src/rules/humanitarian-record.ts';
import type { SiteDetails } from '../../src/rules/humanitarian-model.ts';
import { accepted, actor, context } from './violations-given.ts';
import {
  HOUR,
  RU,
  T0,
  US,
  convoy,
  history,
  hospital,
  policy,
  project,
  ruOperator,
  usLiaison,
} from './humanitarian-fixtures.ts';

const scheduler = actor('jcc-scheduler', 'US', 'monitor');
const notify = [{ type: 'NotifyMovement', movement: convoy }, usLiaison, T0] as const;
const N = 'h0-1' as RecordId;
const ack = (version = 1) => ({ type: 'AcknowledgeNotice', notice: N, version }) as const;
const DUE = T0 + policy.receiptDeadlineMs;

describe('receipt deadline', () => {
  describe('given a convoy notice that RU has not acknowledged', () => {
    const state = project(history(notify));

    it('is not overdue before the deadline', () =>
      assert.deepEqual(overdueReceipts(state, policy, epochMs(DUE)), []));

    it('is escalated once the deadline has passed', () => {
      const overdue = overdueReceipts(state, policy, epochMs(DUE + HOUR));
      assert.deepEqual(
        overdue.map((o) => [o.notice, o.version, o.missing, o.overdueByMs, o.escalated]),
        [[N, 1, [RU], HOUR, false]],
      );
      const events = accepted(escalateOverdueReceipts(state, context(policy, scheduler, DUE + HOUR, 'x')));
      assert.deepEqual(
        events.map((e) => [e.type, e.owner, e.release, e.data]),
        [['ReceiptsEscalated', US, 'joint', { notice: N, version: 1, dueAt: DUE, missing: [RU] }]],
      );
    });

    it('is escalated only once per version, however often the scheduler runs', () => {
      const first = accepted(escalateOverdueReceipts(state, context(policy, scheduler, DUE + HOUR, 'x')));
      const after = project([...history(notify), ...first]);
      assert.equal(overdueReceipts(after, policy, epochMs(DUE + 2 * HOUR))[0]?.escalated, true);
      assert.deepEqual(
        accepted(escalateOverdueReceipts(after, context(policy, scheduler, DUE + 2 * HOUR, 'y'))),
        [],
      );
    });
  });

  it('is not escalated once every other party has acknowledged', () => {
    const state = project(history(notify, [ack(), ruOperator, T0 + HOUR]));
    assert.deepEqual(overdueReceipts(state, policy, epochMs(DUE + HOUR)), []);
  });

  it('starts again for an amendment, which needs its own receipt', () => {
    const moved = { ...convoy, corridorWidthM: 2000 };
    const amend = {
      type: 'AmendNotice',
      notice: N,
      details: { subject: 'movement', movement: moved },
    } as const;
    const state = project(history(notify, [ack(), ruOperator, T0 + HOUR], [amend, usLiaison, T0 + 2 * HOUR]));
    assert.deepEqual(overdueReceipts(state, policy, epochMs(DUE + HOUR)), []);
    const overdue = overdueReceipts(state, policy, epochMs(DUE + 3 * HOUR));
    assert.deepEqual(
      overdue.map((o) => [o.version, o.missing]),
      [[2, [RU]]],
    );
  });

  it('is not escalated for a cancelled notice', () => {
    const cancel = { type: 'CancelNotice', notice: N, reason: 'postponed' } as const;
    const state = project(history(notify, [cancel, usLiaison, T0 + HOUR]));
    assert.deepEqual(overdueReceipts(state, policy, epochMs(DUE + HOUR)), []);
  });
});

describe('settling a "wrong coordinates" dispute from the record', () => {
  // US notifies the hospital 2 km off, amends it after a day; RU acknowledged both versions.
  const wrong: SiteDetails = { ...hospital, geometry: { type: 'Point', coordinates: [37.17, 36.22] } };
  const events = history(
    [{ type: 'NotifySite', site: wrong }, usLiaison, T0],
    [ack(1), ruOperator, T0 + HOUR],
    [
      { type: 'AmendNotice', notice: N, details: { subject: 'site', site: hospital } },
      usLiaison,
      T0 + 24 * HOUR,
    ],
    [ack(2), ruOperator, T0 + 30 * HOUR],
  );
  const record = noticeRecord(events, N, policy.parties);

  it('returns what was notified, when, and who acknowledged each version, with the events that prove it', () => {
    assert.ok(record);
    assert.deepEqual(
      record.versions.map((v) => [
        v.version,
        v.notifiedAt,
        v.details.subject === 'site' && v.details.site.geometry,
        v.acknowledgements.map((a) => [a.party, a.at]),
      ]),
      [
        [1, T0, wrong.geometry, [[RU, T0 + HOUR]]],
        [2, T0 + 24 * HOUR, hospital.geometry, [[RU, T0 + 30 * HOUR]]],
      ],
    );
    assert.deepEqual(
      record.versions.map((v) => v.proof),
      [events[0], events[2]],
    );
    assert.deepEqual(
      record.versions.flatMap((v) => v.acknowledgements.map((a) => a.proof)),
      [events[1], events[3]],
    );
  });

  it('shows which coordinates were in force at an incident, and who had acknowledged them', () => {
    assert.ok(record);
    const strike = coordinatesAt(record, epochMs(T0 + 26 * HOUR), 37.17, 36.2);
    assert.equal(strike.inForce?.version, 2);
    assert.deepEqual(strike.acknowledgedBy, []); // RU acknowledged version 2 only at T0+30h
    assert.equal(Math.round(strike.distances[0]?.distanceM ?? 0), 2219); // version 1 was 2.2 km off (WGS 84)
    assert.equal(strike.distances[1]?.distanceM, 0);
  });

  it('finds nothing for an id that is not a notice', () =>
    assert.equal(noticeRecord(events, 'nope' as RecordId, policy.parties), null));
});
