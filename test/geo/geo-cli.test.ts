// `jig geo check` run as a person would, in a child process, on the Aleppo fixtures.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/paths.ts';

const fx = (name: string) => join(repoRoot, 'test', 'geo', 'fixtures', name);
const jig = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'bin', 'jig.mjs'), ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
  });

describe('jig geo check', () => {
  const run = jig(
    'geo',
    'check',
    '--areas',
    fx('aleppo-areas.geojson'),
    '--sites',
    fx('aleppo-sites.geojson'),
    '--buffer-m',
    '500',
    fx('aleppo-points.csv'),
  );
  const lines = run.stdout
    .trim()
    .split('\n')
    .map(
      (l) => JSON.parse(l) as { id: string; areas: string[]; sites: { id: string; distance_m: number }[] },
    );

  it('prints one JSON line per good point with its areas and the sites whose buffer holds it', () => {
    assert.deepEqual(
      lines.map((l) => l.id),
      ['p1', 'p2', 'p3', 'p4', 'p6', 'p8'],
    );
    assert.deepEqual(lines[0], {
      id: 'p1',
      areas: ['east-aleppo'],
      sites: [{ id: 'hospital-m10', distance_m: 0 }],
    });
    assert.deepEqual(lines[1], {
      id: 'p2',
      areas: ['east-aleppo'],
      sites: [{ id: 'hospital-m10', distance_m: 899.35 }],
    });
    assert.deepEqual(lines[2], { id: 'p3', areas: [], sites: [{ id: 'school-idlib', distance_m: 180.49 }] });
    assert.deepEqual(lines[3], { id: 'p4', areas: ['east-aleppo'], sites: [] });
    assert.deepEqual(lines[4], { id: 'p6', areas: [], sites: [] });
  });

  it('applies --buffer-m to sites without their own buffer_m', () => {
    assert.deepEqual(
      lines[5]!.sites.map((s) => s.id),
      ['bakery-bustan'],
    );
  });

  it('reports each bad line on stderr with its number and reason, and exits non-zero', () => {
    assert.equal(run.status, 1);
    assert.match(run.stderr, /aleppo-points\.csv:6: latitude 95 is outside \[-90, 90\]/);
    assert.match(run.stderr, /aleppo-points\.csv:8: expected id,lat,lon or id,MGRS/);
  });

  it('answers --help with a description', () => {
    const help = jig('geo', 'check', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--buffer-m/);
  });
});
