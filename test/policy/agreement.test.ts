import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAgreement, parseAgreementYaml, type Agreement } from '../../src/policy/index.ts';
import { repoRoot } from '../support/paths.ts';

const reference = readFileSync(join(repoRoot, 'agreements', 'jig-2016.yaml'), 'utf8');

function load(text: string): Agreement {
  const r = parseAgreementYaml(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('the reference agreement (jig-2016)', () => {
  const a = load(reference);

  it('names the two parties and the joint center near Amman', () => {
    assert.deepEqual(
      a.parties.map((p) => p.id),
      ['US', 'RU'],
    );
    assert.match(a.jointCenter.name, /Amman/);
  });

  it('vets NUSRA and synchronizes ISIL', () => {
    assert.deepEqual(
      a.groups.map((g) => [g.id, g.mode]),
      [
        ['NUSRA', 'vetted'],
        ['ISIL', 'synchronized'],
      ],
    );
  });

  it('has integrated operations not yet authorized and an imminent-threat filing deadline', () => {
    assert.equal(a.integratedOperations.authorized, false);
    assert.equal(a.imminentThreat.allowed, true);
    assert.ok(a.imminentThreat.filingDeadlineHours > 0);
  });

  it('closes designated areas to SY-AF with three exemptions', () => {
    assert.deepEqual(
      a.designatedAreas.restrictedActors.map((r) => r.id),
      ['SY-AF'],
    );
    assert.deepEqual(a.designatedAreas.exemptions, ['MEDEVAC', 'PERSONNEL_RECOVERY', 'HUMANITARIAN']);
  });

  it('sets the 2016-07-31 milestone for three issues', () => {
    assert.equal(a.milestones[0]?.date, '2016-07-31');
    assert.equal(a.milestones[0]?.issues.length, 3);
  });

  it('marks the values the public terms do not give as parameters', () => {
    assert.ok((reference.match(/# parameter: not in the public terms/g) ?? []).length >= 5);
  });

  it('lists the base violation kinds', () => {
    for (const k of ['air_strike', 'shelling', 'ground_attack']) assert.ok(a.violationKinds.includes(k));
  });
});

describe('agreement parsing', () => {
  const minimal = {
    id: 'mini',
    name: 'Minimal',
    version: 1,
    parties: [
      { id: 'A', name: 'A', office: { name: 'A office' } },
      { id: 'B', name: 'B', office: { name: 'B office' } },
    ],
    jointCenter: { name: 'JC', location: [0, 0] },
    groups: [{ id: 'G', name: 'G', mode: 'vetted' }],
    integratedOperations: { permitted: false, authorized: false },
    imminentThreat: { allowed: false, groups: [] },
    designatedAreas: { restrictedActors: [{ id: 'X', name: 'X' }], exemptions: ['MEDEVAC'] },
    protectedSites: { categories: [{ id: 'hospital', class: 'civilian', defaultBufferM: 1000 }] },
  };

  it('fills the parameters a file leaves out with their defaults', () => {
    const r = parseAgreement(minimal);
    assert.ok(r.ok);
    assert.equal(r.value.receipts.deadlineMinutes, 30);
    assert.equal(r.value.execution.toleranceM, 500);
    assert.equal(r.value.humanitarian.leadTimesHours['convoy'], 72);
    assert.deepEqual(r.value.violationKinds, ['air_strike', 'shelling', 'ground_attack']);
  });

  it('reports a wrong mode with its path and JSON pointer', () => {
    const r = parseAgreement({
      ...minimal,
      groups: [...minimal.groups, { id: 'H', name: 'H', mode: 'joint' }],
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.error, [
      { path: 'groups[1].mode', pointer: '/groups/1/mode', reason: 'expected "vetted" or "synchronized"' },
    ]);
  });

  it('reports unknown fields, duplicate ids and authorized-but-not-permitted together', () => {
    const r = parseAgreement({
      ...minimal,
      extra: 1,
      violationKinds: ['shelling', 'shelling'],
      integratedOperations: { permitted: false, authorized: true },
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.error.map((i) => i.path).sort(), [
      'extra',
      'integratedOperations.authorized',
      'violationKinds[1]',
    ]);
  });

  it('locates a schema fault on its line in the YAML text', () => {
    const r = parseAgreementYaml(reference.replace('mode: synchronized', 'mode: sync'));
    assert.ok(!r.ok);
    const line = reference.split('\n').findIndex((l) => l.includes('mode: synchronized')) + 1;
    assert.equal(r.error[0]?.line, line);
  });
});
