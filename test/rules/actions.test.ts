import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { epochMs } from '../../src/core/index.ts';
import { imminentBoard, replay } from '../../src/rules/index.ts';
import {
  ALEPPO,
  HOUR,
  T0,
  concur,
  given,
  iso,
  nomination,
  north,
  point,
  recordOf,
  ru,
  run,
  us,
} from './given.ts';

const vetted = () => {
  const h = run([[ru.operator, nomination(ALEPPO)]]);
  const id = recordOf(h, 'TargetNominated');
  return {
    id,
    history: run(
      [
        [us.approver, concur(id)],
        [ru.approver, concur(id)],
      ],
      h,
    ),
  };
};
const report = (id: string, at: readonly [number, number], hoursAfterT0 = 2) => ({
  type: 'ReportExecution',
  nomination: id,
  executedAt: iso(T0 + hoursAfterT0 * HOUR),
  location: point(at),
  outcome: 'completed',
});
const LATER = T0 + 20 * HOUR;

describe('execution reports', () => {
  it('records an execution at the vetted point within the window, with no deviation', () => {
    const { id, history } = vetted();
    given(history)
      .when(us.operator, report(id, ALEPPO), LATER)
      .then([{ type: 'ExecutionReported', data: { nomination: id, distanceM: 0 } }]);
  });

  it('flags an execution 2 km off the vetted point to all parties', () => {
    const { id, history } = vetted();
    given(history)
      .when(us.operator, report(id, north(2000)), LATER)
      .then([
        { type: 'ExecutionReported' },
        {
          type: 'ExecutionDeviationFlagged',
          release: 'joint',
          data: { deviations: ['location'], toleranceM: 500, notify: ['US', 'RU'] },
        },
      ]);
  });

  it('flags an execution outside the vetted window', () => {
    const { id, history } = vetted();
    given(history)
      .when(us.operator, report(id, ALEPPO, 15), LATER)
      .then([
        { type: 'ExecutionReported' },
        { type: 'ExecutionDeviationFlagged', data: { deviations: ['window'] } },
      ]);
  });

  it('refuses a report by a party that is not the executor (NOT_AUTHORIZED)', () => {
    const { id, history } = vetted();
    given(history).when(ru.operator, report(id, ALEPPO), LATER).then('NOT_AUTHORIZED');
  });

  it('refuses a report on a nomination that is not vetted (INVALID_STATE)', () => {
    const h = run([[ru.operator, nomination(ALEPPO)]]);
    given(h)
      .when(us.operator, report(recordOf(h, 'TargetNominated'), ALEPPO), LATER)
      .then('INVALID_STATE');
  });

  it('refuses a second report (ALREADY_DECIDED) and a report from the future (INVALID_INPUT)', () => {
    const { id, history } = vetted();
    given(history).when(us.operator, report(id, ALEPPO), T0).then('INVALID_INPUT');
    const h = run([[us.operator, report(id, ALEPPO), LATER]], history);
    given(h).when(us.operator, report(id, ALEPPO), LATER).then('ALREADY_DECIDED');
  });
});

const action = (hoursAfterT0: number) => ({
  type: 'RecordImminentThreatAction',
  group: 'NUSRA',
  actionAt: iso(T0 + hoursAfterT0 * HOUR),
  location: point(ALEPPO),
  threat: 'convoy of suicide vehicles approaching',
});

describe('imminent-threat actions', () => {
  it('marks a filing within the deadline as on time', () => {
    given()
      .when(us.operator, action(0), T0 + 3 * HOUR)
      .then([{ type: 'ImminentThreatActionRecorded', release: 'joint', data: { filing: 'on_time' } }]);
  });

  it('marks a filing after the deadline as late', () => {
    given()
      .when(us.operator, action(0), T0 + 30 * HOUR)
      .then([{ type: 'ImminentThreatActionRecorded', data: { filing: 'late', deadline: T0 + 24 * HOUR } }]);
  });

  it('refuses a unilateral action against a synchronized group (NOT_ALLOWED_BY_POLICY)', () => {
    given()
      .when(us.operator, { ...action(0), group: 'ISIL' }, T0 + HOUR)
      .then('NOT_ALLOWED_BY_POLICY');
  });

  it('refuses an action recorded before it happened (INVALID_INPUT)', () => {
    given().when(us.operator, action(5), T0).then('INVALID_INPUT');
  });

  it('shows an alleged action without a filing as due, then missing after the deadline', () => {
    const allegation = {
      type: 'AllegeUnilateralAction',
      against: 'US',
      actionAt: iso(T0),
      location: point(ALEPPO),
      description: 'strike seen',
    };
    const h = run([[ru.monitor, allegation, T0 + HOUR]]);
    const s = replay(h);
    assert.deepEqual(
      imminentBoard(s, epochMs(T0 + 2 * HOUR)).map((r) => r.status),
      ['due'],
    );
    assert.deepEqual(
      imminentBoard(s, epochMs(T0 + 25 * HOUR)).map((r) => r.status),
      ['missing'],
    );
    const filed = run(
      [[us.operator, { ...action(0), allegation: recordOf(h, 'UnilateralActionAlleged') }, T0 + 26 * HOUR]],
      h,
    );
    assert.deepEqual(
      imminentBoard(replay(filed), epochMs(T0 + 27 * HOUR)).map((r) => r.status),
      ['late'],
    );
  });

  it('refuses an allegation against one’s own party (INVALID_INPUT)', () => {
    const allegation = {
      type: 'AllegeUnilateralAction',
      against: 'RU',
      actionAt: iso(T0),
      location: point(ALEPPO),
      description: 'x',
    };
    given()
      .when(ru.monitor, allegation, T0 + HOUR)
      .then('INVALID_INPUT');
  });
});
