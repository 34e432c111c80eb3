import type { Command } from 'commander';

/** Every subcommand of `jig`, in the order `jig --help` lists them. */
const registrars: ((program: Command) => void)[] = [];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
