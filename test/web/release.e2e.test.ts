/**
 * What the RU office's browser receives, byte for byte: no HTTP response and no feed frame may
 * carry a record the server holds as the US office's own or sealed. The fake marks those
 * records with a canary string; pointed at the real server, the same test holds it to the rule.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, mapReady, noBrowser, signIn } from '../support/browser.ts';
import { startFakeServer, type FakeServer } from './fake-api.ts';
import { CANARY, PASSWORD } from './fake-data.ts';

describe("a party's page and the other party's restricted records", { skip: noBrowser }, () => {
  let server: FakeServer;
  let browser: Browser;
  let ruPage: Page;
  const received: string[] = [];

  before(async () => {
    server = await startFakeServer();
    browser = await launchBrowser();
    ruPage = await (await browser.newContext()).newPage();
    ruPage.on('response', (res) => {
      if (res.url().includes('/api/'))
        void res.text().then(
          (t) => received.push(t),
          () => undefined,
        );
    });
    ruPage.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('never receives a US office or sealed record, in lists or on the feed', async () => {
    await signIn(ruPage, server.url, 'ru.approver', PASSWORD);
    await mapReady(ruPage);
    // While the RU page listens, the US office files one restricted and one joint record.
    const usPage = await (await browser.newContext()).newPage();
    await signIn(usPage, server.url, 'us.operator', PASSWORD);
    for (const [release, name] of [
      ['office', `Office site ${CANARY}`],
      ['joint', 'Joint site'],
    ]) {
      const status = await usPage.evaluate(
        async (body) =>
          (
            await fetch('/api/v1/protected-sites', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            })
          ).status,
        { name, release, geometry: { type: 'Point', coordinates: [37.0, 36.0] }, buffer_m: 1000 },
      );
      assert.equal(status, 201);
    }
    await ruPage.waitForFunction(() => document.querySelectorAll('.place-label').length > 0);
    // The feed tells the RU page to refetch; wait until the joint record has come in.
    for (let i = 0; i < 100 && !received.some((t) => t.includes('Joint site')); i++)
      await ruPage.waitForTimeout(100);
    await ruPage.click('#tab-violations');
    assert.ok(
      received.some((t) => t.includes('Joint site')),
      'the joint record did reach the RU page',
    );
    assert.deepEqual(
      received.filter((t) => t.includes(CANARY)),
      [],
    );
  });
});
