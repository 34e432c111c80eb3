import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { epochMs } from '../../src/core/index.ts';
import { airspaceRecords, receipts, replay } from '../../src/rules/index.ts';
import { areaCommand, flightCommand, IDLIB, MIN } from './airspace-support.ts';
import { T0, given, iso, policy, recordOf, ru, run, us } from './given.ts';

describe('designated areas', () => {
  it('registers a joint area with the agreement’s restricted actors and exemptions by default', () => {
    given()
      .when(us.operator, areaCommand())
      .then([
        {
          type: 'DesignatedAreaRegistered',
          release: 'joint',
          data: {
            restrictedActors: ['SY-AF'],
            exemptions: ['MEDEVAC', 'PERSONNEL_RECOVERY', 'HUMANITARIAN'],
          },
        },
      ]);
  });

  it('refuses an exemption the agreement does not list, naming the field (NOT_ALLOWED_BY_POLICY)', () => {
    const d = given().when(us.operator, areaCommand({ exemptions: ['MEDEVAC', 'TRAINING'] }));
    d.then('NOT_ALLOWED_BY_POLICY');
    assert.deepEqual(d.decision.ok ? [] : d.decision.refusal.issues?.map((i) => i.pointer), [
      '/exemptions/1',
    ]);
  });

  it('is withdrawn by its owner only', () => {
    const h = run([[us.operator, areaCommand()]]);
    const id = recordOf(h, 'DesignatedAreaRegistered');
    given(h).when(ru.operator, { type: 'WithdrawDesignatedArea', area: id }).then('NOT_AUTHORIZED');
    given(h)
      .when(us.operator, { type: 'WithdrawDesignatedArea', area: id })
      .then([{ type: 'DesignatedAreaWithdrawn', record: id }]);
  });

  it('awaits the receipt of every other party', () => {
    const h = run([[us.operator, areaCommand()]]);
    const rows = receipts(replay(h), policy, epochMs(T0)).map((r) => [r.type, r.party, r.status]);
    assert.deepEqual(rows, [['DesignatedAreaRegistered', 'RU', 'awaiting']]);
  });
});

describe('flight notifications', () => {
  it('files a restricted actor’s flight with its 4-D route and exemption category', () => {
    given()
      .when(ru.operator, flightCommand({ category: 'MEDEVAC' }))
      .then([{ type: 'FlightFiled', owner: 'RU', data: { actor: 'SY-AF', category: 'MEDEVAC' } }]);
  });

  it('refuses a flight filed with less than the agreement’s lead time (NOT_ALLOWED_BY_POLICY)', () => {
    given().when(ru.operator, flightCommand({}, 30)).then('NOT_ALLOWED_BY_POLICY');
  });

  it('accepts a medical evacuation at once: its lead time is zero', () => {
    given()
      .when(ru.operator, flightCommand({ category: 'MEDEVAC' }, 1))
      .then([{ type: 'FlightFiled' }]);
  });

  it('refuses an unknown category, another party’s aircraft and waypoints out of order', () => {
    given()
      .when(ru.operator, flightCommand({ category: 'TRAINING' }))
      .then('NOT_ALLOWED_BY_POLICY');
    given()
      .when(ru.operator, flightCommand({ actor: 'US' }))
      .then('NOT_AUTHORIZED');
    const route = [...flightCommand().route].reverse();
    given().when(ru.operator, flightCommand({ route })).then('INVALID_INPUT');
  });

  it('lets a liaison file humanitarian flights only', () => {
    given()
      .when(us.liaison, flightCommand({ actor: 'US' }))
      .then('NOT_AUTHORIZED');
    given()
      .when(us.liaison, flightCommand({ actor: 'US', category: 'HUMANITARIAN' }))
      .then([{ type: 'FlightFiled' }]);
  });

  it('alerts both parties when two filed routes conflict in 4-D, before anyone flies', () => {
    const h = run([
      [us.operator, flightCommand({ actor: 'US', aircraft: 'US-7', band: { minM: 3000, maxM: 3500 } })],
    ]);
    const [, alert] = given(h)
      .when(ru.operator, flightCommand())
      .then([
        { type: 'FlightFiled' },
        { type: 'FlightConflictAlerted', data: { parties: ['RU', 'US'], distanceM: 0 } },
      ]);
    assert.equal(alert?.type === 'FlightConflictAlerted' && alert.data.against, recordOf(h, 'FlightFiled'));
  });

  it('raises no conflict for routes at the same place an hour apart, or 5 km apart in height', () => {
    const later = run([[us.operator, flightCommand({ actor: 'US', aircraft: 'US-7' }, 200)]]);
    given(later)
      .when(ru.operator, flightCommand())
      .then([{ type: 'FlightFiled' }]);
    const higher = run([
      [us.operator, flightCommand({ actor: 'US', aircraft: 'US-7', band: { minM: 9000, maxM: 9500 } })],
    ]);
    given(higher)
      .when(ru.operator, flightCommand())
      .then([{ type: 'FlightFiled' }]);
  });

  it('counts as acknowledged for the live picture only once every other party has acknowledged it', () => {
    const h = run([[ru.operator, flightCommand({ category: 'MEDEVAC' })]]);
    const id = recordOf(h, 'FlightFiled');
    assert.equal(airspaceRecords(replay(h), policy).flights[0]?.acknowledged, false);
    const acked = run([[us.operator, { type: 'AcknowledgeReceipt', record: id }]], h);
    const flight = airspaceRecords(replay(acked), policy).flights[0];
    assert.equal(flight?.acknowledged, true);
    assert.deepEqual(flight?.route[0], [IDLIB[0] - 0.5, IDLIB[1]]);
  });

  it('is cancelled by its owner', () => {
    const h = run([[ru.operator, flightCommand()]]);
    const id = recordOf(h, 'FlightFiled');
    given(h).when(us.operator, { type: 'CancelFlight', flight: id }).then('NOT_AUTHORIZED');
    given(h)
      .when(ru.operator, { type: 'CancelFlight', flight: id }, T0 + MIN)
      .then([{ type: 'FlightCancelled', record: id }]);
  });
});

describe('transitions of the live picture', () => {
  const h = run([[us.operator, areaCommand()]]);
  const area = recordOf(h, 'DesignatedAreaRegistered');
  const incursion = {
    type: 'ReportIncursion',
    aircraft: 'SYAF-101',
    actor: 'SY-AF',
    area,
    enteredAt: iso(T0 + MIN),
    position: { lon: IDLIB[0], lat: IDLIB[1], altitudeM: 3000 },
    cause: 'no_exemption',
    flight: null,
    source: 'json',
  };

  it('records one event when an incursion starts and refuses a second while it is open', () => {
    const started = given(h)
      .when(ru.monitor, incursion)
      .then([{ type: 'IncursionDetected', release: 'joint' }]);
    given([...h, ...started])
      .when(ru.monitor, incursion)
      .then('ALREADY_DECIDED');
  });

  it('records its end with the dwell time, on the same record', () => {
    const started = run([[ru.monitor, incursion]], h);
    const end = {
      type: 'ReportIncursionEnded',
      aircraft: 'SYAF-101',
      area,
      exitedAt: iso(T0 + 3 * MIN + 30_000),
      cause: 'exited',
    };
    given(started)
      .when(ru.monitor, end)
      .then([
        { type: 'IncursionEnded', record: recordOf(started, 'IncursionDetected'), data: { dwellS: 150 } },
      ]);
  });

  it('accepts reports of the picture from monitors only', () => {
    given(h).when(ru.operator, incursion).then('NOT_AUTHORIZED');
  });
});
