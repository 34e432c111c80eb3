/**
 * Every create form of the web app against the real jig (startJig on a temporary database), each
 * as the role the rules want: a RU liaison notifies a convoy, which the US operator's page shows
 * live and a US liaison acknowledges; the US operator reports a violation, files a flight, sends a
 * notice and records an imminent-threat action, and sees each appear. A bad field comes back from
 * the server beside that field. A newcomer with a one-time password must choose a new one before
 * anything else, in English and in Russian.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, mapReady, noBrowser, screenshot, signIn } from '../support/browser.ts';
import { startRealJig, type Account, type RealJig } from './real-server.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** `datetime-local` text (UTC) of a moment. */
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function openForm(page: Page, form: string): Promise<void> {
  await page.click('#tab-create');
  await page.selectOption('.form-chooser select', form);
  await page.waitForSelector(`.create-form[data-form="${form}"]`);
}

/** The input of a create-form field, by its path (`movement/window/from`). */
const field = (path: string, tag = 'input') => `.create-form .field-${path.replace(/\//g, '-')} ${tag}`;
const errorOf = (path: string) => `.create-form .field-${path.replace(/\//g, '-')} .field-error`;

async function submit(page: Page): Promise<void> {
  await page.click('.create-form button[type=submit]');
}

/** Submits and waits for the server's yes; the new record's id. */
async function created(page: Page): Promise<string> {
  await submit(page);
  const ok = page.locator('.create-form .ok:not(:empty)');
  await ok.waitFor();
  const id = await ok.getAttribute('data-id');
  assert.ok(id);
  return id;
}

/** Signs in through the form without waiting for the app (a newcomer gets the password prompt). */
async function logIn(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('.login-form button[type=submit]');
}

