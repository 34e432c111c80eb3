/**
 * `npm run bench -- ledger [--json] [--large]`: durable signed appends (single, from concurrent
 * callers, batched), verification, and inclusion proofs at a million entries, each beside a plain
 * baseline measured in the same run, on SQLite and (when a server answers) PostgreSQL. `--large`
 * runs five times the entries and 4M for proofs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureAppends, requests, sampleBody } from './appends.ts';
import { report } from './measure.ts';
import { ADMIN_URL, measurePostgres } from './postgres.ts';
import { measureProofs } from './proofs.ts';
import { verifyRate } from './verify.ts';
import { run as runMerkle } from './merkle.ts';

export async function run(options: { json: boolean; argv?: readonly string[] }): Promise<void> {
  const large = options.argv?.includes('--large') ?? false;
  const dir = mkdtempSync(join(tmpdir(), 'jig-bench-ledger-'));
  const out = (metric: string, value: number, unit: string, baseline?: string, base?: number) =>
    report(
      { metric, value, unit, ...(baseline && base ? { baseline, ratio: value / base } : {}) },
      options.json,
    );
  try {
    const a = await measureAppends(dir, large ? 5 : 1);
    out('raw_ed25519_sign_per_s', a.raw_sign, 'ops/s');
    out('bare_insert_1_per_tx_per_s', a.bare_insert_single, 'rows/s');
    out('bare_insert_100_per_tx_per_s', a.bare_insert_batched, 'rows/s');
    out('signed_appends_single_per_s', a.single, 'entries/s', 'bare_insert_1_per_tx', a.bare_insert_single);
    out('signed_appends_grouped_per_s', a.grouped, 'entries/s', 'raw_ed25519_sign', a.grouped_sign);
    out('signed_appends_batched_per_s', a.batched, 'entries/s', 'raw_ed25519_sign', a.raw_sign);
    out(
      'signed_appends_batched_1000_per_s',
      a.batched_1000,
      'entries/s',
      'raw_ed25519_sign',
      a.batched_1000_sign,
    );
    const sample = requests(1, 1);
    const v = await verifyRate(join(dir, 'grouped.db'), sample[0]!.privateKey, sampleBody(sample));
    out('raw_ed25519_verify_per_s', v.base, 'ops/s');
    out('verify_entries_per_s', v.value, 'entries/s', 'raw_ed25519_verify', v.base);
    const p = await measureProofs(large ? 4_000_000 : 1_000_000);
    out('proof_ledger_setup_s', p.build_s, 's');
    out('inclusion_proof_at_1m_us', p.proof_us, 'us', 'bare_node_lookup', p.lookup_us);
    await reportPostgres(out, large ? 5 : 1, large ? 4_000_000 : 1_000_000);
    // The pure Merkle tree in memory and the export verifier of `jig ledger verify`.
    await runMerkle({ json: options.json, args: large ? ['--big'] : [] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Out = (metric: string, value: number, unit: string, baseline?: string, base?: number) => void;

async function reportPostgres(out: Out, scale: number, proofSize: number): Promise<void> {
  const p = await measurePostgres(scale, proofSize);
  if (!p) {
    console.error(`PostgreSQL not reachable on ${new URL(ADMIN_URL).host}: skipping its figures`);
    return;
  }
  out('pg_bare_insert_1_per_tx_per_s', p.bare_insert_single, 'rows/s');
  out(
    'pg_signed_appends_single_per_s',
    p.single,
    'entries/s',
    'pg_bare_insert_1_per_tx',
    p.bare_insert_single,
  );
  out('pg_signed_appends_grouped_per_s', p.grouped, 'entries/s');
  out('pg_signed_appends_batched_per_s', p.batched, 'entries/s');
  out('pg_proof_ledger_setup_s', p.build_s, 's');
  out('pg_inclusion_proof_at_1m_us', p.proof_us, 'us', 'pg_bare_node_lookup', p.lookup_us);
}
