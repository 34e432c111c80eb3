/**
 * One vetting round in two browsers, as the people at the joint center would run it: a US
 * operator draws nominations, the RU approver concurs, the US page updates live, then reads
 * the picture in Russian and as of a past moment, and checks the ledger in the browser.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../src/web/i18n/en.ts';
import { ru } from '../../src/web/i18n/ru.ts';
import { launchBrowser, mapReady, noBrowser, screenshot, signIn } from '../support/browser.ts';
import { startFakeServer, type FakeServer } from './fake-api.ts';
import { PASSWORD } from './fake-data.ts';

async function openTab(page: Page, id: string): Promise<void> {
  await page.click(`#tab-${id}`);
}

async function fillWindow(page: Page, from: string, to: string): Promise<void> {
  await page.fill('.field-window-from input', from);
  await page.fill('.field-window-to input', to);
}

/** Draws a point where the Aleppo label sits (its marker is anchored 4 px right of the place). */
async function drawAtAleppo(page: Page): Promise<void> {
  await page.click('.field-location button:has-text("Draw on map")');
  const label = page.locator('.place-label', { hasText: /^Aleppo$/ });
  const box = await label.boundingBox();
  assert.ok(box);
  await page.mouse.click(box.x - 4, box.y + box.height / 2);
  await page.waitForFunction(
    () => (document.querySelector<HTMLTextAreaElement>('.field-location textarea')?.value ?? '') !== '',
  );
}

describe('a vetting round across both offices', { skip: noBrowser }, () => {
  let server: FakeServer;
  let browser: Browser;
  let us: Page;
  let ru2: Page;

  before(async () => {
    server = await startFakeServer();
    browser = await launchBrowser();
    us = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    ru2 = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(us, server.url, 'us.operator', PASSWORD);
    await mapReady(us);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the server problem next to the field it names', async () => {
    await openTab(us, 'create');
    await us.fill('.field-group input', 'JN');
    await us.fill('.field-location textarea', '35.5, 38.0');
    await us.fill('.field-justification textarea', 'Staging area');
    await fillWindow(us, '2030-01-02T10:00', '2030-01-01T10:00');
    await us.click('.create-form button[type=submit]');
    await us.waitForSelector('.field-window-to .field-error:not(:empty)');
    assert.equal(
      await us.textContent('.field-window-to .field-error'),
      'must be after the start of the window',
    );
    assert.equal(await us.getAttribute('.field-window-to input', 'aria-invalid'), 'true');
    await screenshot(us, 'workflow-1-field-error');
  });

  it('draws a nomination on the map and sees it blocked by a protected site, with the reason', async () => {
    await fillWindow(us, '2030-01-01T10:00', '2030-01-02T10:00');
    await us.click('.create-form button[type=submit]');
    await us.waitForSelector('.create-form .ok:not(:empty)');
    await us.fill('.field-location textarea', '');
    await drawAtAleppo(us);
    await us.click('.create-form button[type=submit]');
    await openTab(us, 'queue');
    const blocked = us.locator('.nomination', { hasText: 'Blocked' }).last();
    await blocked.waitFor();
    assert.match(
      (await blocked.textContent()) ?? '',
      /Hospital "Aleppo field hospital" \(US\) \d+ m \/ 10000 m/,
    );
    await screenshot(us, 'workflow-2-blocked');
  });

  it('lets the RU approver concur, and the US page shows the change live', async () => {
    await signIn(ru2, server.url, 'ru.approver', PASSWORD);
    const waiting = ru2
      .locator('.nomination', { has: ru2.locator('button.concur') })
      .filter({ hasText: 'Pending' });
    await waiting.first().waitFor();
    await screenshot(ru2, 'workflow-3-ru-queue');
    const id = await waiting.first().getAttribute('data-id');
    await waiting.first().locator('button.concur').click();
    await us.waitForSelector(`.nomination[data-id="${id}"] .status-vetted`);
    await screenshot(us, 'workflow-4-us-sees-vetted');
  });

  it('switches to Russian with every string translated', async () => {
    await us.selectOption('.topbar select >> nth=0', 'ru');
    await us.waitForFunction(() => document.documentElement.lang === 'ru');
    for (const tab of ['queue', 'alerts', 'violations', 'ledger', 'create']) {
      await openTab(us, tab);
      // Untranslated UI text would be a whole text node equal to an English entry.
      const nodes = await us.evaluate(() => {
        const out: string[] = [];
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) out.push((walk.currentNode.textContent ?? '').trim());
        return out;
      });
      const shown = new Set(nodes);
      const left = Object.entries(en).filter(
        ([k, v]) => v !== ru[k as keyof typeof ru] && shown.has(v.replace(/\{\w+\}/g, '').trim()),
      );
      assert.deepEqual(left, [], `English left on the ${tab} tab`);
    }
    await openTab(us, 'queue');
    assert.match((await us.textContent('.who')) ?? '', /Сторона US/);
    await screenshot(us, 'workflow-5-russian');
  });

  it('shows the picture as of a moment before the nominations, without them', async () => {
    const before = await us.locator('.nomination').count();
    await us.$eval('#time-range', (el) => {
      const input = el as HTMLInputElement;
      input.value = input.min;
      input.dispatchEvent(new Event('change'));
    });
    await us.waitForSelector('#time-shown.past');
    await us.waitForFunction((n) => document.querySelectorAll('.nomination').length < n, before);
    assert.equal(await us.locator('.nomination').count(), 2);
    await screenshot(us, 'workflow-6-as-of-past');
    await us.click('#time-live');
    await us.waitForFunction((n) => document.querySelectorAll('.nomination').length === n, before);
  });

  it('verifies the cosigned checkpoint and an inclusion proof in the browser', async () => {
    await openTab(us, 'ledger');
    await us.click('.side-panel section >> nth=0 >> button');
    await us.waitForSelector('.ledger-out p.ok');
    await us.fill('.inline-form input >> nth=0', '3');
    await us.click('.inline-form button >> nth=0');
    await us.waitForSelector('.inline-form p.ok');
    await screenshot(us, 'workflow-7-ledger');
  });
});
