// The dashboard in a real Chromium against a real server on a real store: the small company of
// the server tests (two teams, March 2026 deals, a user per role), listening on a free port.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { makeFixture, PASSWORD, type Fixture } from '../server/fixture.js';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'dashboard');

export interface Dashboard {
  fixture: Fixture;
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startDashboard(dir: string, prepare?: (f: Fixture) => Promise<void>): Promise<Dashboard> {
  const fixture = await makeFixture(dir);
  if (prepare) await prepare(fixture);
  const base = await fixture.server.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    fixture,
    base,
    browser,
    close: async () => {
      await browser.close();
      await fixture.server.app.close();
      await fixture.store.close();
    },
  };
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far (the sign-in page's first 401 excepted). */
  problems: string[];
}

/** A fresh browser context signed in through the sign-in page, then at `path`. */
export async function signInAs(d: Dashboard, email: string, path = '/', options: { locale?: string; width?: number; height?: number } = {}): Promise<SignedIn> {
  const context = await d.browser.newContext({ locale: options.locale ?? 'en-US', viewport: { width: options.width ?? 1280, height: options.height ?? 800 }, bypassCSP: false });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(d.base + '/');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('header.side');
  if (path !== '/') await page.goto(d.base + path);
  return { context, page, problems };
}

/** Waits until no request is in flight and the page shows no loading state. */
export async function settled(page: Page): Promise<void> {
  // Two frames first: React runs the effects of a change after paint, and only then do its
  // requests start; without this, 'networkidle' may be the quiet before them.
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))));
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.loading').count(), { timeout: 20_000 }).toBe(0);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical accessibility violations on the page (axe-core), as short lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP does not apply to it.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => {
    const axe = (window as unknown as { axe: { run(o?: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run({ resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
