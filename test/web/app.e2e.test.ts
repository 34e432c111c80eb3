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
});
