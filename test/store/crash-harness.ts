/**
 * Kills a writer process with SIGKILL at random moments and checks, after each kill, what a power
 * cut or a crash must never do to the ledger: corrupt the database file, break the signed chain or
 * the Merkle tree, or lose an entry whose append had been acknowledged.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/index.ts';
import {
  MerkleTree,
  bytesEqual,
  decodeEntry,
  leafHash,
  toHex,
  verifyEntrySignature,
} from '../../src/store/ledger-port.ts';

export interface CrashReport {
  kills: number;
  acknowledged: number;
  entries: number;
  /** Acknowledged entries missing after a kill (or replaced by another entry at their seq). */
  lost: string[];
  /** Anything else wrong: integrity check, chain, signatures, Merkle root. */
  faults: string[];
}

const CHILD = join(import.meta.dirname, 'crash-child.ts');

/** Mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Runs the child once, kills it at a random moment, and returns the acknowledgements it printed. */
function runAndKill(db: string, ackEarly: boolean, random: () => number): Promise<Map<number, string>> {
  const args = ['--import', 'tsx', CHILD, '--db', db, ...(ackEarly ? ['--ack-early'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const acks = new Map<number, string>();
  let buffered = '';
  // Most kills land while entries are being appended; one in ten during start-up (open, migrations).
  const early = random() < 0.1;
  const delay = early ? random() * 150 : random() * 40;
  let timer: NodeJS.Timeout | undefined = early ? setTimeout(() => child.kill('SIGKILL'), delay) : undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? ''; // a line cut by the kill is not an acknowledgement
    for (const line of lines) {
      const [word, seq, hash] = line.split(' ');
      if (word === 'ready') timer ??= setTimeout(() => child.kill('SIGKILL'), delay);
      if (word === 'ack' && seq !== undefined && hash !== undefined) acks.set(Number(seq), hash);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (${signal ?? _code})`));
      else resolve(acks);
    });
  });
}

/** What has already been verified, so each check reads every entry but re-verifies only new ones. */
interface Verified {
  leaves: Uint8Array[];
}

async function check(db: string, acked: Map<number, string>, verified: Verified, report: CrashReport) {
  const raw = new Database(db);
  const integrity = raw.pragma('integrity_check', { simple: true });
  raw.close();
  if (integrity !== 'ok') report.faults.push(`integrity_check: ${String(integrity)}`);
  const store = await openSqliteStore({ path: db });
  try {
    const entries = await store.entries(0, await store.size());
    const tree = new MerkleTree();
    let prev = '';
    for (const [i, e] of entries.entries()) {
      const hash = leafHash(e.bytes);
      const old = verified.leaves[i];
      if (old && !bytesEqual(old, hash)) report.faults.push(`entry ${i} changed after it was verified`);
      if (!old) verifyNew(e.bytes, i, prev, report);
      if (!bytesEqual(hash, e.leafHash)) report.faults.push(`entry ${i}: stored leaf hash differs`);
      tree.append(hash);
      prev = toHex(hash);
    }
    verified.leaves = entries.map((e) => leafHash(e.bytes));
    if (!bytesEqual(tree.root(), await store.rootHash()))
      report.faults.push('Merkle root differs from the stored tree');
    for (const [seq, hash] of acked) {
      const found = verified.leaves[seq];
      if (!found || toHex(found) !== hash) report.lost.push(`seq ${seq} after kill ${report.kills}`);
    }
    report.entries = entries.length;
  } finally {
    await store.close();
  }
}

function verifyNew(bytes: Uint8Array, seq: number, prev: string, report: CrashReport): void {
  const decoded = decodeEntry(bytes);
  if (!decoded.ok) return void report.faults.push(`entry ${seq} does not decode`);
  const entry = decoded.value;
  if (entry.seq !== seq || entry.prev !== prev) report.faults.push(`entry ${seq} breaks the chain`);
  if (!verifyEntrySignature(entry)) report.faults.push(`entry ${seq}: bad signature`);
}

export interface CrashOptions {
  readonly db: string;
  readonly kills: number;
  readonly seed: number;
  readonly ackEarly?: boolean;
  /** Stop at the first lost acknowledged entry (to show that a broken writer is caught). */
  readonly stopOnLoss?: boolean;
}

export async function crashTrials(options: CrashOptions): Promise<CrashReport> {
  const random = prng(options.seed);
  const report: CrashReport = { kills: 0, acknowledged: 0, entries: 0, lost: [], faults: [] };
  const acked = new Map<number, string>();
  const verified: Verified = { leaves: [] };
  while (report.kills < options.kills) {
    for (const [seq, hash] of await runAndKill(options.db, options.ackEarly ?? false, random))
      acked.set(seq, hash);
    report.kills += 1;
    report.acknowledged = acked.size;
    await check(options.db, acked, verified, report);
    if (report.faults.length > 0 || (options.stopOnLoss && report.lost.length > 0)) break;
  }
  return report;
}
