/**
 * Headless Chromium for browser tests: Debian's `/usr/bin/chromium` driven by playwright-core
 * (no browser download). WebGL runs in software through SwiftShader.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './paths.ts';

export const CHROMIUM = process.env['JIG_CHROMIUM'] ?? '/usr/bin/chromium';

/** The reason to skip browser tests, or false when Chromium is there. */
export const noBrowser: string | false = existsSync(CHROMIUM)
  ? false
  : `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-dev-shm-usage',
    ],
  });
}

export const resultsDir = join(repoRoot, 'test-results');

/** Saves a screenshot under test-results/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Signs in through the page's own form. */
export async function signIn(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill('#login-name', name);
  await page.fill('#login-password', password);
  await page.click('.login-form button[type=submit]');
  await page.waitForSelector('#app:not([hidden])');
}

/** Waits until the map has loaded its style and drawn at least once. */
export async function mapReady(page: Page): Promise<void> {
  await page.waitForSelector('.maplibregl-canvas');
  await page.waitForSelector('.place-label');
}
