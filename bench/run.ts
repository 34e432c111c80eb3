/**
 * `npm run bench -- NAME [--json]`: runs `bench/NAME/index.ts`. With `--json`, each figure is one
 * JSON object per line: {"bench", "metric", "value", "baseline", "ratio", "unit"}.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Bench {
  run(options: { json: boolean; argv: readonly string[]; args: string[] }): Promise<void>;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
// Benchmark names come before the first flag; what follows belongs to the benchmarks (`--tracks 0`).
const first = args.findIndex((a) => a.startsWith('--'));
const names = (first < 0 ? args : args.slice(0, first)).filter((a) => a !== '');
if (names.length === 0) {
  console.error('usage: npm run bench -- NAME [--json]');
  process.exitCode = 2;
}
for (const name of names) {
  const file = join(import.meta.dirname, name, 'index.ts');
  if (!existsSync(file)) {
    console.error(`no benchmark "${name}" (expected ${file})`);
    process.exitCode = 2;
    continue;
  }
  const bench = (await import(pathToFileURL(file).href)) as Bench;
  await bench.run({ json, argv: args, args });
}
