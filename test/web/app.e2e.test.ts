import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, mapReady, noBrowser, screenshot, signIn } from '../support/browser.ts';
import { PASSWORD } from './fake-data.ts';
import { startFakeServer, type FakeServer } from './fake-api.ts';

describe('the web app against the fake API', { skip: noBrowser }, () => {
  let server: FakeServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    server = await startFakeServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in and shows the party, role and office of the user', async () => {
    await signIn(page, server.url, 'us.operator', PASSWORD);
    const who = await page.textContent('.who');
    assert.match(who ?? '', /us\.operator/);
    assert.match(who ?? '', /Party US/);
    assert.match(who ?? '', /Operator/);
    assert.match(who ?? '', /US national office/);
  });

  it('draws the offline basemap and the layers without a page error', async () => {
    await mapReady(page);
    await page.waitForFunction(() => document.querySelector('#side-panel .card') !== null);
    await page.waitForTimeout(500);
    await screenshot(page, 'app-us-operator');
    assert.deepEqual(errors, []);
  });

  it('draws a batch of live tracks from the feed and opens one when clicked', async () => {
    const time = new Date().toISOString();
    const track = (id: string, lon: number, lat: number) => ({
      id,
      actor: 'US-AF',
      owner: 'US',
      time,
      geometry: { type: 'Point', coordinates: [lon, lat, 6000] },
      headingDeg: 90,
      speedMps: 220,
      incursion: false,
      separationRisk: false,
    });
    // At Palmyra, where nothing else is drawn: its label gives the point on screen.
    server.broadcastRaw(
      JSON.stringify({
        kind: 'tracks',
        index: 0,
        tracks: [track('tk-palmyra', 38.269, 34.556), track('tk-2', 40, 33.5)],
      }),
    );
    const box = await page.locator('.place-label', { hasText: /^Palmyra$/ }).boundingBox();
    assert.ok(box);
    // Tracks reach the map on the next flush (at most a second apart): click until one is there.
    for (let i = 0; i < 40; i++) {
      await page.mouse.click(box.x - 4, box.y + box.height / 2);
      if (await page.isVisible('#detail')) break;
      await page.waitForTimeout(250);
    }
    assert.match((await page.textContent('#detail')) ?? '', /^Track: US-AF.*34\.55600N 38\.26900E/);
    await screenshot(page, 'app-live-track');
    assert.deepEqual(errors, []);
  });
});
