import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runDemo } from '../../src/cli/demo/run.ts';
import { repoRoot } from '../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'jig-demo-'));
const db = join(dir, 'data', 'jig.db');
after(() => rmSync(dir, { recursive: true, force: true }));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('jig demo', () => {
  it('seeds the scenario, flies the air picture, raises an incursion, and keeps a verifiable ledger across a restart', async () => {
    const options = { port: 0, host: '127.0.0.1', db, speed: 60, seed: 2016, reset: true, quiet: true };
    const first = await runDemo(options);
    const viewer = { person: 'x' as never, name: 'x', party: 'RU' as never, role: 'monitor' as const };
    const incursion = await waitFor('an incursion alert', async () => {
      const alerts = await first.jig.service.list(viewer, 'alerts');
      return alerts.find((a) => a['kind'] === 'incursion');
    });
    assert.equal(incursion['actor'], 'SY-AF');
    assert.ok((await first.jig.service.list(viewer, 'tracks')).length >= 10, 'aircraft are on the picture');
    const figures = await first.jig.service.figures(viewer);
    assert.ok(figures.total.reports >= 6, 'the scenario reports count');
    assert.ok(figures.byGovernorate.some((r) => r.key === 'Aleppo'));
    const login = await fetch(`${first.jig.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ru-monitor', password: 'exercise-ru-monitor' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csv = await fetch(`${first.jig.url}/api/v1/violations/report.csv`, { headers: { cookie } });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(await csv.text(), /Aleppo/);
    const html = await fetch(`${first.jig.url}/api/v1/violations/report.html`, { headers: { cookie } });
    assert.match(await html.text(), /<table/);
    // Sensors post batches over HTTP; the counters show them.
    const opLogin = await fetch(`${first.jig.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'us-operator', password: 'exercise-us-operator' }),
    });
    const opCookie = (opLogin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const now = new Date(Date.now()).toISOString();
    const posted = await fetch(`${first.jig.url}/api/v1/tracks`, {
      method: 'POST',
      headers: { cookie: opCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ reports: [{ aircraft: '00123', time: now, position: [36.2, 35.2, 3000] }] }),
    });
    assert.ok([202, 200].includes(posted.status), await posted.text());
    const metrics = await fetch(`${first.jig.url}/api/v1/metrics`, { headers: { cookie } }).then((r) =>
      r.text(),
    );
    assert.match(metrics, /^# (HELP|TYPE) /m);
    const bad = await fetch(`${first.jig.url}/api/v1/tracks`, {
      method: 'POST',
      headers: { cookie: opCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ reports: [{ aircraft: 'x', time: 'soon', position: [500, 0, 0] }] }),
    });
    assert.equal(bad.status, 400);
    await first.stop();

    const out = join(dir, 'export.jsonl');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(repoRoot, 'bin', 'jig.mjs'), ...args], { encoding: 'utf8' });
    const exported = run('ledger', 'export', '--db', db, '--out', out);
    assert.equal(exported.status, 0, exported.stderr);
    const verified = run('ledger', 'verify', out);
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);

    const second = await runDemo({ ...options, reset: false });
    const alerts = await second.jig.service.list(viewer, 'alerts');
    assert.ok(
      alerts.some((a) => a['id'] === incursion['id']),
      'the data persisted across the restart',
    );
    await second.stop();
  });
});
