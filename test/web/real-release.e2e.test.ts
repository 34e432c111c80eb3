/**
 * What the RU office's browser receives from the real server, byte for byte: no HTTP response
 * and no feed frame may carry the place, name or data of a record the US office holds as office
 * or sealed. The office record's id must not appear at all; the sealed one's id may, but only in
 * sealed stubs (that the record exists, whose it is and when: no data), as the rules disclose it.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, mapReady, noBrowser, signIn } from '../support/browser.ts';
import { startRealJig, type RealJig } from './real-server.ts';

const SEALED = { lon: 38.76543, lat: 34.43219, name: 'Sealed clinic qzx' };
const OFFICE = { lon: 39.87651, lat: 35.12347, name: 'Office HQ qzx' };

/** Every JSON object inside a text that mentions `needle`, innermost first. */
function holders(text: string, needle: string): Record<string, unknown>[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return [];
  }
  const out: Record<string, unknown>[] = [];
  const walk = (x: unknown): void => {
    if (typeof x !== 'object' || x === null) return;
    for (const c of Object.values(x)) walk(c);
    if (!Array.isArray(x) && Object.values(x).includes(needle)) out.push(x as Record<string, unknown>);
  };
  walk(v);
  return out;
}

describe(
  "a party's page and the other party's restricted records, on the real server",
  { skip: noBrowser },
  () => {
    let real: RealJig;
    let browser: Browser;
    let ruPage: Page;
    const received: string[] = [];

    before(async () => {
      real = await startRealJig();
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
      await real?.close();
    });

    it('never receives a US office or sealed site, in lists or on the feed', async () => {
      const usOperator = await real.account('US', 'operator');
      const ruApprover = await real.account('RU', 'approver');
      const site = (s: typeof SEALED, release: string) =>
        real.call(usOperator, 'POST', '/api/v1/protected-sites', {
          name: s.name,
          category: 'hospital',
          geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
          bufferM: 1000,
          release,
        });
      // One of each before the RU page opens (lists, feed replay), one of each while it listens.
      const ids = [String((await site(SEALED, 'sealed'))['id'])];
      const officeIds = [String((await site(OFFICE, 'office'))['id'])];
      await signIn(ruPage, real.url, ruApprover.name, ruApprover.password);
      await mapReady(ruPage);
      ids.push(String((await site(SEALED, 'sealed'))['id']));
      officeIds.push(String((await site(OFFICE, 'office'))['id']));
      await site({ lon: 36.5, lat: 35.5, name: 'Joint school' }, 'joint');
      for (let i = 0; i < 100 && !received.some((t) => t.includes('Joint school')); i++)
        await ruPage.waitForTimeout(100);
      await ruPage.click('#tab-ledger');
      assert.ok(
        received.some((t) => t.includes('Joint school')),
        'the joint record did reach the RU page',
      );
      assert.ok(received.some((t) => t.includes('"kind":"tracks"') || t.includes('"kind":"event"')));

      // The feed did tell the RU page that a sealed record exists: the check below is not vacuous.
      assert.ok(
        received.some((t) => t.includes(String(ids[1]))),
        'the sealed stub reached the RU page',
      );
      const secrets = [SEALED, OFFICE].flatMap((s) => [String(s.lon), String(s.lat), s.name]);
      for (const secret of [...secrets, ...officeIds])
        assert.deepEqual(
          received.filter((t) => t.includes(secret)),
          [],
          `${secret} reached the RU page`,
        );
      for (const id of ids)
        for (const text of received.filter((t) => t.includes(id)))
          for (const h of holders(text, id))
            assert.deepEqual(
              { sealed: h['sealed'], release: h['release'], data: h['data'], geometry: h['geometry'] },
              { sealed: true, release: 'sealed', data: undefined, geometry: undefined },
              `the sealed site ${id} reached the RU page as more than a stub: ${text}`,
            );
    });
  },
);
