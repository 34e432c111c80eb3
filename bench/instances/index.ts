/**
 * Several server instances on one PostgreSQL database: two `jig serve` processes on a temporary
 * database, measured in the same run against one instance alone.
 *
 * - Alert latency: an aircraft of a restricted actor enters a designated area by a report POSTed to
 *   instance B; the time until the incursion arrives on a feed client of instance A (the alert is
 *   recorded by B, committed, NOTIFYed, read by A and published), beside the same report POSTed to
 *   A itself (baseline: no instance in between).
 * - Commands: 16 clients sending violation reports over both instances, beside the same clients on
 *   one instance (baseline). Each command is decided on the ledger's latest state; a decision that
 *   the other instance overtook is decided again, which is the price of the second instance.
 *
 * JIG_BENCH_POSTGRES_URL names the maintenance database (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { WebSocket } from 'ws';
import { partyId } from '../../src/core/index.ts';
import { generateSigningKey, privateKeyToPem } from '../../src/ledger/index.ts';
import { openStore } from '../../src/store/index.ts';
import { reachable } from '../../src/store/postgres/connect.ts';
import { createPeopleDirectory } from '../../src/store/people-directory.ts';
import { square } from '../../test/rules/given.ts';
import { startServerProcess, type ServerProcess } from '../../test/support/server-process.ts';

const ADMIN = process.env['JIG_BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ALERTS = Number(process.env['BENCH_ALERTS'] ?? 40);
const COMMAND_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CLIENTS = 16;
const IDLIB: [number, number] = [36.63, 35.93];
const iso = (ms: number) => new Date(ms).toISOString();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function post(
  base: string,
  path: string,
  token: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Milliseconds from POSTing the entering report to `ingest` until the incursion arrives on `feed`. */
async function alertLatencies(feed: ServerProcess, ingest: ServerProcess, token: string, from: number) {
  const socket = new WebSocket(`${feed.url.replace('http', 'ws')}/api/v1/feed?from=${from}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const arrived = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  socket.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as {
      kind: string;
      event?: { type: string; data?: { aircraft?: string } };
    };
    const aircraft = m.event?.data?.aircraft;
    if (m.kind === 'event' && m.event?.type === 'IncursionDetected' && aircraft) {
      arrived.set(aircraft, performance.now());
      waiters.get(aircraft)?.();
    }
  });
  const out: number[] = [];
  const tag = randomBytes(3).toString('hex').toUpperCase();
  for (let i = 0; i < ALERTS; i++) {
    const aircraft = `SYAF-${tag}-${i}`;
    // Reports a second apart in report time (the monitor orders reports by their time).
    const t0 = Date.now() - 3_000;
    const report = (lon: number, s: number) => ({
      reports: [{ aircraft, actor: 'SY-AF', time: iso(t0 + s * 1000), position: [lon, IDLIB[1], 3000] }],
    });
    await post(ingest.url, '/api/v1/tracks', token, report(IDLIB[0] - 0.4, 0));
    const came = new Promise<void>((resolve) => waiters.set(aircraft, resolve));
    const sent = performance.now();
    await post(ingest.url, '/api/v1/tracks', token, report(IDLIB[0], 1));
    await came;
    out.push((arrived.get(aircraft) ?? NaN) - sent);
    // Out again, so that the area holds few open incursions.
    await post(ingest.url, '/api/v1/tracks', token, report(IDLIB[0] + 0.4, 2));
  }
  socket.close();
  return out.sort((x, y) => x - y);
}

/** Violation reports per second from `CLIENTS` closed-loop clients spread over `servers`. */
async function commandRate(servers: readonly ServerProcess[], token: string): Promise<number> {
  let done = 0;
  const until = performance.now() + COMMAND_SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const base = (servers[c % servers.length] as ServerProcess).url;
      for (let i = 0; performance.now() < until; i++) {
        await post(base, '/api/v1/commands', token, {
          type: 'ReportViolation',
          time: { at: iso(Date.now() - 3_600_000) },
          place: { type: 'Point', coordinates: [36 + c / 100, 35 + i / 100_000] },
          kind: 'shelling',
          perpetrator: { kind: 'unknown' },
          casualties: { killed: 0, injured: 0, confidence: 'low' },
          narrative: `bench client ${c} report ${i}`,
        });
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

export async function run({ json }: { json: boolean }): Promise<void> {
  if (!(await reachable(ADMIN))) {
    console.log(`instances: PostgreSQL not reachable at ${new URL(ADMIN).host}: skipped`);
    return;
  }
  const name = `jig_bench_${randomBytes(6).toString('hex')}`;
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'jig-bench-instances-'));
  await admin(`CREATE DATABASE ${name}`);
  const servers: ServerProcess[] = [];
  try {
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'log.key'), privateKeyToPem(generateSigningKey()), { mode: 0o600 });
    const store = await openStore(url.toString());
    const people = createPeopleDirectory(store.people);
    const { token } = await people.add({ name: 'RU-operator', party: partyId('RU'), role: 'operator' });
    await store.close();
    servers.push(
      ...(await Promise.all([0, 1].map(() => startServerProcess({ db: url.toString(), cwd: dir })))),
    );
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const area = await post(a.url, '/api/v1/commands', token, {
      type: 'RegisterDesignatedArea',
      name: 'Idlib designated area',
      area: square(IDLIB, 0.2),
      window: { from: iso(Date.now() - 3_600_000), to: iso(Date.now() + 24 * 3_600_000) },
      band: { minM: 0, maxM: 8000 },
    });
    await new Promise((r) => setTimeout(r, 500)); // B reads the area from the ledger
    const from = Number(area['index']) + 1;
    const same = await alertLatencies(a, a, token, from);
    const cross = await alertLatencies(a, b, token, from);
    const one = await commandRate([a], token);
    const two = await commandRate([a, b], token);

    const figures = [
      { metric: 'alert_p50_ms_cross_instance', value: percentile(cross, 0.5), base: percentile(same, 0.5) },
      { metric: 'alert_p99_ms_cross_instance', value: percentile(cross, 0.99), base: percentile(same, 0.99) },
      { metric: 'alert_max_ms_cross_instance', value: cross.at(-1) ?? NaN, base: same.at(-1) ?? NaN },
    ];
    for (const f of figures) {
      const out = { bench: 'instances', metric: f.metric, value: Math.round(f.value * 10) / 10, unit: 'ms' };
      const ratio = Math.round((f.value / f.base) * 100) / 100;
      if (json) console.log(JSON.stringify({ ...out, baseline: 'same_instance', ratio }));
      else console.log(`${f.metric}: ${out.value} ms (same instance ${f.base.toFixed(1)} ms, x${ratio})`);
    }
    const rate = { bench: 'instances', metric: 'commands_per_s_two_instances', value: Math.round(two) };
    const ratio = Math.round((two / one) * 100) / 100;
    if (json) console.log(JSON.stringify({ ...rate, unit: 'commands/s', baseline: 'one_instance', ratio }));
    else
      console.log(`commands_per_s_two_instances: ${rate.value} (one instance ${Math.round(one)}, x${ratio})`);
  } finally {
    for (const s of servers) s.process.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.ended));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(dir, { recursive: true, force: true });
  }
}
