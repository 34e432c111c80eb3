/**
 * A server instance as the multi-instance tests see it: a process that opens the PostgreSQL store
 * and appends from several concurrent callers. It prints `ready` once open, then `ack SEQ LEAFHASH
 * TIME` for each entry once `append` has resolved (after its commit; TIME in epoch milliseconds,
 * fractional), and `done` when every caller has finished.
 *
 *   node --import tsx test/store/pg-appender.ts --url URL --clients 8 --appends 250 [--interval MS]
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { openPostgresStore, type StoredEntry } from '../../src/store/index.ts';
import { generateSigningKey, publicKeyToBase64, toHex } from '../../src/store/ledger-port.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    clients: { type: 'string', default: '8' },
    appends: { type: 'string', default: '250' },
    interval: { type: 'string', default: '0' },
  },
});
if (values.url === undefined) throw new Error('--url is required');
const clients = Number(values.clients);
const appends = Number(values.appends);
const interval = Number(values.interval);

const store = await openPostgresStore({ url: values.url });
const privateKey = generateSigningKey();
const actor = { id: `instance-${process.pid}`, party: 'US', key: publicKeyToBase64(privateKey) };
const now = () => performance.timeOrigin + performance.now();

// Pipes to stdout are written synchronously on Linux: once write returns, the line is the parent's.
const ack = (entries: readonly StoredEntry[]) => {
  const at = now().toFixed(3);
  process.stdout.write(entries.map((e) => `ack ${e.seq} ${toHex(e.leafHash)} ${at}\n`).join(''));
};

async function client(id: number): Promise<void> {
  for (let n = 0; n < appends; n++) {
    if (interval > 0) await sleep(interval);
    const event = { type: 'InstanceTestRecorded', pid: process.pid, client: id, n };
    ack(await store.append([{ actor, event, privateKey }]));
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: clients }, (_, id) => client(id)));
await store.close();
process.stdout.write('done\n');
