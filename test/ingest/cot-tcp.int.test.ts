/**
 * CoT over TCP from a separate process: ingested exactly as the same reports sent as JSON, and
 * hostile peers cut off while the listener keeps serving everyone else.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { epochMs } from '../../src/core/index.ts';
import { listenCotTcp, parseTrackBatch, TrackPipeline, type Alert } from '../../src/ingest/index.ts';
import { AirspaceMonitor, airspaceRecords, replay } from '../../src/rules/index.ts';
import { areaCommand } from '../rules/airspace-support.ts';
import { policy, run, us } from '../rules/given.ts';
import { START } from './support.ts';

const SECONDS = 180;
const lon = (s: number) => 36.1305 + s / 180;
const iso = (s: number) => new Date(START + s * 1000).toISOString();
const cot = (s: number) =>
  `<event version="2.0" uid="00123" type="a-h-A-M-F" how="m-g" time="${iso(s)}" start="${iso(s)}" stale="${iso(s + 60)}">` +
  `<point lat="35.93" lon="${lon(s)}" hae="3000" ce="10" le="10"/><detail><__jig actor="SY-AF"/></detail></event>\n`;

function pipeline() {
  const monitor = new AirspaceMonitor({ ...policy.safetyOfFlight, ...policy.flights, trackStaleS: 7200 });
  monitor.load(airspaceRecords(replay(run([[us.operator, areaCommand()]])), policy), START);
  const p = new TrackPipeline(monitor, { clock: { now: () => epochMs(START + SECONDS * 1000) } });
  const alerts: Alert[] = [];
  p.publisher.subscribe((a) => alerts.push(a));
  return { p, alerts };
}

/** Runs a child process that connects to the port and writes `script`'s payload; resolves on exit. */
function child(port: number, payload: string): Promise<number | null> {
  const code = `
    const net = require('node:net');
    const s = net.connect(${port}, '127.0.0.1', async () => {
      const payload = ${payload};
      for (const part of payload) { if (!s.write(part)) await new Promise((r) => s.once('drain', r)); }
      s.end();
    });
    s.on('error', () => process.exit(0));
    s.on('close', () => process.exit(0));`;
  const proc = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  return new Promise((resolve) => proc.on('exit', resolve));
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};
const summary = (alerts: Alert[]) =>
  alerts.map((a) => `${a.transition.kind}@${new Date(a.transition.at).toISOString()}`);

describe('CoT over TCP from another process', () => {
  const tcp = pipeline();
  let server: Awaited<ReturnType<typeof listenCotTcp>>;
  before(async () => (server = await listenCotTcp(tcp.p)));
  after(() => server.close());

  it('is ingested the same way as the same reports sent as JSON', async () => {
    // Chunks of 97 characters: events arrive split anywhere, even inside </event>.
    const stream = Array.from({ length: SECONDS + 1 }, (_, s) => cot(s)).join('');
    const chunks = JSON.stringify(stream.match(/[\s\S]{1,97}/g));
    await child(server.port, chunks);
    await until(() => tcp.p.counters.processed === SECONDS + 1);

    const json = pipeline();
    const raw = Array.from({ length: SECONDS + 1 }, (_, s) => ({
      aircraft: '00123',
      actor: 'SY-AF',
      time: iso(s),
      position: [lon(s), 35.93, 3000],
    }));
    const parsed = parseTrackBatch(raw, 'json');
    assert.ok(parsed.ok);
    json.p.submitBatch(parsed.value);
    await until(() => json.p.counters.processed === SECONDS + 1);

    assert.deepEqual(summary(tcp.alerts), [`incursion_started@${iso(54)}`, `incursion_ended@${iso(126)}`]);
    assert.deepEqual(summary(tcp.alerts), summary(json.alerts));
    assert.equal((tcp.alerts[0]?.transition as { aircraft: string }).aircraft, '00123');
  });

  it('cuts off entity expansion, external entities, a 50 MB document and depth 10,000, and keeps serving', async () => {
    const before = tcp.p.counters.hostile;
    const hostile = [
      `['<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><event uid="&b;"/></event>']`,
      `['<!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><event uid="&x;"></event>']`,
      `['<event uid="big">', ...Array.from({ length: 50 }, () => 'x'.repeat(1024 * 1024))]`,
      `['<event>' + '<a>'.repeat(10000) + '</a>'.repeat(10000) + '</event>']`,
    ];
    const good = JSON.stringify([cot(SECONDS + 1).replace('00123', 'GOOD-1')]);
    const processed = tcp.p.counters.processed;
    await Promise.all([...hostile.map((h) => child(server.port, h)), child(server.port, good)]);
    await until(() => tcp.p.counters.hostile - before >= 4 && tcp.p.counters.processed > processed);
    assert.equal(tcp.p.counters.hostile - before, 4);
    assert.equal(tcp.p.counters.processed, processed + 1);
    // And a new connection after all that is served too.
    await child(server.port, JSON.stringify([cot(SECONDS + 2).replace('00123', 'GOOD-2')]));
    await until(() => tcp.p.counters.processed === processed + 2);
    assert.equal(tcp.p.counters.processed, processed + 2);
  });
});
