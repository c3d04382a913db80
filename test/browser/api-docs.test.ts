// /api/docs in a real Chromium: the page renders under its own Content-Security-Policy (no
// violations, no scripts), lists every route of the server's table with its method, path and
// who may call it, and its parameter tables are readable.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { launchBrowser } from '../helpers/browser.js';
import { makeFixture, type Fixture } from '../server/fixture.js';

const tmp = useTempDir('quotient-docs-');
let f: Fixture;
let browser: Browser;
let page: Page;
let base = '';
const problems: string[] = [];

beforeAll(async () => {
  f = await makeFixture(tmp.path);
  base = await f.server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const res = await page.goto(`${base}/api/docs`);
  expect(res?.status()).toBe(200);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await f?.server.app.close();
  await f?.store.close();
});

describe('/api/docs in Chromium', () => {
  it('renders with its styles applied and no CSP violation or script error', async () => {
    expect(await page.title()).toMatch(/^Quotient API \d+\.\d+\.\d+$/);
    // The inline style is allowed by its hash: the body's font and width come from it.
    const width = await page.evaluate(() => getComputedStyle(document.body).maxWidth);
    expect(width).toBe('960px');
    expect(problems).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
  });

  it('lists every route of the server with its method, path and access', async () => {
    const ops = await page.locator('.op').evaluateAll((els) =>
      els.map((e) => `${e.querySelector('.m')?.textContent?.trim()} ${e.querySelector('.path')?.textContent?.trim()}`),
    );
    const toOpenApi = (url: string) => url.replace(/:(\w+)\.csv$/, '{$1}.csv').replace(/:(\w+)/g, '{$1}');
    const expected = f.server.routes.map((r) => `${r.method} ${toOpenApi(r.url)}`);
    expect([...ops].sort()).toEqual([...expected].sort());
    const access = await page.locator('.op .access').allTextContents();
    expect(access.length).toBe(expected.length);
    expect(new Set(access.map((a) => a.trim()).filter(Boolean)).size).toBeGreaterThan(1);
  });

  it('has a table of contents of its sections, and types in words rather than regular expressions', async () => {
    const toc = await page.locator('.toc a').allTextContents();
    expect(toc).toContain('Analytics');
    expect(toc.at(-1)).toBe('Schemas');
    for (const link of await page.locator('.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
      expect(await page.locator(link).count(), link).toBe(1);
    }
    const types = await page.locator('.op td:nth-child(3)').allTextContents();
    expect(types.some((t) => t.startsWith('string, date-time (ISO 8601)'))).toBe(true);
    expect(types.filter((t) => t.includes('matching ^(?:') || t.includes('p{Cc}'))).toEqual([]);
  });

  it('shows the report endpoint’s parameters as a table', async () => {
    const op = page.locator('.op', { has: page.locator('.path', { hasText: /^\/api\/report$/ }) });
    const params = await op.locator('td code').allTextContents();
    for (const p of ['kpi', 'period', 'by', 'grain', 'filter', 'compare', 'from', 'to', 'as_of']) expect(params).toContain(p);
  });

  it('fits the page (screenshot kept in test-output/ for a look)', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const dir = join(process.cwd(), 'test-output');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'api-docs.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });
});
