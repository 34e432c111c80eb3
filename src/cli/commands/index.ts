import type { Command } from 'commander';
import { register as ledger } from './ledger.ts';
import { register as witness } from './witness.ts';

/** Every subcommand of `jig`, in the order `jig --help` lists them. */
const registrars: ((program: Command) => void)[] = [ledger, witness];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
