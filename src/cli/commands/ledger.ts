/**
 * `jig ledger verify FILE`: offline verification of a ledger export. All the checking is in
 * src/ledger; this file opens the file, shows progress and reports.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { EXPORT_MEDIA_TYPE, verifyExport, type ExportReport } from '../../ledger/index.ts';
import { commandGroup, LEDGER_GROUP } from '../group.ts';
import { progress } from '../progress.ts';

export function register(program: Command): void {
  const ledger = commandGroup(program, 'ledger', LEDGER_GROUP);
  ledger
    .command('verify')
    .description(
      'verify a ledger export offline: every entry signature and the seq/prev chain, the Merkle root ' +
        'at each checkpoint, the log signature and every party cosignature, checkpoint consistency and ' +
        'every reveal. Exits 0 when all holds; otherwise names the first failure.',
    )
    .argument('<file>', `export file (${EXPORT_MEDIA_TYPE})`)
    .option('--allow-partial', 'accept checkpoints that not every party has cosigned yet')
    .option('--json', 'print the report or the failure as JSON on stdout')
    .action(async (file: string, opts: { allowPartial?: boolean; json?: boolean }) => {
      process.exitCode = await verifyFile(file, opts);
    });
}

async function verifyFile(file: string, opts: { allowPartial?: boolean; json?: boolean }): Promise<number> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    console.error(`jig ledger verify: cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  const bar = progress(size, 'verifying');
  const verdict = await verifyExport(createReadStream(file), {
    requireCosigned: opts.allowPartial !== true,
    onProgress: (p) => bar.update(p.bytes),
  });
  bar.stop();
  if (opts.json === true) {
    console.log(
      JSON.stringify(verdict.ok ? { ok: true, ...verdict.report } : { ok: false, ...verdict.failure }),
    );
  } else if (verdict.ok) {
    console.log(describe(verdict.report));
  } else {
    const f = verdict.failure;
    console.error(`FAILED at line ${f.line}, ${f.where}: ${f.reason}`);
  }
  return verdict.ok ? 0 : 1;
}

function describe(r: ExportReport): string {
  const pending = r.entries - r.checkpointedSize;
  return [
    `ok: ${r.origin}`,
    `  ${r.entries} entries, signatures and chain verified`,
    `  ${r.checkpoints} checkpoints, roots and consistency verified; latest at size ${r.checkpointedSize}`,
    `  cosigned by every party up to size ${r.cosignedSize}`,
    pending > 0
      ? `  ${pending} entries after the latest checkpoint (signed and chained, not yet checkpointed)`
      : '',
    `  ${r.reveals} reveals open their commitments`,
    r.signedCommands > 0
      ? `  commands signed on their people's own devices, signatures verified: ${r.signedCommands}`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}
