// Sensors over the WebSocket track stream, against a whole server (`startJig`): a scripted SY-AF
// flight across a designated area raises the same incursion on the feed as the same flight
// posted as JSON over HTTP; bad messages are answered with the field; no login, no stream. The
// backpressure case runs on a pipeline that drains only when the test says.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startJig, type RunningJig } from '../../src/cli/start.ts';
import { partyId, type Role } from '../../src/core/index.ts';
import type { FeedMessage } from '../../src/service/types.ts';
import { harness } from '../server/harness.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';
import { testPipeline, wire } from './support.ts';

const IDLIB = [36.63, 35.93] as const;

/** Twelve reports a second apart, west to east across the area (±0.2°), ending now. */
function flight(aircraft: string, now: number) {
  return Array.from({ length: 12 }, (_, i) => ({
    aircraft,
    actor: 'SY-AF',
    time: new Date(now - (11 - i) * 1000).toISOString(),
    position: [IDLIB[0] - 0.33 + i * 0.06, IDLIB[1], 3000],
    velocity: { speedMps: 220, courseDeg: 90 },
  }));
}

type Answer = { ok: boolean; accepted?: number; issues?: { pointer: string; reason: string }[] };

function open(url: string, headers: Record<string, string>) {
  const socket = new WebSocket(url, { headers });
  const received: unknown[] = [];
  socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString())));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, received, opened };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the WebSocket track stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jig-stream-'));
  let jig: RunningJig;
  let ws = '';
  const tokens = new Map<string, string>();
  const bearer = (party: string, role: Role) => ({
    authorization: `Bearer ${tokens.get(`${party}/${role}`)}`,
  });

  before(async () => {
    jig = await startJig({
      db: join(dir, 'jig.db'),
      web: false,
      directory: { scrypt: CHEAP_SCRYPT },
    });
    ws = jig.url.replace('http', 'ws');
    for (const [party, role] of [
      ['US', 'operator'],
      ['US', 'approver'],
      ['RU', 'monitor'],
    ] as const) {
      const added = await jig.people.add({
        name: `${party.toLowerCase()}-${role}`,
        party: partyId(party),
        role,
      });
      tokens.set(`${party}/${role}`, added.token);
    }
    const now = Date.now();
    const res = await fetch(`${jig.url}/api/v1/commands`, {
      method: 'POST',
      headers: { ...bearer('US', 'operator'), 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'RegisterDesignatedArea',
        name: 'Idlib designated area',
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [IDLIB[0] - 0.2, IDLIB[1] - 0.2],
              [IDLIB[0] + 0.2, IDLIB[1] - 0.2],
              [IDLIB[0] + 0.2, IDLIB[1] + 0.2],
              [IDLIB[0] - 0.2, IDLIB[1] + 0.2],
              [IDLIB[0] - 0.2, IDLIB[1] - 0.2],
            ],
          ],
        },
        window: {
          from: new Date(now - 3_600_000).toISOString(),
          to: new Date(now + 3_600_000).toISOString(),
        },
      }),
    });
    assert.equal(res.status, 201, await res.text());
  });
  after(async () => {
    await jig.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises the incursion on another party’s feed exactly as the same flight posted over HTTP', async () => {
    const feed = open(`${ws}/api/v1/feed?from=${await jig.store.size()}`, bearer('RU', 'monitor'));
    await feed.opened;
    const sensor = open(`${ws}/api/v1/tracks/stream`, bearer('US', 'operator'));
    await sensor.opened;
    const now = Date.now();
    for (const report of flight('SYAF-WS', now)) sensor.socket.send(JSON.stringify({ reports: [report] }));
    for (const report of flight('SYAF-HTTP', now)) {
      const posted = await fetch(`${jig.url}/api/v1/tracks`, {
        method: 'POST',
        headers: { ...bearer('US', 'operator'), 'content-type': 'application/json' },
        body: JSON.stringify({ reports: [report] }),
      });
      assert.equal(posted.status, 202, await posted.text());
    }
    const events = (aircraft: string) =>
      feed.received.flatMap((m) => {
        const e =
          (m as FeedMessage).kind === 'event' ? (m as Extract<FeedMessage, { kind: 'event' }>).event : null;
        const data = e && 'data' in e ? (e.data as Record<string, unknown>) : undefined;
        return e && data?.['aircraft'] === aircraft ? [{ type: e.type, data: data }] : [];
      });
    const done = (a: string) => (events(a).some((e) => e.type === 'IncursionEnded') ? true : undefined);
    await until('both incursions to open and close', () => done('SYAF-WS') && done('SYAF-HTTP'));
    assert.deepEqual(sensor.received, Array(12).fill({ ok: true, accepted: 1 }));
    const shape = (a: string): Record<string, unknown>[] =>
      events(a).map(({ type, data }) => {
        const { aircraft: _a, enteredAt: _e, exitedAt: _x, position: _p, ...rest } = data;
        return { type, ...rest };
      });
    assert.deepEqual(shape('SYAF-WS'), shape('SYAF-HTTP'));
    const [detected] = shape('SYAF-WS');
    assert.equal(detected?.['type'], 'IncursionDetected');
    assert.equal(detected['actor'], 'SY-AF');
    assert.equal(detected['cause'], 'no_exemption');
    assert.equal(detected['source'], 'US:us-operator', 'the source names the sender’s party and name');
    sensor.socket.close();
    feed.socket.close();
  });

  it('answers a bad message with every field at fault and keeps the connection', async () => {
    const sensor = open(`${ws}/api/v1/tracks/stream`, bearer('US', 'operator'));
    await sensor.opened;
    sensor.socket.send(
      JSON.stringify({ reports: [{ aircraft: 'SYAF-9', time: 'soon', position: [500, 0, 0] }] }),
    );
    sensor.socket.send('not json');
    sensor.socket.send(JSON.stringify(flight('SYAF-9', Date.now()).slice(0, 2)));
    const answers = await until('three answers', () =>
      sensor.received.length >= 3 ? (sensor.received as Answer[]) : undefined,
    );
    assert.deepEqual(
      answers[0]?.issues?.map((i) => i.pointer),
      ['/reports/0/time', '/reports/0/position'],
    );
    assert.deepEqual([answers[1]?.ok, answers[1]?.issues?.[0]?.pointer], [false, '']);
    assert.deepEqual(answers[2], { ok: true, accepted: 2 });
    sensor.socket.close();
  });

  it('refuses a client with no login (401) and a role that may not push tracks (403)', async () => {
    await assert.rejects(open(`${ws}/api/v1/tracks/stream`, {}).opened, /status 401/);
    await assert.rejects(open(`${ws}/api/v1/tracks/stream`, bearer('US', 'approver')).opened, /status 403/);
    const plain = await fetch(`${jig.url}/api/v1/tracks/stream`, { headers: bearer('US', 'operator') });
    assert.equal(plain.status, 426);
  });
});

