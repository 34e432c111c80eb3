// Runs one benchmark: `npm run bench -- <name> [--json] [...flags]` imports bench/<name>/index.ts.
const [name, ...rest] = process.argv.slice(2);
if (name === undefined || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run bench -- <name> [--json]');
  process.exit(2);
}
const mod = (await import(`./${name}/index.ts`)) as {
  run(opts: { json: boolean; args: string[] }): Promise<void> | void;
};
await mod.run({ json: rest.includes('--json'), args: rest });
