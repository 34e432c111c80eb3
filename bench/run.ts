// `npm run bench -- <name> [--json]`: runs bench/<name>/index.ts's exported run({ json }).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

interface Bench {
  run(opts: { json: boolean; args: readonly string[] }): Promise<void> | void;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const names = args.filter((a) => !a.startsWith('--'));
if (names.length === 0) {
  console.error('usage: npm run bench -- <name> [--json]');
  process.exitCode = 2;
}
for (const name of names) {
  const file = join(import.meta.dirname, name, 'index.ts');
  if (!existsSync(file)) {
    console.error(`no benchmark "${name}" (expected ${file})`);
    process.exitCode = 2;
    continue;
  }
  const bench = (await import(file)) as Bench;
  await bench.run({ json, args });
}
