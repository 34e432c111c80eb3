/**
 * The web app against the real jig (startJig on a temporary database): a US operator draws a
 * nomination next to a site the RU office registered and sees it blocked with the reason; the RU
 * approver concurs on another nomination in a second browser and the US page shows it vetted
 * live; then the US page reads in Russian and goes back to a moment before the nominations.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, mapReady, noBrowser, screenshot, signIn } from '../support/browser.ts';
import { repoRoot } from '../support/paths.ts';
import { startRealJig, windowAround, type Account, type RealJig } from './real-server.ts';

const HOUR = 3600_000;
const docs = join(repoRoot, 'docs', 'screenshots');
/** The key steps are copied into the docs only when asked, so a test run leaves the tree clean. */
const updateDocs = process.env['JIG_UPDATE_SCREENSHOTS'] === '1';

async function shot(page: Page, name: string, keep = false): Promise<void> {
  const path = await screenshot(page, name);
  if (!keep || !updateDocs) return;
  mkdirSync(docs, { recursive: true });
  copyFileSync(path, join(docs, `${name}.png`));
}

/** Draws a point where the Aleppo label sits (its marker is anchored 4 px right of the place). */
async function drawAtAleppo(page: Page): Promise<void> {
  await page.click('.field-location button:has-text("Draw on map")');
  const box = await page.locator('.place-label', { hasText: /^Aleppo$/ }).boundingBox();
  assert.ok(box);
  await page.mouse.click(box.x - 4, box.y + box.height / 2);
  await page.waitForFunction(
    () => (document.querySelector<HTMLTextAreaElement>('.field-location textarea')?.value ?? '') !== '',
  );
}

/** `datetime-local` text (UTC) of a moment. */
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('the web app against the real server', { skip: noBrowser }, () => {
  let real: RealJig;
  let browser: Browser;
  let us: Page;
  let ru: Page;
  let usOperator: Account;
  let ruApprover: Account;
  let usApprover: Account;

  before(async () => {
    real = await startRealJig();
    // Two hours ago, the RU office registered a hospital in Aleppo for everyone to see.
    real.offsetMs = -2 * HOUR;
    const ruOperator = await real.account('RU', 'operator');
    await real.call(ruOperator, 'POST', '/api/v1/protected-sites', {
      name: 'Aleppo field hospital',
      category: 'hospital',
      geometry: { type: 'Point', coordinates: [37.16, 36.21] },
      bufferM: 10000,
      release: 'joint',
    });
    // Back to now: sessions opened two hours ago would have expired.
    real.offsetMs = 0;
    usOperator = await real.account('US', 'operator');
    usApprover = await real.account('US', 'approver');
    ruApprover = await real.account('RU', 'approver');
    browser = await launchBrowser();
    us = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    ru = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(us, real.url, usOperator.name, usOperator.password);
    await mapReady(us);
  });
  after(async () => {
    await browser?.close();
    await real?.close();
  });

  it('draws a nomination by the RU hospital and sees it blocked, with the reason', async () => {
    await us.click('#tab-create');
    await us.fill('.field-group input', 'NUSRA');
    await us.fill('.field-justification textarea', 'Command post observed');
    await us.fill('.field-window-from input', local(Date.now() - HOUR));
    await us.fill('.field-window-to input', local(Date.now() + 6 * HOUR));
    await drawAtAleppo(us);
    await shot(us, 'real-1-drawn', true);
    await us.click('.create-form button[type=submit]');
    await us.waitForSelector('.create-form .ok:not(:empty)');
    await us.click('#tab-queue');
    const blocked = us.locator('.nomination', { hasText: 'Blocked' }).last();
    await blocked.waitFor();
    assert.match(
      (await blocked.textContent()) ?? '',
      /Hospital "Aleppo field hospital" \(RU\) \d+ m \/ 10000 m/,
    );
    await shot(us, 'real-2-blocked', true);
  });

  it('shows live on the US page the RU approver’s concurrence on another nomination', async () => {
    const created = await real.call(usOperator, 'POST', '/api/v1/nominations', {
      group: 'NUSRA',
      location: { type: 'Point', coordinates: [38.3, 35.3] },
      justification: 'Weapons depot',
      window: windowAround(Date.now()),
      executors: ['US'],
    });
    const id = String(created['id']);
    await real.call(usApprover, 'POST', `/api/v1/nominations/${id}/decisions`, { concur: true });
    await us.locator(`.nomination[data-id="${id}"] .status-pending`).waitFor();
    await signIn(ru, real.url, ruApprover.name, ruApprover.password);
    const card = ru.locator(`.nomination[data-id="${id}"]`, { has: ru.locator('button.concur') });
    await card.waitFor();
    await shot(ru, 'real-3-ru-queue', true);
    await card.locator('button.concur').click();
    await us.locator(`.nomination[data-id="${id}"] .status-vetted`).waitFor();
    await shot(us, 'real-4-us-sees-vetted', true);
  });

  it('reads in Russian, and shows the picture before the nominations without them', async () => {
    await us.selectOption('.topbar select >> nth=0', 'ru');
    await us.waitForFunction(() => document.documentElement.lang === 'ru');
    assert.match((await us.textContent('.who')) ?? '', /Сторона US/);
    await shot(us, 'real-5-russian', true);
    assert.equal(await us.locator('.nomination').count(), 2);
    // An hour ago: after the hospital was registered, before either nomination.
    await us.$eval(
      '#time-range',
      (el, at) => {
        const input = el as HTMLInputElement;
        input.value = String(at);
        input.dispatchEvent(new Event('change'));
      },
      Date.now() - HOUR,
    );
    await us.waitForSelector('#time-shown.past');
    await us.waitForFunction(() => document.querySelectorAll('.nomination').length === 0);
    await shot(us, 'real-6-as-of-past', true);
  });
});
