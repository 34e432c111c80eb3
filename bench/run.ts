// `npm run bench -- NAME [--json]`: runs bench/NAME/index.ts's exported run({json}).
const [name, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run bench -- NAME [--json]');
  process.exitCode = 2;
} else {
  const mod = (await import(`./${name}/index.ts`)) as { run(o: { json: boolean }): Promise<void> };
  await mod.run({ json: rest.includes('--json') });
}
