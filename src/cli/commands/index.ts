import { readdirSync } from 'node:fs';
import type { Command } from 'commander';

interface CommandModule {
  register(program: Command): void;
}

/**
 * Every file beside this one is a subcommand module exporting `register(program)`; they are
 * loaded in file-name order, which is the order `jig --help` lists them. Adding a command is
 * adding a file.
 */
export async function registerCommands(program: Command): Promise<void> {
  const files = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
    .sort();
  for (const file of files) {
    const mod = (await import(`./${file}`)) as Partial<CommandModule>;
    if (typeof mod.register !== 'function') throw new Error(`src/cli/commands/${file} exports no register()`);
    mod.register(program);
  }
}
