import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { epochMs, partyId, personId, recordId } from '../../src/core/index.ts';
import { DEMO_PEOPLE, SCENARIO_START, scenarioSteps } from '../../src/cli/demo/scenario.ts';
import {
  decide,
  evolve,
  initialState,
  nominationStatus,
  parseCommand,
  type RootState,
} from '../../src/rules/index.ts';
import { policy } from '../rules/given.ts';
import { AirPicture, demoSorties } from '../../src/cli/demo/simulator.ts';
import { AirspaceMonitor, airspaceRecords, type Transition } from '../../src/rules/index.ts';

function runScenario(): { state: RootState; refs: Map<string, string> } {
  let state = initialState;
  const refs = new Map<string, string>();
  let n = 0;
  for (const [i, step] of scenarioSteps(SCENARIO_START).entries()) {
    const who = DEMO_PEOPLE.find((p) => p.name === step.as);
    assert.ok(who, `step ${i}: no demo person ${step.as}`);
    const parsed = parseCommand(step.command(refs));
    assert.ok(
      parsed.ok,
      `step ${i} (${step.as}) does not parse: ${JSON.stringify(!parsed.ok && parsed.error)}`,
    );
    const decision = decide(state, parsed.value, {
      policy,
      actor: { id: personId(who.name), party: partyId(who.party), roles: [who.role] },
      now: epochMs(SCENARIO_START + i * 1000),
      newId: () => recordId(`demo-${++n}`),
    });
    assert.ok(
      decision.ok,
      `step ${i} (${step.as}) refused: ${JSON.stringify(!decision.ok && decision.refusal)}`,
    );
    for (const e of decision.events) state = evolve(state, e);
    if (step.ref) refs.set(step.ref, decision.events[0]!.record);
  }
  return { state, refs };
}

describe('the demo scenario', () => {
  const { state, refs } = runScenario();
  const status = (name: string) => {
    const n = state.operations.nominations.get(recordId(refs.get(name)!));
    assert.ok(n, `nomination ${name}`);
    return nominationStatus(n);
  };

  it('is accepted by the rules of the reference agreement, step by step', () => {
    assert.ok(refs.size > 10);
  });

  it('shows nominations at different stages', () => {
    assert.equal(status('nVetted'), 'vetted');
    assert.equal(status('nPending'), 'pending');
    assert.equal(status('nRefused'), 'not_concurred');
  });

  it('blocks a nomination near a sealed partner-force position and one on the convoy route', () => {
    assert.equal(status('nBlocked'), 'blocked');
    assert.equal(status('nConvoy'), 'blocked');
  });

  it('staffs every role of both offices', () => {
    for (const party of ['US', 'RU'])
      for (const role of ['operator', 'approver', 'national_authority', 'liaison', 'monitor'])
        assert.ok(
          DEMO_PEOPLE.some((p) => p.party === party && p.role === role),
          `${party} ${role}`,
        );
  });
});

describe('the demo air picture against the scenario', () => {
  it('shows SY-AF incursions into the designated areas and none by the notified MEDEVAC flight', () => {
    const { state } = runScenario();
    const monitor = AirspaceMonitor.forAgreement(policy);
    const start = SCENARIO_START + 600_000;
    const out: Transition[] = [];
    monitor.load(airspaceRecords(state, policy), start);
    const picture = new AirPicture(demoSorties(2016), SCENARIO_START);
    for (let t = start; t < start + 2 * 3_600_000; t += 5_000)
      for (const r of picture.at(t))
        monitor.update(
          {
            aircraft: r.id,
            actor: r.actor,
            at: t,
            lon: r.lon,
            lat: r.lat,
            altitudeM: r.altM,
            velocity: null,
            source: 'demo',
          },
          t,
          out,
        );
    const incursions = out.filter((x) => x.kind === 'incursion_started');
    const by = new Set(incursions.map((x) => x.aircraft));
    assert.ok(by.has('SY-MIG23-1') || by.has('SY-SU22-1'), `incursions: ${[...by].join(', ')}`);
    assert.ok(!by.has('SY-MI17-MEDEVAC'), 'the MEDEVAC helicopter stays exempt inside its corridor');
    assert.ok(!by.has('SY-L39-1'), 'the patrol south of Hama stays outside the areas');
  });
});
