import type { Command } from 'commander';
import { register as geo } from './geo.ts';

/** Every subcommand of `jig`, in the order `jig --help` lists them. */
const registrars: ((program: Command) => void)[] = [geo];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
