/**
 * Humanitarian notices and violation reports through the root rules, as the server calls them:
 * commands on the wire, the reference agreement, nominations checked against every protection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partyId } from '../../src/core/index.ts';
import { escalateOverdue, parseCommand, replay, viewEvents } from '../../src/rules/index.ts';
import {
  ALEPPO,
  HOUR,
  T0,
  concur,
  ctxFor,
  given,
  iso,
  nomination,
  north,
  policy,
  recordOf,
  ru,
  run,
  us,
  window,
} from './given.ts';

/** A convoy driving north-south through the target, during [fromH, toH] hours after T0. */
const convoy = (fromH: number, toH: number) => ({
  type: 'NotifyMovement',
  movement: {
    kind: 'convoy',
    name: 'UN inter-agency convoy 12',
    route: { type: 'LineString', coordinates: [north(5_000), north(-5_000)] },
    corridorWidthM: 1000,
    window: { from: iso(T0 + fromH * HOUR), to: iso(T0 + toH * HOUR) },
    vehicles: [{ kind: 'truck', count: 40 }],
    destination: { name: 'Eastern Aleppo', besieged: true },
  },
});
const notifiedAt = T0 - 100 * HOUR;
const movementConflict = {
  disclosure: 'full',
  code: 'MOVEMENT_CONFLICT',
  kind: 'movement',
  category: 'convoy',
  owner: 'US',
};

describe('a convoy notice and target nominations', () => {
  const history = run([[us.liaison, convoy(0, 6), notifiedAt]]);

  it('blocks a nomination on its route during its window', () => {
    given(history)
      .when(ru.operator, nomination(ALEPPO))
      .then([{ type: 'TargetNominated', data: { conflicts: [movementConflict] } }]);
  });

  it('does not block the same nomination after its window', () => {
    given(history)
      .when(ru.operator, { ...nomination(ALEPPO), window: window(7, 13) })
      .then([{ type: 'TargetNominated', data: { conflicts: [] } }]);
  });

  it('does not block a nomination off its corridor', () => {
    given(history)
      .when(ru.operator, nomination([ALEPPO[0] + 0.05, ALEPPO[1]]))
      .then([{ type: 'TargetNominated', data: { conflicts: [] } }]);
  });

  it('invalidates a vetted nomination when notified across it afterwards', () => {
    const h = run([[ru.operator, nomination(ALEPPO)]]);
    const id = recordOf(h, 'TargetNominated');
    const vetted = run(
      [
        [us.approver, concur(id)],
        [ru.approver, concur(id)],
      ],
      h,
    );
    assert.equal(vetted.at(-1)?.type, 'NominationVetted');
    given(vetted)
      .when(us.liaison, convoy(0, 6), notifiedAt)
      .then([
        { type: 'NoticeGiven', data: { timing: { late: false } } },
        { type: 'NominationInvalidated', record: id, data: { conflicts: [movementConflict] } },
      ]);
  });

  it('is marked late, and still protects, when given with less than the lead time', () => {
    given([])
      .when(us.liaison, convoy(0, 6), T0 - HOUR)
      .then([
        { type: 'NoticeGiven', data: { timing: { leadTimeMs: 72 * HOUR, givenMs: HOUR, late: true } } },
      ]);
  });
});

describe('a shielded violation report through the root rules', () => {
  const report = {
    type: 'ReportViolation',
    time: { at: iso(T0 - 2 * HOUR) },
    place: { type: 'Point', coordinates: ALEPPO },
    kind: 'barrel_bomb',
    perpetrator: { kind: 'actor', actor: 'SY-AF' },
    casualties: { killed: 3, injured: 9, confidence: 'high' },
    narrative: 'Barrel bombs on al-Sukkari at dawn.',
    shieldReporter: true,
  };
  const events = run([[us.operator, report]]);

  it("leaves the reporter's identity out of everything the other party sees", () => {
    const seen = JSON.stringify(viewEvents(partyId('RU'), events));
    assert.equal(seen.includes(us.operator.id), false);
    assert.ok(seen.includes('"sealed":true'), 'the sealed record shows as a stub');
    assert.ok(JSON.stringify(viewEvents(partyId('US'), events)).includes(us.operator.id));
  });

  it('leaves it out of the joint events in clear', () =>
    assert.equal(
      JSON.stringify(events.filter((e) => e.release === 'joint')).includes(us.operator.id),
      false,
    ));

  it('refuses a kind the agreement does not list, and a malformed time, with their pointers', () => {
    given([])
      .when(us.operator, { ...report, kind: 'napalm' })
      .then('INVALID_INPUT');
    given([])
      .when(us.operator, { ...report, time: { at: '20 July' } })
      .then('INVALID_INPUT');
  });
});