describe('the WebSocket track stream under backpressure', () => {
  it('stops reading while the pipeline is saturated, resumes once drained, and drops nothing', async () => {
    const { pipeline, flush } = testPipeline({ capacity: 10, highWater: 4 });
    const h = await harness({ tracks: pipeline });
    try {
      const url = (await h.app.listen({ port: 0, host: '127.0.0.1' })).replace('http', 'ws');
      const sensor = open(`${url}/api/v1/tracks/stream`, h.auth('US', 'operator'));
      await sensor.opened;
      const batch = (n: number) => JSON.stringify([0, 1, 2].map((i) => wire(`AC-${n}-${i}`, n, 36)));
      sensor.socket.send(batch(1));
      sensor.socket.send(batch(2));
      await until('two answers', () => (sensor.received.length >= 2 ? true : undefined));
      assert.equal(pipeline.depth, 6, 'nothing drained yet: the queue is above the high-water mark');
      sensor.socket.send(batch(3));
      // The third batch waits in the socket, unread, while the pipeline is saturated.
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(sensor.received.length, 2);
      assert.equal(pipeline.counters.received, 6);
      flush();
      await until('the third answer', () => (sensor.received.length >= 3 ? true : undefined));
      flush();
      assert.deepEqual(sensor.received, Array(3).fill({ ok: true, accepted: 3 }));
      const c = pipeline.counters;
      assert.deepEqual([c.received, c.processed, c.dropped, c.refused], [9, 9, 0, 0]);
      sensor.socket.close();
    } finally {
      await h.close();
    }
  });
});
