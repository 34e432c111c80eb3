// Runs the test files of one level with Node's own test runner (TypeScript through tsx).
// Levels follow the file suffix: *.test.ts (unit), *.int.test.ts (real database or server),
// *.e2e.test.ts (real browser). `all` runs every level.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const level = process.argv[2] ?? 'all';
const only = process.argv.slice(3);
const levels = {
  unit: (f) => f.endsWith('.test.ts') && !f.endsWith('.int.test.ts') && !f.endsWith('.e2e.test.ts'),
  int: (f) => f.endsWith('.int.test.ts'),
  e2e: (f) => f.endsWith('.e2e.test.ts'),
  all: (f) => f.endsWith('.test.ts'),
};
const keep = levels[level];
if (!keep) {
  console.error(`unknown test level "${level}": expected one of ${Object.keys(levels).join(', ')}`);
  process.exit(2);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk('test')
  .filter(keep)
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error(`no test files for level "${level}"`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
