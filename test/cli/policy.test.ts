import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../support/paths.ts';

function jig(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'jig.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('jig policy check', () => {
  it('accepts the reference agreement with exit code 0', () => {
    const r = jig('policy', 'check', 'agreements/jig-2016.yaml');
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /valid agreement/);
  });

  it('reports all five faults of a file with their paths and exits 1', () => {
    const r = jig('policy', 'check', 'test/fixtures/agreements/five-errors.yaml');
    assert.equal(r.status, 1);
    const expected = [
      /^groups\[1\]\.mode: expected "vetted" or "synchronized" \(line \d+, column \d+\)$/m,
      /^parties\[1\]\.id: duplicate id "US"/m,
      /^jointCenter\.name: required/m,
      /^safetyOfFlight\.lateralM: expected a number > 0/m,
      /^imminentThreat\.groups\[1\]: unknown group "HTS"/m,
    ];
    for (const re of expected) assert.match(r.err, re);
    assert.match(r.err, /: 5 error\(s\)\n/);
    assert.equal(r.err.trim().split('\n').length, 1 + 5);
  });

  it('gives the line and column of a YAML syntax fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jig-policy-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'id: x\nparties: [1\nname: y\n');
    const r = jig('policy', 'check', file);
    assert.equal(r.status, 1);
    assert.match(r.err, /line \d+, column \d+: /);
  });

  it('exits 1 when the file cannot be read', () => {
    const r = jig('policy', 'check', 'no/such/file.yaml');
    assert.equal(r.status, 1);
    assert.match(r.err, /cannot read/);
  });
});
