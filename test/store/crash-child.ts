/**
 * The process the crash test kills. It appends signed entries to the ledger at `--db` from several
 * concurrent callers and prints `ack SEQ LEAFHASH` for each entry once `append` has resolved, that
 * is after its transaction committed. With `--ack-early` it prints them from inside the
 * transaction, before the commit: the bug the crash test must catch.
 *
 *   node --import tsx test/store/crash-child.ts --db FILE [--ack-early]
 */
import { parseArgs } from 'node:util';
import { openSqliteStore, type StoredEntry } from '../../src/store/index.ts';
import { generateSigningKey, publicKeyToBase64, toHex } from '../../src/store/ledger-port.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, 'ack-early': { type: 'boolean' } } });
if (values.db === undefined) throw new Error('--db is required');
const ackEarly = values['ack-early'] === true;

const store = await openSqliteStore({ path: values.db });
const privateKey = generateSigningKey();
const actor = { id: `writer-${process.pid}`, party: 'US', key: publicKeyToBase64(privateKey) };

// Pipes to stdout are written synchronously on Linux: once write returns, the line is the parent's.
const ack = (entries: readonly StoredEntry[]) =>
  process.stdout.write(entries.map((e) => `ack ${e.seq} ${toHex(e.leafHash)}\n`).join(''));

async function writer(id: number): Promise<never> {
  for (let n = 0; ; n++) {
    const batch = Array.from({ length: 1 + ((id + n) % 4) }, (_, i) => ({
      actor,
      event: { type: 'CrashTestRecorded', writer: id, n, i },
      privateKey,
    }));
    if (ackEarly) await store.append(batch, (_tx, entries) => void ack(entries));
    else ack(await store.append(batch));
  }
}

process.stdout.write('ready\n');
await Promise.all([0, 1, 2, 3].map(writer));
