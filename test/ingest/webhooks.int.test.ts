// Alert webhooks of a whole server (`startJig`): a real HTTP receiver on this machine that fails
// its first two requests; every kind of alert reaches it, retried with backoff, and the counters
// show at /api/v1/metrics. A bad URL is refused at start, by startJig and by `jig serve`.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { startJig, type RunningJig } from '../../src/cli/start.ts';
import { partyId } from '../../src/core/index.ts';
import { CHEAP_SCRYPT } from '../store/people-contract.ts';

const IDLIB = [36.63, 35.93] as const;
const iso = (ms: number) => new Date(ms).toISOString();
const square = (c: readonly [number, number], d: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [c[0] - d, c[1] - d],
      [c[0] + d, c[1] - d],
      [c[0] + d, c[1] + d],
      [c[0] - d, c[1] + d],
      [c[0] - d, c[1] - d],
    ],
  ],
});

/** Answers 503 to its first `failures` requests, then 204; keeps every body it was sent. */
function receiver(failures: number) {
  const bodies: Record<string, unknown>[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests++;
      if (requests <= failures) return void res.writeHead(503).end();
      bodies.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  return {
    bodies,
    requests: () => requests,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('alert webhooks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jig-hooks-'));
  const hook = receiver(2);
  let jig: RunningJig;
  const tokens = new Map<string, string>();
  const call = async (who: string, path: string, body: unknown) => {
    const res = await fetch(`${jig.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.ok(res.status < 300, `${path}: ${res.status} ${await res.text()}`);
  };

  before(async () => {
    const url = await hook.listen();
    jig = await startJig({
      db: join(dir, 'jig.db'),
      web: false,
      directory: { scrypt: CHEAP_SCRYPT },
      webhooks: [url],
      webhookTuning: { baseDelayMs: 50, maxAttempts: 5 },
    });
    for (const party of ['US', 'RU']) {
      const added = await jig.people.add({
        name: `${party.toLowerCase()}-operator`,
        party: partyId(party),
        role: 'operator',
      });
      tokens.set(party, added.token);
    }
  });
  after(async () => {
    await jig.close();
    await hook.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts every kind of alert, retrying the failed attempts, and counts them at /api/v1/metrics', async () => {
    const now = Date.now();
    await call('US', '/api/v1/commands', {
      type: 'RegisterDesignatedArea',
      name: 'Idlib designated area',
      area: square(IDLIB, 0.2),
      window: { from: iso(now - 3_600_000), to: iso(now + 3_600_000) },
    });
    // Two filed routes of one party through the same place at the same time: a conflict.
    for (const aircraft of ['SYAF-201', 'SYAF-202'])
      await call('RU', '/api/v1/commands', {
        type: 'FileFlight',
        actor: 'SY-AF',
        aircraft,
        route: [
          { position: [IDLIB[0] - 0.5, IDLIB[1]], time: iso(now + 2 * 3_600_000) },
          { position: [IDLIB[0] + 0.5, IDLIB[1]], time: iso(now + 2.5 * 3_600_000) },
        ],
        band: { minM: 3000, maxM: 3500 },
      });
    const report = (
      aircraft: string,
      actor: string,
      dt: number,
      lon: number,
      lat: number,
      courseDeg: number,
    ) => ({
      aircraft,
      actor,
      time: iso(now + dt),
      position: [lon, lat, 3000],
      velocity: { speedMps: 200, courseDeg },
    });
    await call('US', '/api/v1/tracks', {
      reports: [
        // An SY-AF aircraft across the area: incursion opened, then closed.
        ...[-0.3, -0.1, 0.1, 0.3].map((d, i) =>
          report('SYAF-101', 'SY-AF', -4000 + i * 1000, IDLIB[0] + d, IDLIB[1], 90),
        ),
        // A US and an RU aircraft head on, north of the area, then apart: raised, then cleared.
        report('US-1', 'US', -5000, 37.0, 36.5, 90),
        report('RU-1', 'RU', -5000, 37.2, 36.5, 270),
        report('US-1', 'US', 0, 37.25, 36.5, 90),
        report('RU-1', 'RU', 0, 36.95, 36.5, 270),
      ],
    });
    const kinds = () => new Set(hook.bodies.map((b) => b['kind']));
    const all = [
      'incursion_started',
      'incursion_ended',
      'separation_risk',
      'separation_cleared',
      'flight_conflict',
    ];
    await until('every kind of alert at the receiver', () => all.every((k) => kinds().has(k)));
    const started = hook.bodies.find((b) => b['kind'] === 'incursion_started');
    assert.equal(started?.['aircraft'], 'SYAF-101');
    assert.equal(started['at'], iso(now - 3000), 'times are RFC 3339');
    assert.equal(started['source'], 'US:us-operator');
    const conflict = hook.bodies.find((b) => b['kind'] === 'flight_conflict');
    assert.deepEqual(conflict?.['parties'], ['RU']);
    assert.match(String(conflict['alert']), /\S/, 'a conflict carries its alert id');
    const counters = jig.webhooks?.delivery.counters;
    await until('nothing pending', () => counters?.pending === 0);
    assert.equal(hook.requests(), hook.bodies.length + 2, 'two attempts failed');
    assert.deepEqual(counters, {
      delivered: hook.bodies.length,
      retried: 2,
      failed: 0,
      dropped: 0,
      pending: 0,
    });
    const metrics = await fetch(`${jig.url}/api/v1/metrics`, {
      headers: { authorization: `Bearer ${tokens.get('US')}` },
    }).then((r) => r.text());
    assert.match(
      metrics,
      new RegExp(`^jig_webhook_deliveries_total\\{outcome="delivered"\\} ${hook.bodies.length}$`, 'm'),
    );
    assert.match(metrics, /^jig_webhook_deliveries_total\{outcome="retried"\} 2$/m);
    assert.match(metrics, /^jig_webhook_deliveries_total\{outcome="failed"\} 0$/m);
    assert.match(metrics, /^jig_webhook_deliveries_total\{outcome="dropped"\} 0$/m);
    assert.match(metrics, /^jig_webhook_pending 0$/m);
  });
});

describe('webhook URLs', () => {
  it('are refused at start unless http(s), each named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jig-hooks-bad-'));
    try {
      await assert.rejects(
        startJig({
          db: join(dir, 'jig.db'),
          web: false,
          webhooks: ['https://ok.example/a', 'ftp://x/y', 'nope'],
        }),
        (e: Error) =>
          /ftp:\/\/x\/y: expected an http:\/\/ or https:\/\/ URL/.test(e.message) &&
          /nope: not a URL/.test(e.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('make `jig serve` exit 1 with the reason, from --webhook or $JIG_WEBHOOKS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jig-hooks-serve-'));
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    process.env['JIG_WEBHOOKS'] = 'http://127.0.0.1:9/ok, mailto:ops@example.org';
    try {
      const code = await main([
        'node',
        'jig',
        'serve',
        '--db',
        join(dir, 'jig.db'),
        '--port',
        '0',
        '--webhook',
        'http://user:pw@127.0.0.1/x',
      ]);
      assert.equal(code, 1);
      assert.match(errors.join('\n'), /http:\/\/user:pw@127\.0\.0\.1\/x: put no credentials in the URL/);
      assert.match(errors.join('\n'), /mailto:ops@example\.org: expected an http:\/\/ or https:\/\/ URL/);
    } finally {
      console.error = original;
      delete process.env['JIG_WEBHOOKS'];
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
