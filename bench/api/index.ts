/**
 * API throughput on loopback: autocannon drives from a SECOND process (so that the load generator
 * does not share this event loop) against one real server (`startJig` on a temporary SQLite
 * database), measuring in the same run a nomination submit (parse, geometry checks against every
 * protection, authorization, decide, sign, durable group-committed append with projections,
 * publish), a record read, and the bare `GET /healthz` as the baseline.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { partyId } from '../../src/core/index.ts';
import { startJig } from '../../src/cli/start.ts';
import { examples } from '../../src/server/examples.ts';

const DURATION_S = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONNECTIONS = 16;

interface Figure {
  readonly rps: number;
  readonly p99: number;
}

/** Runs autocannon in its own process; the server's event loop stays free to answer. */
async function drive(url: string, args: string[]): Promise<Figure> {
  const bin = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'autocannon');
  const { stdout } = await promisify(execFile)(
    bin,
    ['--json', '-c', String(CONNECTIONS), '-d', String(DURATION_S), ...args, url],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const out = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
  };
  if (out.non2xx > 0 || out.errors > 0)
    throw new Error(`${out.non2xx + out.errors} requests failed against ${url}`);
  return { rps: out.requests.average, p99: out.latency.p99 };
}

export async function run({ json }: { json: boolean }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jig-bench-api-'));
  const jig = await startJig({ db: join(dir, 'jig.db'), web: false, localWitnesses: true });
  const operator = await jig.people.add({ name: 'us-operator', party: partyId('US'), role: 'operator' });
  const base = jig.url;
  const auth = ['-H', `authorization=Bearer ${operator.token}`];
  try {
    const seeded = await jig.service.execute(operator.person, {
      type: 'NominateTarget',
      ...(examples['NominateTarget'] as object),
    });
    const id = seeded.events[0]?.record ?? '';
    const bare = await drive(`${base}/healthz`, []);
    const submit = await drive(`${base}/api/v1/nominations`, [
      ...auth,
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      JSON.stringify(examples['NominateTarget']),
    ]);
    const read = await drive(`${base}/api/v1/nominations/${id}`, auth);
    const size = (await jig.service.ledger.checkpoint()).size;
    report(json, { bare, submit, read }, size);
  } finally {
    await jig.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(json: boolean, f: { bare: Figure; submit: Figure; read: Figure }, size: number): void {
  const rows = [
    { metric: 'healthz_rps', value: f.bare.rps, unit: 'req/s' },
    { metric: 'healthz_p99_ms', value: f.bare.p99, unit: 'ms' },
    {
      metric: 'nomination_submit_rps',
      value: f.submit.rps,
      unit: 'req/s',
      baseline: 'healthz',
      ratio: f.submit.rps / f.bare.rps,
    },
    { metric: 'nomination_submit_p99_ms', value: f.submit.p99, unit: 'ms' },
    {
      metric: 'nomination_read_rps',
      value: f.read.rps,
      unit: 'req/s',
      baseline: 'healthz',
      ratio: f.read.rps / f.bare.rps,
    },
    { metric: 'nomination_read_p99_ms', value: f.read.p99, unit: 'ms' },
  ];
  if (!json) console.log(`ledger: ${size} entries after the run`);
  for (const row of rows) {
    if (json) console.log(JSON.stringify({ bench: 'api', service: 'sqlite', ...row }));
    else
      console.log(
        `${row.metric.padEnd(26)} ${row.value.toFixed(row.unit === 'ms' ? 1 : 0).padStart(8)} ${row.unit}${'ratio' in row ? `  (${(row.ratio ?? 0).toFixed(2)} x healthz)` : ''}`,
      );
  }
}
