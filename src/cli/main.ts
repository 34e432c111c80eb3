/**
 * The `jig` command line. Each subcommand lives in `commands/` and registers itself here; every
 * one answers `--help`. Commands return an exit code rather than calling `process.exit`, so that
 * tests can run them in-process.
 */
import { Command, CommanderError } from 'commander';
import { isJigError } from '../core/index.ts';
import { registerCommands } from './commands/index.ts';

export async function buildProgram(): Promise<Command> {
  const program = new Command('jig')
    .description('Joint implementation group: shared picture, checked rules, tamper-evident record')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  await registerCommands(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (isJigError(e)) {
      console.error(`jig: ${e.code}: ${e.message}`);
      for (const issue of e.issues) console.error(`  ${issue.pointer || '/'}: ${issue.reason}`);
      return 1;
    }
    throw e;
  }
}
