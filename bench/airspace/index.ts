/**
 * Airspace benchmark: a seeded air picture (2,000 aircraft, one report a second each, bursts every
 * ten seconds) replayed through the real ingestion path: JSON body -> `parseTrackBatch` ->
 * `TrackPipeline.submitBatch` -> air picture (incursions, safety of flight) -> published alerts.
 *
 *   sustained    all batches as fast as they go through the checks, beside bare ingestion (parse
 *                and queue, no checks) of the same batches in the same run
 *   latency      5,000 reports/s paced in real time; receipt-to-alert p50 and p99
 *
 * `npm run bench -- airspace [--json] [--seconds=N] [--aircraft=N]`
 */
import { epochMs } from '../../src/core/index.ts';
import { parseTrackBatch, TrackPipeline } from '../../src/ingest/index.ts';
import { AirspaceMonitor } from '../../src/rules/index.ts';
import { scenario, T0, type Scenario } from './picture.ts';

const OPTIONS = { lateralM: 9260, verticalM: 300, lookAheadS: 300, corridorM: 2000, trackStaleS: 60 };

function newPipeline(s: Scenario, clock: { t: number }, manual: (() => void)[] | null) {
  const monitor = new AirspaceMonitor(OPTIONS);
  monitor.load({ areas: s.areas, flights: [] }, T0);
  const schedule = manual ? (fn: () => void) => void manual.push(fn) : undefined;
  return new TrackPipeline(monitor, {
    clock: { now: () => epochMs(clock.t) },
    capacity: 1_000_000,
    ...(schedule ? { schedule } : {}),
  });
}

function parse(body: string) {
  const r = parseTrackBatch(JSON.parse(body), 'json');
  if (!r.ok) throw new Error('invalid batch');
  return r.value;
}

function bare(s: Scenario): number {
  const queue: unknown[] = [];
  const start = performance.now();
  for (const b of s.batches) for (const r of parse(b.body)) queue.push(r);
  let n = 0;
  while (n < queue.length) n++;
  return s.reports / ((performance.now() - start) / 1000);
}

function sustained(s: Scenario) {
  const clock = { t: T0 };
  const pending: (() => void)[] = [];
  const p = newPipeline(s, clock, pending);
  const start = performance.now();
  for (const b of s.batches) {
    clock.t = b.at;
    p.submitBatch(parse(b.body));
    while (pending.length > 0) pending.shift()!();
  }
  const rate = s.reports / ((performance.now() - start) / 1000);
  return { rate, p };
}

async function paced(s: Scenario, perSecond: number, seconds: number) {
  const clock = { t: T0 };
  const p = newPipeline(s, clock, null);
  const perTick = Math.max(1, Math.round(perSecond / 200));
  const ticks = Math.min(s.batches.length, Math.round((perSecond * seconds) / (s.batches[0]?.count ?? 1)));
  const start = performance.now();
  let sent = 0;
  for (let i = 0; i < ticks; i++) {
    const b = s.batches[i]!;
    clock.t = b.at;
    const due = start + (sent / perSecond) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    p.submitBatch(parse(b.body));
    sent += b.count;
  }
  while (p.depth > 0) await new Promise((r) => setImmediate(r));
  void perTick;
  return p;
}

export async function run({ json, args = [] }: { json: boolean; args?: string[] }): Promise<void> {
  const flag = (name: string, d: number) =>
    Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
  const aircraft = flag('aircraft', 2000);
  const seconds = flag('seconds', 40);
  const s = scenario(aircraft, seconds, 500);
  const pacedSet = scenario(aircraft, seconds, 25, 7);

  const bareRate = bare(s);
  const { rate, p } = sustained(s);
  const lat = await paced(pacedSet, 5000, 5);
  const c = p.counters;
  const lost = c.received - c.processed - c.refused + lat.counters.dropped + c.dropped;
  const figures = [
    {
      metric: 'reports_per_s_checked',
      value: Math.round(rate),
      baseline: 'bare_ingestion',
      ratio: +(rate / bareRate).toFixed(3),
    },
    { metric: 'reports_per_s_bare', value: Math.round(bareRate), unit: 'reports/s' },
    { metric: 'alerts', value: c.alerted, unit: 'transitions' },
    {
      metric: 'receipt_to_alert_p50_ms_at_5000_per_s',
      value: +lat.latency.quantile(0.5).toFixed(3),
      unit: 'ms',
    },
    {
      metric: 'receipt_to_alert_p99_ms_at_5000_per_s',
      value: +lat.latency.quantile(0.99).toFixed(3),
      unit: 'ms',
    },
    { metric: 'paced_alerts', value: lat.counters.alerted, unit: 'transitions' },
    {
      metric: 'lost_reports',
      value: lost + (lat.counters.received - lat.counters.processed),
      unit: 'reports',
    },
  ];
  if (json) for (const f of figures) console.log(JSON.stringify({ bench: 'airspace', ...f }));
  else {
    console.log(
      `airspace: ${aircraft} aircraft, ${s.reports} reports (${seconds} s with bursts), 20 designated areas`,
    );
    for (const f of figures)
      console.log(`  ${f.metric.padEnd(40)} ${f.value}${'ratio' in f ? `  (x${f.ratio} of bare)` : ''}`);
  }
}
