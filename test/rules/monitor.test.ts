/**
 * Scripted flights through the live air picture, with every transition recorded through the rules
 * as the service records it: given the agreement's records, when the reports arrive, then these
 * ledger events (and only these).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { epochMs } from '../../src/core/index.ts';
import {
  AirspaceMonitor,
  airspaceRecords,
  decide,
  replay,
  transitionCommand,
  type RulesEvent,
  type TrackReport,
  type Transition,
} from '../../src/rules/index.ts';
import { areaCommand, flightCommand, IDLIB, MIN } from './airspace-support.ts';
import { ctxFor, policy, recordOf, ru, run, T0, us } from './given.ts';

const START = T0 + 120 * MIN;
const S = 1000;

/** One report a second along a parallel, from `lon0` eastwards at 1/1800 degree a second. */
function fly(
  aircraft: string,
  actor: string | null,
  seconds: number,
  f: (s: number) => Partial<TrackReport> = () => ({}),
) {
  return Array.from({ length: seconds + 1 }, (_, s): TrackReport => ({
    aircraft,
    actor,
    at: START + s * S,
    lon: IDLIB[0] - 0.4995 + s / 1800,
    lat: IDLIB[1],
    altitudeM: 3000,
    velocity: null,
    source: 'test',
    ...f(s),
  }));
}

/** Feeds the reports in time order (the clock follows them) and records every transition. */
function picture(history: readonly RulesEvent[], reports: readonly TrackReport[]) {
  const monitor = AirspaceMonitor.forAgreement(policy);
  monitor.load(airspaceRecords(replay(history), policy), START);
  const transitions: Transition[] = [];
  const verdicts = [...reports].sort((a, b) => a.at - b.at).map((r) => monitor.update(r, r.at, transitions));
  const events: RulesEvent[] = [];
  for (const t of transitions) {
    const d = decide(replay([...history, ...events]), transitionCommand(t), ctxFor(ru.monitor, t.at));
    assert.ok(d.ok, d.ok ? '' : d.refusal.message);
    events.push(...d.events);
  }
  return { events, verdicts, monitor, transitions };
}

const area = run([[us.operator, areaCommand()]]);
const types = (events: readonly RulesEvent[]) => events.map((e) => e.type);
const iso = (ms: number) => new Date(ms).toISOString();

function acknowledgedFlight(category: string) {
  const filed = run([[ru.operator, flightCommand({ category }, 120)]], area);
  return run([[us.operator, { type: 'AcknowledgeReceipt', record: recordOf(filed, 'FlightFiled') }]], filed);
}

describe('incursions', () => {
  it('raises exactly one incursion for an SY-AF aircraft crossing a designated area, with entry and exit to the second', () => {
    const { events } = picture(area, fly('SYAF-101', 'SY-AF', 1800));
    assert.deepEqual(types(events), ['IncursionDetected', 'IncursionEnded']);
    const [start, end] = events;
    assert.ok(start?.type === 'IncursionDetected' && end?.type === 'IncursionEnded');
    assert.equal(iso(start.data.enteredAt), iso(START + 540 * S));
    assert.equal(start.data.cause, 'no_exemption');
    assert.equal(iso(end.data.exitedAt), iso(START + 1260 * S));
    assert.equal(end.data.dwellS, 720);
    assert.equal(end.record, start.record);
  });

  it('raises none for the same flight under an acknowledged MEDEVAC notification inside its corridor', () => {
    const { events } = picture(acknowledgedFlight('MEDEVAC'), fly('SYAF-101', 'SY-AF', 1800));
    assert.deepEqual(events, []);
  });

  it('raises one when the exempt flight leaves its corridor, ending when it returns', () => {
    const off = (s: number) => (s >= 800 && s < 1000 ? { lat: IDLIB[1] + 0.1 } : {});
    const { events } = picture(acknowledgedFlight('MEDEVAC'), fly('SYAF-101', 'SY-AF', 1800, off));
    assert.deepEqual(types(events), ['IncursionDetected', 'IncursionEnded']);
    const [start, end] = events;
    assert.ok(start?.type === 'IncursionDetected' && end?.type === 'IncursionEnded');
    assert.equal(start.data.cause, 'left_corridor');
    assert.equal(iso(start.data.enteredAt), iso(START + 800 * S));
    assert.deepEqual([iso(end.data.exitedAt), end.data.cause], [iso(START + 1000 * S), 'exempted']);
  });

  it('raises one when the notification is filed but not yet acknowledged', () => {
    const filed = run([[ru.operator, flightCommand({ category: 'MEDEVAC' }, 120)]], area);
    assert.deepEqual(types(picture(filed, fly('SYAF-101', 'SY-AF', 1800)).events), [
      'IncursionDetected',
      'IncursionEnded',
    ]);
  });

  it('raises none for a flight above the area’s altitude band', () => {
    const { events } = picture(
      area,
      fly('SYAF-101', 'SY-AF', 1800, () => ({ altitudeM: 9000 })),
    );
    assert.deepEqual(events, []);
  });

  it('raises none for an actor the area does not restrict', () => {
    assert.deepEqual(picture(area, fly('RU-1', 'RU', 1800)).events, []);
  });

  it('takes the actor from the filed flight when the report does not say', () => {
    const filed = run([[ru.operator, flightCommand({}, 120)]], area);
    assert.deepEqual(types(picture(filed, fly('SYAF-101', null, 1800)).events), [
      'IncursionDetected',
      'IncursionEnded',
    ]);
  });

  it('closes an open incursion as track_lost when the aircraft goes silent', () => {
    const { monitor } = picture(area, fly('SYAF-101', 'SY-AF', 600));
    const out: Transition[] = [];
    assert.equal(monitor.expire(START + 600 * S + 61 * S, out), 1);
    assert.deepEqual(
      out.map((t) => t.kind === 'incursion_ended' && [t.cause, t.at]),
      [['track_lost', START + 600 * S]],
    );
  });
});

