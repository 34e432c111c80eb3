import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  decide,
  initialState,
  parseCommand,
  replay,
  evolve,
  type RootState,
  type RulesEvent,
} from '../../src/rules/index.ts';
import {
  ALEPPO,
  HOUR,
  T0,
  concur,
  ctxFor,
  iso,
  nomination,
  north,
  point,
  ru,
  site,
  square,
  us,
  window,
  type Step,
} from './given.ts';

const script = (ids: () => string): (Step | (() => Step))[] => [
  [us.liaison, site(north(5000), 'sealed', 'partner_force')],
  [ru.operator, nomination(ALEPPO)],
  () => [us.approver, concur(ids())],
  () => [ru.approver, concur(ids())],
  [us.liaison, site(north(200), 'joint', 'school')],
  [us.operator, { type: 'SendNotice', group: 'ISIL', area: square(ALEPPO, 0.1), window: window() }],
  [ru.operator, { type: 'SendNotice', group: 'ISIL', area: square(ALEPPO, 0.1), window: window() }],
  [us.authority, { type: 'AuthorizeIntegratedOperations' }],
  [
    us.operator,
    {
      type: 'RecordImminentThreatAction',
      group: 'NUSRA',
      actionAt: iso(T0),
      location: point(ALEPPO),
      threat: 't',
    },
    T0 + HOUR,
  ],
];

describe('replay', () => {
  it('folding the events one by one equals the live state, and events survive JSON', () => {
    let live: RootState = initialState;
    const log: RulesEvent[] = [];
    let nominationId = '';
    for (const step of script(() => nominationId)) {
      const [actor, raw, at] = typeof step === 'function' ? step() : step;
      const parsed = parseCommand(raw);
      assert.ok(parsed.ok);
      const d = decide(live, parsed.value, ctxFor(actor, at ?? T0));
      assert.ok(d.ok, d.ok ? '' : d.refusal.message);
      for (const e of d.events) {
        live = evolve(live, e);
        log.push(e);
        if (e.type === 'TargetNominated') nominationId = e.record;
      }
    }
    assert.ok(log.some((e) => e.type === 'NominationInvalidated'));
    const wire = JSON.parse(JSON.stringify(log)) as RulesEvent[];
    assert.deepEqual(wire, log);
    assert.deepEqual(replay(wire), live);
  });
});
