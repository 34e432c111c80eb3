import type { Command } from 'commander';
import { register as policy } from './policy.ts';

/** Every subcommand of `jig`, in the order `jig --help` lists them. */
const registrars: ((program: Command) => void)[] = [policy];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
