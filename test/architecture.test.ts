import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
const config = join(root, '.dependency-cruiser.cjs');

function cruise(cwd: string): { status: number | null; output: string } {
  const r = spawnSync(depcruise, ['src', '--config', config, '--output-type', 'err'], {
    cwd,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('module layering', () => {
  it('holds for every import under src/', () => {
    assert.ok(existsSync(depcruise), 'dependency-cruiser is installed');
    const { status, output } = cruise(root);
    assert.equal(status, 0, output);
  });

  it('is enforced: a core module importing the server and a rule doing I/O are both caught', () => {
    const { status, output } = cruise(join(root, 'test', 'fixtures', 'layering-violation'));
    assert.notEqual(status, 0);
    assert.match(output, /layering-core/);
    assert.match(output, /pure-modules-do-no-io/);
  });
});
