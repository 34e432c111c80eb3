/**
 * What a newcomer does: a fresh clone, `npm ci`, `npm start`. Within 60 seconds of `npm start`
 * the page answers and a login works; tracks move on the map (screenshots); an incursion alert
 * arrives on the live feed; `jig ledger export` then `jig ledger verify` succeed.
 *
 * The clone is taken from the committed HEAD of this repository. `JIG_E2E_CLONE=0` runs the same
 * checks against this working tree instead (no clone, no `npm ci`), for quick local runs.
 * `JIG_UPDATE_DOCS=1` copies the screenshots to docs/screenshots/ for the README.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { launchBrowser, mapReady, noBrowser, screenshot, signIn } from '../support/browser.ts';
import { repoRoot } from '../support/paths.ts';

const fresh = process.env['JIG_E2E_CLONE'] !== '0';
const port = 18_000 + Math.floor(Math.random() * 1000);
const url = `http://127.0.0.1:${port}`;
const work = mkdtempSync(join(tmpdir(), 'jig-npm-start-'));
const dir = fresh ? join(work, 'jig') : repoRoot;
const dataDir = fresh ? join(dir, 'data') : join(work, 'data');
let server: ChildProcess | undefined;
let log = '';

function sh(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a newcomer runs npm start', { skip: noBrowser || undefined }, () => {
  before(() => {
    if (!fresh) return;
    sh('git', ['clone', '--quiet', repoRoot, dir], work);
    // The conformance vectors sit beside the repository, as in CI.
    symlinkSync(join(repoRoot, '..', 'shared'), join(work, 'shared'));
    sh('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  });

  after(async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(work, { recursive: true, force: true });
  });

  it('shows the live joint picture, raises an incursion and keeps a verifiable ledger', async () => {
    const args = ['start', '--', '--port', String(port), '--speed', '30', '--db', join(dataDir, 'jig.db')];
    server = spawn('npm', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.on('data', (b: Buffer) => (log += b.toString()));
    server.stderr?.on('data', (b: Buffer) => (log += b.toString()));

    // Within 60 seconds of `npm start` the page answers.
    await waitFor('the page answering', 60_000, async () => ((await fetch(url)).ok ? true : undefined));
    await waitFor('the logins printed', 60_000, () =>
      Promise.resolve(/us-operator\s+exercise-us-operator/.test(log) ? true : undefined),
    );

    // An incursion alert arrives on the feed of a RU monitor.
    const login = await fetch(`${url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ru-monitor', password: 'exercise-ru-monitor' }),
    });
    assert.equal(login.status, 200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const feed = new WebSocket(`ws://127.0.0.1:${port}/api/v1/feed?from=0`, { headers: { cookie } });
    const incursion = new Promise<unknown>((resolve) =>
      feed.on('message', (raw: Buffer) => {
        const m = JSON.parse(raw.toString()) as { kind?: string; event?: { type?: string } };
        if (m.kind === 'event' && m.event?.type === 'IncursionDetected') resolve(m.event);
      }),
    );

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await signIn(page, url, 'us-operator', 'exercise-us-operator');
      await mapReady(page);
      await page.waitForTimeout(3000);
      const first = await screenshot(page, 'npm-start-1-live-map');
      await page.waitForTimeout(4000);
      const second = await screenshot(page, 'npm-start-2-tracks-moved');
      const tracks = await fetch(`${url}/api/v1/tracks`, { headers: { cookie } }).then(
        (r) => r.json() as Promise<{ items: { id: string; geometry: { coordinates: number[] } }[] }>,
      );
      assert.ok(tracks.items.length >= 10, 'aircraft are on the picture');
      if (process.env['JIG_UPDATE_DOCS'] === '1') {
        mkdirSync(join(repoRoot, 'docs', 'screenshots'), { recursive: true });
        copyFileSync(first, join(repoRoot, 'docs', 'screenshots', 'npm-start-live-map.png'));
        copyFileSync(second, join(repoRoot, 'docs', 'screenshots', 'npm-start-tracks-moved.png'));
      }
    } finally {
      await browser.close();
    }
    const event = await Promise.race([
      incursion,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no incursion on the feed\n${log}`)), 60_000),
      ),
    ]);
    assert.ok(event);
    feed.close();

    // Export and verify the ledger offline while the server runs.
    const out = join(work, 'ledger.jsonl');
    sh(
      process.execPath,
      ['bin/jig.mjs', 'ledger', 'export', '--db', join(dataDir, 'jig.db'), '--out', out],
      dir,
    );
    sh(process.execPath, ['bin/jig.mjs', 'ledger', 'verify', '--allow-partial', out], dir);
  });
});
