/**
 * The web app under a busy sky: 2,000 synthetic live tracks (seeded PRNG) each reporting once a
 * second over the feed, in headless Chromium with software WebGL. Measures frame time (from
 * requestAnimationFrame) and input latency (a pointer down on a tab, or a key press on the tab
 * strip, until the next frame after it is handled). `--tracks N` and `--seconds S` change the
 * load; the reports go out as one `tracks` batch message a second, or with `--single` as one
 * `track` message each; `--screenshot` saves test-results/web-bench.png.
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { launchBrowser, mapReady, noBrowser, screenshot, signIn } from '../../test/support/browser.ts';
import { startFakeServer } from '../../test/web/fake-api.ts';
import { PASSWORD } from '../../test/web/fake-data.ts';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function flag(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** Milliseconds from each input event of `type` to the next frame after it. */
async function inputLatency(
  page: Page,
  type: string,
  rnd: () => number,
  act: (i: number) => Promise<void>,
): Promise<number[]> {
  await page.evaluate(`(() => {
    window.lat_ = [];
    document.addEventListener('${type}', (e) => requestAnimationFrame(() => window.lat_.push(performance.now() - e.timeStamp)), { capture: true });
  })()`);
  for (let i = 0; i < 16; i++) {
    await act(i);
    // Irregular gaps (seeded) over several seconds, so that events fall at every phase of the
    // track updates rather than in step with them.
    await page.waitForTimeout(100 + 400 * rnd());
  }
  return page.evaluate<number[]>(`(() => { const l = window.lat_; window.lat_ = []; return l; })()`);
}

export async function run({ json, args }: { json: boolean; args: string[] }): Promise<void> {
  if (noBrowser) return void console.log(noBrowser);
  const n = flag(args, '--tracks', 2000);
  const seconds = flag(args, '--seconds', 8);
  const rnd = prng(42);
  const tracks = Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    actor: i % 3 ? 'RU-AF' : 'US-AF',
    party: i % 3 ? 'RU' : 'US',
    lon: 35.8 + rnd() * 6,
    lat: 32.5 + rnd() * 4.5,
    heading_deg: rnd() * 360,
    speed_mps: 150 + rnd() * 100,
  }));
  const server = await startFakeServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, server.url, 'us.operator', PASSWORD);
    await mapReady(page);
    await page.waitForSelector('#side-panel .card');
    const single = args.includes('--single');
    const tick = () => {
      const time = new Date().toISOString();
      const batch = [];
      for (const t of tracks) {
        const r = (t.heading_deg * Math.PI) / 180;
        t.lon += 0.002 * Math.sin(r);
        t.lat += 0.002 * Math.cos(r);
        const data = { ...t, alt_m: 5000, time };
        if (single) server.broadcastRaw(JSON.stringify({ kind: 'tracks', index: 0, tracks: [data] }));
        else batch.push(data);
      }
      if (!single && batch.length > 0)
        server.broadcastRaw(JSON.stringify({ kind: 'tracks', index: 0, tracks: batch }));
    };
    tick();
    const timer = setInterval(tick, 1000);
    // Passed as text: the test loader would wrap named functions in a helper the page lacks.
    await page.evaluate(`(() => {
      window.flushes_ = 0;
      new PerformanceObserver((l) => (window.flushes_ += l.getEntriesByName('jig:tracks-flush').length)).observe({ type: 'mark' });
      window.frames_ = [];
      let last = performance.now();
      const f = (now) => { window.frames_.push(now - last); last = now; requestAnimationFrame(f); };
      requestAnimationFrame(f);
    })()`);
    await page.waitForTimeout(seconds * 1000);
    const frames = (await page.evaluate<number[]>('window.frames_')).slice(5);
    const flushes = await page.evaluate<number>('window.flushes_');
    const latency = await inputLatency(page, 'pointerdown', rnd, (i) =>
      page.click(i % 2 ? '#tab-alerts' : '#tab-queue'),
    );
    await page.focus('#tab-queue');
    const keys = await inputLatency(page, 'keydown', rnd, (i) =>
      page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight'),
    );
    if (args.includes('--screenshot')) console.log(`screenshot: ${await screenshot(page, 'web-bench')}`);
    clearInterval(timer);
    const shown = await page.evaluate(() => document.querySelectorAll('.maplibregl-canvas').length);
    const figures = [
      { metric: 'frame_ms_p50', value: pct(frames, 50), unit: 'ms' },
      { metric: 'frame_ms_p95', value: pct(frames, 95), unit: 'ms' },
      {
        metric: 'fps_mean',
        value: (1000 * frames.length) / frames.reduce((a, b) => a + b, 0),
        unit: 'frames/s',
      },
      { metric: 'track_redraws_per_s', value: flushes / seconds, unit: '/s' },
      { metric: 'input_latency_ms_p50', value: pct(latency, 50), unit: 'ms' },
      { metric: 'input_latency_ms_max', value: Math.max(...latency), unit: 'ms' },
      { metric: 'key_latency_ms_p50', value: pct(keys, 50), unit: 'ms' },
      { metric: 'key_latency_ms_max', value: Math.max(...keys), unit: 'ms' },
      { metric: 'load_avg_1m', value: loadavg()[0] ?? NaN, unit: '' },
    ];
    const how = single ? 'one message per report' : 'one batch a second';
    for (const f of figures) {
      if (json)
        console.log(JSON.stringify({ bench: 'web', tracks: n, ...f, value: Math.round(f.value * 10) / 10 }));
      else
        console.log(
          `${f.metric.padEnd(22)} ${f.value.toFixed(1)} ${f.unit}  (${n} tracks at 1 Hz, ${how}, ${shown} map)`,
        );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
