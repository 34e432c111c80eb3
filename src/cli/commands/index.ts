import type { Command } from 'commander';
import { register as policy } from './policy.ts';
import { register as user } from './user.ts';

/** Every subcommand of `jig`, in the order `jig --help` lists them. */
const registrars: ((program: Command) => void)[] = [policy, user];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
