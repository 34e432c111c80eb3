import type { Command } from 'commander';

/** A command group (`jig ledger ...`) shared by several command files: found if registered, else created. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

export const LEDGER_GROUP = 'the signed, Merkle-hashed record of every state change: export and verify it';
