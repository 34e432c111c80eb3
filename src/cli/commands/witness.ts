/**
 * `jig witness`: a party's witness. It keeps the last checkpoint it cosigned in a state directory
 * and cosigns a new one only if it extends that one; the decision is `witnessCheckpoint` in
 * src/ledger. On misbehaviour it keeps both checkpoints as evidence and says so loudly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { JigError } from '../../core/index.ts';
import {
  SIG_COSIGNATURE_V1,
  consistencyProof,
  formatVerifierKey,
  fromBase64,
  generateSigningKey,
  openCheckpoint,
  parseVerifierKey,
  privateKeyFromPem,
  privateKeyToPem,
  rawPublicKey,
  toBase64,
  verifyExport,
  witnessCheckpoint,
  type Evidence,
  type NoteVerifier,
} from '../../ledger/index.ts';

interface WitnessConfig {
  readonly name: string;
  readonly keyFile: string;
  readonly logKey: string;
  readonly origin: string;
}

export function register(program: Command): void {
  const witness = program
    .command('witness')
    .description("a party's witness: cosigns the log's checkpoints only while the log stays append-only");
  witness
    .command('init')
    .description('set up a witness state directory; creates the key file if it does not exist')
    .requiredOption('--state <dir>', 'state directory')
    .requiredOption('--name <name>', 'the witness key name, e.g. us.witness.example')
    .requiredOption('--key-file <file>', 'Ed25519 private key (PKCS#8 PEM)')
    .requiredOption('--log-key <vkey>', "the log's verifier key, <name>+<key ID>+<key>")
    .option('--origin <origin>', "the log's origin (default: the log key's name)")
    .action((opts: { state: string; name: string; keyFile: string; logKey: string; origin?: string }) => {
      process.exitCode = init(opts);
    });
  witness
    .command('cosign')
    .description(
      'cosign a checkpoint if it extends the last one cosigned; refuse and keep evidence otherwise',
    )
    .requiredOption('--state <dir>', 'state directory made by `witness init`')
    .argument('[checkpoint]', 'checkpoint note file (signed by the log)')
    .option('--proof <file>', 'consistency proof from the last cosigned size: one base64 hash per line')
    .option(
      '--export <file>',
      'take the latest checkpoint of a ledger export, and the proof from its entries',
    )
    .option('--out <file>', 'write the cosigned note here instead of stdout')
    .action(async (checkpoint: string | undefined, opts: CosignOptions) => {
      process.exitCode = await cosign(checkpoint, opts);
    });
}

function init(opts: {
  state: string;
  name: string;
  keyFile: string;
  logKey: string;
  origin?: string;
}): number {
  const log = parseVerifierKey(opts.logKey);
  if (!log.ok) throw new JigError('INVALID_INPUT', `--log-key: ${log.error[0]?.reason}`);
  const configFile = join(opts.state, 'witness.json');
  if (existsSync(configFile))
    throw new JigError('CONFLICT', `${configFile} exists: the witness is already set up`);
  if (!existsSync(opts.keyFile))
    writeFileSync(opts.keyFile, privateKeyToPem(generateSigningKey()), { mode: 0o600 });
  const key = privateKeyFromPem(readFileSync(opts.keyFile, 'utf8'));
  if (key === undefined) throw new JigError('INVALID_INPUT', `${opts.keyFile} holds no Ed25519 private key`);
  mkdirSync(opts.state, { recursive: true });
  const config: WitnessConfig = {
    name: opts.name,
    keyFile: resolve(opts.keyFile),
    logKey: opts.logKey,
    origin: opts.origin ?? log.value.verifier.name,
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n');
  console.log(formatVerifierKey(opts.name, SIG_COSIGNATURE_V1, rawPublicKey(key)));
  return 0;
}

interface CosignOptions {
  state: string;
  proof?: string;
  export?: string;
  out?: string;
}

async function cosign(checkpointFile: string | undefined, opts: CosignOptions): Promise<number> {
  const config = JSON.parse(readFileSync(join(opts.state, 'witness.json'), 'utf8')) as WitnessConfig;
  const key = privateKeyFromPem(readFileSync(config.keyFile, 'utf8'));
  const log = parseVerifierKey(config.logKey);
  if (key === undefined || !log.ok)
    throw new JigError('INVALID_STATE', `the witness in ${opts.state} is not usable`);
  const stateFile = join(opts.state, 'checkpoint.txt');
  const previous = existsSync(stateFile) ? readFileSync(stateFile, 'utf8') : null;
  const offered = opts.export
    ? await fromExport(opts.export, previous, log.value.verifier)
    : fromFiles(checkpointFile, opts.proof);
  if (offered === undefined) return 1;
  const me = { name: config.name, key, logVerifier: log.value.verifier };
  const now = Math.floor(Date.now() / 1000);
  const out = witnessCheckpoint({ origin: config.origin, checkpoint: previous }, offered, me, now);
  if (out.ok) {
    writeFileSync(stateFile, out.state.checkpoint ?? '');
    if (opts.out) writeFileSync(opts.out, out.cosigned);
    else process.stdout.write(out.cosigned);
    console.error(`cosigned the checkpoint of size ${out.size}`);
    return 0;
  }
  if (out.evidence === undefined) {
    console.error(`jig witness: refused (${out.reason}): ${out.message}`);
    return 1;
  }
  const path = keepEvidence(opts.state, out.evidence, now);
  console.error(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!!! LOG MISBEHAVIOUR DETECTED (${out.reason.toUpperCase()}): NOT COSIGNED`,
      `!!! ${out.message}`,
      `!!! Both checkpoints, signed by the log, are kept as evidence in:`,
      `!!!   ${path}`,
      '!!! Tell every party. Do not cosign anything from this log until it is explained.',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
  return 3;
}

function fromFiles(checkpointFile: string | undefined, proofFile: string | undefined) {
  if (checkpointFile === undefined) throw new JigError('INVALID_INPUT', 'give a checkpoint file or --export');
  const note = readFileSync(checkpointFile, 'utf8');
  const lines = proofFile
    ? readFileSync(proofFile, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
  const proof = lines.map((l, i) => {
    const h = fromBase64(l);
    if (h === undefined) throw new JigError('INVALID_INPUT', `${proofFile}: line ${i + 1} is not base64`);
    return h;
  });
  return { note, proof };
}

async function fromExport(file: string, previous: string | null, log: NoteVerifier) {
  const verdict = await verifyExport(createReadStream(file), { requireCosigned: false, keepNodes: true });
  if (!verdict.ok) {
    const f = verdict.failure;
    console.error(`jig witness: the export does not verify: line ${f.line}, ${f.where}: ${f.reason}`);
    return undefined;
  }
  const note = verdict.verifier.lastCheckpointNote;
  if (note === '') throw new JigError('INVALID_INPUT', `${file} holds no checkpoint`);
  const old = previous === null ? undefined : openCheckpoint(previous, log);
  const oldSize = old?.ok ? old.value.checkpoint.size : 0;
  const newSize = verdict.report.checkpointedSize;
  const nodes = verdict.verifier.nodes;
  const proof = nodes && oldSize > 0 && oldSize < newSize ? consistencyProof(oldSize, newSize, nodes) : [];
  return { note, proof };
}

function keepEvidence(stateDir: string, e: Evidence, now: number): string {
  const dir = join(stateDir, 'evidence');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${now}-${e.kind}.json`);
  const record = { ...e, proof: e.proof.map(toBase64), detectedAt: new Date(now * 1000).toISOString() };
  writeFileSync(path, JSON.stringify(record, null, 2) + '\n');
  return path;
}
