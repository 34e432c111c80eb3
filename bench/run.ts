// Runs one benchmark group: `npm run bench -- <name> [--json] [...]` imports bench/<name>/index.ts
// and calls its `run({json, args})`. Each group seeds its own random generator.
const [name, ...rest] = process.argv.slice(2);
if (!name || name.startsWith('-')) {
  console.error('usage: npm run bench -- <name> [--json]');
  process.exitCode = 2;
} else {
  const mod = (await import(`./${name}/index.ts`)) as {
    run(opts: { json: boolean; args: string[] }): Promise<void> | void;
  };
  await mod.run({ json: rest.includes('--json'), args: rest });
}