describe('safety of flight', () => {
  /** Two aircraft head-on at 3,000 m, 200 km apart, each at 200 m/s. */
  const converging = (actorB: string) => {
    const dLon = 1 / 90_300; // degrees of longitude per metre at 35.93°N, near enough for a script
    const a = fly('US-1', 'US', 600, (s) => ({
      lon: 36 + 200 * s * dLon,
      velocity: { eastMps: 200, northMps: 0, upMps: 0 },
    }));
    const b = fly('RU-1', actorB, 600, (s) => ({
      lon: 36 + (200_000 - 200 * s) * dLon,
      velocity: { eastMps: -200, northMps: 0, upMps: 0 },
    }));
    return [...a, ...b];
  };

  it('alerts both parties on converging courses before the predicted loss of separation, then clears', () => {
    const { events } = picture(area, converging('RU'));
    assert.deepEqual(types(events), ['SafetyOfFlightAlerted', 'SafetyOfFlightCleared']);
    const [alert] = events;
    assert.ok(alert?.type === 'SafetyOfFlightAlerted');
    assert.deepEqual(alert.data.parties, ['US', 'RU']);
    assert.ok(alert.data.detectedAt < alert.data.lossAt, 'raised before the loss');
    assert.ok(alert.data.lossAt - alert.data.detectedAt <= policy.safetyOfFlight.lookAheadS * S);
    assert.ok(alert.data.cpaDistanceM < 100);
    assert.ok(Math.abs(alert.data.cpaAt - (START + 500 * S)) <= 3 * S);
    // Closing at 400 m/s from 200 km: inside 9,260 m (widened 2%) about 476 s after the start.
    assert.ok(Math.abs(alert.data.lossAt - (START + 476 * S)) <= 3 * S);
  });

  it('raises none between aircraft of the same party', () => {
    assert.deepEqual(picture(area, converging('US')).events, []);
  });

  it('raises none when they cross 1,000 m apart in height', () => {
    const reports = converging('RU').map((r) => (r.aircraft === 'RU-1' ? { ...r, altitudeM: 4000 } : r));
    assert.deepEqual(picture(area, reports).events, []);
  });
});

describe('reports out of order', () => {
  it('applies the newest, and counts duplicates, late, stale and future reports without applying them', () => {
    const monitor = AirspaceMonitor.forAgreement(policy);
    const r = fly('X', 'RU', 2)[1]!;
    const out: Transition[] = [];
    const now = r.at;
    assert.deepEqual(
      [
        monitor.update(r, now, out),
        monitor.update(r, now, out),
        monitor.update({ ...r, at: r.at - S }, now, out),
        monitor.update({ ...r, at: r.at - 120 * S }, now, out),
        monitor.update({ ...r, at: r.at + 3600 * S }, now, out),
      ],
      ['applied', 'duplicate', 'late', 'stale', 'future'],
    );
    assert.equal(monitor.size, 1);
    void epochMs;
  });
});