describe('every create form against the real server', { skip: noBrowser }, () => {
  let real: RealJig;
  let browser: Browser;
  let us: Page;
  let ru: Page;
  let usOperator: Account;
  let ruLiaison: Account;
  let movement = '';

  const page = async () => {
    const p = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    if (process.env['DEBUG_FORMS'])
      p.on('response', async (r) => {
        if (r.request().method() === 'POST') console.log(r.url(), r.status(), await r.text().catch(() => ''));
      });
    return p;
  };

  before(async () => {
    real = await startRealJig();
    usOperator = await real.account('US', 'operator');
    ruLiaison = await real.account('RU', 'liaison');
    browser = await launchBrowser();
    us = await page();
    ru = await page();
    await signIn(us, real.url, usOperator.name, usOperator.password);
    await mapReady(us);
    await signIn(ru, real.url, ruLiaison.name, ruLiaison.password);
    await mapReady(ru);
  });
  after(async () => {
    await browser?.close();
    await real?.close();
  });

  it('notifies a convoy as the RU liaison; the US page shows it live', async () => {
    await openForm(ru, 'movement');
    await ru.selectOption(field('movement/kind', 'select'), 'convoy');
    await ru.fill(field('movement/name'), 'Castello road convoy');
    // One line in degrees, one in MGRS.
    await ru.fill(field('movement/route', 'textarea'), '36.2695, 37.0739\n37SCA3052913760\n36.205N 37.175E');
    await ru.fill(field('movement/corridorWidthM'), '2000');
    await ru.fill(field('movement/window/from'), local(Date.now() + HOUR));
    await ru.fill(field('movement/window/to'), local(Date.now() + 8 * HOUR));
    await ru.fill(field('movement/vehicles', 'textarea'), '12 trucks\n2 ambulances');
    await ru.fill(field('movement/destination/name'), 'Aleppo East');
    await ru.check(field('movement/destination/besieged'));
    await screenshot(ru, 'forms-1-movement');
    movement = await created(ru);
    await ru.click('#tab-humanitarian');
    await ru.locator(`.card.movements[data-id="${movement}"]`).waitFor();
    // The other party's page hears of it through the live feed, without asking.
    await us.click('#tab-humanitarian');
    const card = us.locator(`.card.movements[data-id="${movement}"]`);
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Castello road convoy[\s\S]*Aleppo East/);
  });

  it('reports a violation; a negative casualty count comes back beside its field', async () => {
    await openForm(us, 'violation');
    await us.selectOption(field('kind', 'select'), 'shelling');
    await us.fill(field('place', 'textarea'), '36.205N 37.175E');
    await us.fill(field('time/at'), local(Date.now() - 30 * MIN));
    await us.fill(field('casualties/killed'), '-1');
    await us.fill(field('casualties/injured'), '4');
    await us.fill(field('narrative', 'textarea'), 'Mortar rounds on the market');
    await submit(us);
    await us.waitForSelector(`${errorOf('casualties/killed')}:not(:empty)`);
    assert.equal(await us.getAttribute(field('casualties/killed'), 'aria-invalid'), 'true');
    assert.equal(await us.textContent(errorOf('narrative')), '');
    await screenshot(us, 'forms-2-violation-field-error');
    await us.fill(field('casualties/killed'), '1');
    const id = await created(us);
    await us.click('#tab-violations');
    const card = us.locator(`.card.violation[data-id="${id}"]`);
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Shelling/);
  });

  it('files a flight; a departure too soon is refused at the departure field', async () => {
    await openForm(us, 'flight');
    assert.equal(await us.inputValue(field('actor')), 'US');
    await us.fill(field('aircraft'), 'AE1234');
    await us.fill(field('route', 'textarea'), '36.0, 37.0\n36.3, 37.4\n36.6, 37.2');
    await us.fill(field('departure'), local(Date.now() + 10 * MIN));
    await us.fill(field('arrival'), local(Date.now() + 3 * HOUR));
    await us.fill(field('band/minM'), '3000');
    await us.fill(field('band/maxM'), '6000');
    await submit(us);
    await us.waitForSelector(`${errorOf('departure')}:not(:empty)`);
    assert.match((await us.textContent(errorOf('departure'))) ?? '', /60 minutes/);
    assert.equal(await us.textContent(errorOf('arrival')), '');
    await screenshot(us, 'forms-3-flight-field-error');
    await us.fill(field('departure'), local(Date.now() + 2 * HOUR));
    const id = await created(us);
    await us.click('#tab-flights');
    const card = us.locator(`.card.flights[data-id="${id}"]`);
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /3000–6000/);
  });

  it('sends a notice of a synchronized operation over an area drawn on the map', async () => {
    await openForm(us, 'notice');
    await us.fill(field('group'), 'isil');
    await us.fill(field('window/from'), local(Date.now() + HOUR));
    await us.fill(field('window/to'), local(Date.now() + 5 * HOUR));
    await us.click('.field-area button:has-text("Draw on map")');
    const box = await us.locator('.maplibregl-canvas').boundingBox();
    assert.ok(box);
    const at = (dx: number, dy: number) =>
      us.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
    await at(-60, -40);
    await at(60, -40);
    await at(0, 50);
    await us.click('.field-area button:has-text("Finish shape")');
    assert.equal((await us.inputValue(field('area', 'textarea'))).split('\n').length, 3);
    await screenshot(us, 'forms-4-notice-drawn');
    const id = await created(us);
    await us.click('#tab-operations');
    await us.locator(`.card.notices[data-id="${id}"]`).waitFor();
  });

  it('records an imminent-threat action at a point typed in MGRS', async () => {
    await openForm(us, 'imminent-action');
    await us.fill(field('group'), 'NUSRA');
    await us.fill(field('location', 'textarea'), '37SCA3593508230');
    await us.fill(field('actionAt'), local(Date.now() - 2 * HOUR));
    await us.fill(field('threat', 'textarea'), 'Mortar team firing on a partner position');
    const id = await created(us);
    await us.click('#tab-operations');
    const card = us.locator(`.card.imminent-actions[data-id="${id}"]`);
    await card.waitFor();
    await screenshot(us, 'forms-5-operations');
  });

  it('makes a newcomer choose a password first, errors at the field; then they confirm receipt', async () => {
    const oneTime = await real.newcomer('us-newcomer', 'US', 'liaison');
    const p = await page();
    await logIn(p, real.url, 'us-newcomer', oneTime);
    await p.waitForSelector('.password-form');
    assert.equal(await p.isHidden('#app'), true);
    // Keyboard only: the current password has the focus, Tab moves on, Enter submits.
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'password-current');
    await p.keyboard.type(oneTime);
    await p.keyboard.press('Tab');
    await p.keyboard.type('short');
    await p.keyboard.press('Tab');
    await p.keyboard.type('short');
    await p.keyboard.press('Enter');
    await p.waitForSelector('.field-password-next .field-error:not(:empty)');
    assert.equal(await p.getAttribute('#password-next', 'aria-invalid'), 'true');
    assert.equal(await p.evaluate(() => document.activeElement?.id), 'password-next');
    await screenshot(p, 'forms-6-password-too-short');
    // A reload does not get past the prompt: the server says the password is still one-time.
    await p.reload();
    await p.waitForSelector('.password-form');
    await p.fill('#password-current', 'not-the-one-time-password');
    await p.fill('#password-next', 'newcomer-own-password');
    await p.fill('#password-repeat', 'newcomer-own-password');
    await p.click('.password-form button[type=submit]');
    await p.waitForSelector('.field-password-current .field-error:not(:empty)');
    assert.equal(
      await p.textContent('.field-password-current .field-error'),
      'This is not your current password.',
    );
    assert.equal(await p.textContent('#password-error'), 'Correct the fields marked.');
    await p.fill('#password-current', oneTime);
    await p.click('.password-form button[type=submit]');
    await p.waitForSelector('#app:not([hidden])');
    await mapReady(p);
    // The RU convoy, acknowledged as a US liaison.
    await p.click('#tab-humanitarian');
    const card = p.locator(`.card.movements[data-id="${movement}"]`);
    await card.locator('.receipts button').click();
    await card.locator('.receipt', { hasText: 'US' }).waitFor();
    await ru.locator(`.card.movements[data-id="${movement}"] .receipt`, { hasText: 'US' }).waitFor();
    await screenshot(p, 'forms-7-receipt');
    // Signed out, and in again with the new password: straight to the app.
    await p.click('.topbar button:has-text("Sign out")');
    await p.waitForSelector('#login-name');
    await logIn(p, real.url, 'us-newcomer', 'newcomer-own-password');
    await p.waitForSelector('#app:not([hidden])');
    await p.context().close();
  });

  it('asks the same in Russian', async () => {
    const oneTime = await real.newcomer('ru-newcomer', 'RU', 'monitor');
    const p = await page();
    await p.addInitScript(() => localStorage.setItem('jig.lang', 'ru'));
    await logIn(p, real.url, 'ru-newcomer', oneTime);
    await p.waitForSelector('.password-form');
    assert.match((await p.textContent('.password-form')) ?? '', /Выберите новый пароль/);
    await p.fill('#password-current', oneTime);
    await p.fill('#password-next', 'ru-newcomer-own-password');
    await p.fill('#password-repeat', 'ru-newcomer-other');
    await p.click('.password-form button[type=submit]');
    await p.waitForSelector('.field-password-repeat .field-error:not(:empty)');
    assert.match((await p.textContent('.field-password-repeat .field-error')) ?? '', /не совпадают/);
    await screenshot(p, 'forms-8-password-ru');
    await p.fill('#password-repeat', 'ru-newcomer-own-password');
    await p.click('.password-form button[type=submit]');
    await p.waitForSelector('#app:not([hidden])');
    await mapReady(p);
    await openForm(p, 'movement');
    await screenshot(p, 'forms-9-movement-ru');
    await p.context().close();
  });
});
