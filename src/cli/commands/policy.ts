/**
 * `jig policy check FILE`: reads an agreement file and reports every fault with its path in the
 * file. Reading is done here; parsing and checking are pure (`src/policy`).
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatIssue, parseAgreementYaml } from '../../policy/index.ts';

async function check(file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    console.error(`${file}: cannot read: ${(e as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const result = parseAgreementYaml(text);
  if (result.ok) {
    const a = result.value;
    console.log(
      `${file}: valid agreement "${a.name}" (${a.parties.length} parties, ${a.groups.length} groups)`,
    );
    process.exitCode = 0;
    return;
  }
  console.error(`${file}: ${result.error.length} error(s)`);
  for (const issue of result.error) console.error(formatIssue(issue));
  process.exitCode = 1;
}

export function register(program: Command): void {
  const policy = program.command('policy').description('Work with agreement (policy) files');
  policy
    .command('check')
    .description('Check an agreement file; print every error with its path, exit 1 if any')
    .argument('<file>', 'agreement file (YAML)')
    .action(check);
}