describe('coordinates at the edge', () => {
  const report = {
    type: 'ReportViolation',
    time: { from: iso(T0 - 2 * HOUR), to: iso(T0 - HOUR) },
    kind: 'shelling',
    perpetrator: { kind: 'unknown' },
    casualties: { killed: 0, injured: 1, confidence: 'low' },
    narrative: 'Shelling.',
  };

  it('reads a place typed in degrees, minutes and seconds or MGRS', () => {
    const dms = parseCommand({ ...report, place: '36°12\'00"N 37°09\'36"E' });
    assert.ok(dms.ok);
    assert.deepEqual((dms.value as { place: unknown }).place, { type: 'Point', coordinates: [37.16, 36.2] });
    const grid = parseCommand({ ...report, place: '37SCA 33677 07717' });
    assert.ok(grid.ok && (grid.value as { place: { type: string } }).place.type === 'Point');
  });

  it('reads a route as a list of typed coordinates', () => {
    const c = convoy(0, 6);
    const parsed = parseCommand({
      ...c,
      movement: { ...c.movement, route: ['36.25N 37.16E', '36.20N 37.16E'] },
    });
    assert.ok(parsed.ok);
    const route = (parsed.value as { movement: { route: { coordinates: unknown } } }).movement.route;
    assert.deepEqual(route.coordinates, [
      [37.16, 36.25],
      [37.16, 36.2],
    ]);
  });

  it('names the field at fault in a bad place', () => {
    const bad = parseCommand({ ...report, place: { type: 'Point', coordinates: [37.16, 95] } });
    assert.ok(!bad.ok);
    assert.ok(
      bad.error.some((i) => i.pointer.startsWith('/place')),
      JSON.stringify(bad.error),
    );
    const missing = parseCommand(report);
    assert.ok(!missing.ok && missing.error.some((i) => i.pointer === '/place'), JSON.stringify(missing));
  });
});

describe('the escalation a scheduler runs', () => {
  const history = run([[us.liaison, convoy(0, 6), notifiedAt]]);
  const state = replay(history);
  const scheduler = { ...ru.monitor };
  const due = notifiedAt + policy.receipts.deadlineMinutes * 60_000;

  it('escalates an unacknowledged notice once the deadline of the agreement has passed', () => {
    const before = escalateOverdue(state, ctxFor(scheduler, due));
    assert.deepEqual(before.ok && before.events, []);
    const after = escalateOverdue(state, ctxFor(scheduler, due + 1));
    assert.ok(after.ok);
    assert.deepEqual(
      after.events.map((e) => [e.type, e.owner, e.data.missing]),
      [['ReceiptsEscalated', 'US', ['RU']]],
    );
    assert.deepEqual(escalateOverdue(replay([...history, ...after.events]), ctxFor(scheduler, due + 2)), {
      ok: true,
      events: [],
    });
  });

  it('does not escalate a notice acknowledged in time', () => {
    const notice = recordOf(history, 'NoticeGiven');
    const acked = run(
      [[ru.operator, { type: 'AcknowledgeNotice', notice, version: 1 }, notifiedAt + 60_000]],
      history,
    );
    const d = escalateOverdue(replay(acked), ctxFor(scheduler, due + 1));
    assert.deepEqual(d.ok && d.events, []);
  });
});
