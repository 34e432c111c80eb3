/**
 * `jig ledger export --db FILE|URL --out FILE`: writes the ledger, its checkpoints and (on request) the
 * owner's reveals as one export file that any party verifies offline with `jig ledger verify`.
 * The file is written beside its destination and renamed into place, so a failed export never
 * leaves a truncated file under the requested name.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { commandGroup, LEDGER_GROUP } from '../group.ts';
import { exportSource, openStore } from '../../store/index.ts';
import { writeExport } from '../../store/ledger-port.ts';

interface Options {
  db: string;
  out: string;
  revealsOf?: string;
}

export function register(program: Command): void {
  commandGroup(program, 'ledger', LEDGER_GROUP)
    .command('export')
    .description('Write the ledger with its checkpoints to an export file for offline verification')
    .requiredOption('--db <file-or-url>', 'the ledger: a SQLite file or a postgres:// URL')
    .requiredOption('--out <file>', 'export file to write (.jsonl)')
    .option('--reveals-of <party>', "include this party's own reveals (for its own records only)")
    .action((options: Options) => exportLedger(options));
}

export async function exportLedger(options: Options): Promise<void> {
  const store = await openStore(options.db);
  const partial = `${options.out}.partial`;
  try {
    const source = await exportSource(store, { revealsOf: options.revealsOf });
    const out = createWriteStream(partial);
    let count = 0;
    for (const line of writeExport(source)) {
      count++;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await rename(partial, options.out);
    console.log(`exported ${count} lines to ${options.out}`);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  } finally {
    await store.close();
  }
}
