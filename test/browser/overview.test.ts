// The dashboard's frame and Overview in Chromium: sign-in (and a wrong password said in words),
// the cards' numbers equal to the API's for the same query, a period change, the records behind
// a number, German words and formats, a phone width, and no serious accessibility violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../src/store/settings.js';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import { bumpDataVersion } from '../../src/store/meta.js';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-overview-');
const euroTmp = useTempDir('quotient-overview-eur-');
let d: Dashboard;
let eur: Dashboard;
// March 2026 seen from the last day of March: the fixture's six closed deals.
const MARCH = '?from=2026-03-01&to=2026-03-31&as_of=2026-03-31';

beforeAll(async () => {
  // A company revenue quota of 10,000 for March 2026: 7,300 won is 73% of it.
  d = await startDashboard(tmp.path, async (f) => {
    const r = await importFiles(f.store, [{ entity: 'targets', path: tmp.write('targets.csv', 'target_id,kpi,scope,scope_id,period_start,period_end,value\nQ-MAR,revenue,company,,2026-03-01,2026-03-31,10000\n'), mapping: emptyMapping() }]);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
  });
  // The same company reporting in euros (its deals carry no currency, so they are in euros).
  eur = await startDashboard(euroTmp.path, async (f) => {
    await setSetting(f.store, 'currency', 'EUR');
    await f.store.exec(`UPDATE opportunities SET currency = NULL`);
    await bumpDataVersion(f.store);
  });
}, 120_000);
afterAll(async () => {
  await d?.close();
  await eur?.close();
});

const cardValue = (page: import('playwright-core').Page, kpi: string) => page.locator(`.kpi-card[data-kpi="${kpi}"] .kpi-value`).innerText();

describe('sign-in', () => {
  it('a wrong password is said in words and nothing else happens', async () => {
    const context = await d.browser.newContext();
    const page = await context.newPage();
    await page.goto(d.base + '/');
    await page.fill('#email', ROLE_USERS.manager.email);
    await page.fill('#password', 'not the password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').innerText()).toBe('The e-mail address or password is not right.');
    await screenshot(page, 'sign-in-error');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('Overview', () => {
  it('a manager sees the cards with the API’s numbers for the same query', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, '/' + MARCH);
    await settled(page);
    const api = await page.request.get(`${d.base}/api/report?kpi=revenue,win_rate,average_deal_size,opportunities_created&from=2026-03-01&to=2026-03-31&as_of=2026-03-31`);
    const rows = ((await api.json()) as { rows: { kpi: string; value: number }[] }).rows;
    const value = (k: string) => rows.find((r) => r.kpi === k)!.value;
    // By hand: won O1 1000 + O3 2000 + O4 4000 + O6 300 = 7,300 of six closed; 4 of 6 won.
    expect([value('revenue'), value('win_rate'), value('average_deal_size')]).toEqual([7300, 0.666667, 1825]);
    expect(await cardValue(page, 'revenue')).toBe('$7,300');
    expect(await cardValue(page, 'win_rate')).toBe('66.7%');
    expect(await cardValue(page, 'average_deal_size')).toBe('$1,825');
    expect(await page.locator('.kpi-card[data-kpi="win_rate"] .kpi-ci').innerText()).toMatch(/^95% interval \d+\.\d% – \d+\.\d%, n = 6$/);
    expect(await page.locator('.subtitle').innerText()).toBe('Custom: Mar 1, 2026 – Mar 31, 2026, as of Mar 31, 2026');
    // Against the quota: a progress bar on revenue, and quota attainment as a gauge.
    expect(await page.locator('.kpi-card[data-kpi="revenue"] .kpi-target span').last().innerText()).toBe('73% of target $10,000');
    expect(await cardValue(page, 'quota_attainment')).toBe('73.0%');
    expect(await page.locator('.kpi-card[data-kpi="quota_attainment"] .gauge').getAttribute('aria-label')).toBe('Quota attainment: 73.0%');
    await screenshot(page, 'overview-manager');
    expect(problems).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('changing the period changes the numbers to the API’s, and the URL keeps the view', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/?as_of=2026-04-15');
    await settled(page);
    // April has no closed deals yet.
    await screenshot(page, 'overview-april');
    expect(await cardValue(page, 'revenue')).toBe('$0');
    await page.selectOption('#f-period', 'last_month');
    await settled(page);
    expect(page.url()).toBe(`${d.base}/?period=last_month&as_of=2026-04-15`);
    expect(await cardValue(page, 'revenue')).toBe('$7,300');
    await page.selectOption('#f-team', 'T2');
    await settled(page);
    // Team South: O4 4000 won, O5 lost, O6 300 won.
    expect(await cardValue(page, 'revenue')).toBe('$4,300');
    await page.reload();
    await settled(page);
    expect(await cardValue(page, 'revenue')).toBe('$4,300');
    expect(await page.locator('#f-team').inputValue()).toBe('T2');
    await context.close();
  });

  it('a number opens the records behind it, sortable and exportable', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/' + MARCH);
    await settled(page);
    await page.locator('.kpi-card[data-kpi="revenue"] .kpi-value button').click();
    const dialog = page.locator('dialog.records-dialog');
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(4);
    const headers = await dialog.locator('table.records thead th').allInnerTexts();
    const col = headers.findIndex((h) => h.startsWith('opportunity_id')) + 1;
    expect(col).toBeGreaterThan(0);
    const ids = await dialog.locator(`table.records tbody tr td:nth-child(${col})`).allInnerTexts();
    expect([...ids].sort()).toEqual(['O1', 'O3', 'O4', 'O6']);
    await screenshot(page, 'overview-records');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export CSV', exact: true }).first().click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^revenue-.*\.csv$/);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await context.close();
  });

  it('in German: German words and euro formatting', async () => {
    const { page, context } = await signInAs(eur, ROLE_USERS.admin.email, '/' + MARCH);
    await settled(page);
    await page.selectOption('.who .lang select', 'de');
    await settled(page);
    await expect.poll(() => page.locator('.kpi-card[data-kpi="revenue"] h3').innerText()).toBe('Umsatz');
    expect(await cardValue(page, 'revenue')).toBe('7.300\u00a0€');
    expect(await page.locator('h1').innerText()).toBe('Überblick');
    expect(await page.locator('.kpi-card[data-kpi="win_rate"] .kpi-value').innerText()).toBe('66,7\u00a0%');
    await screenshot(page, 'overview-de');
    // The choice is remembered.
    await page.reload();
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Überblick');
    await context.close();
  });

  it('a first visit follows the browser’s language', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/' + MARCH, { locale: 'nl-NL' });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Overzicht');
    await context.close();
  });

  it('works at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.rep.email, '/' + MARCH, { width: 390, height: 844 });
    await settled(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await screenshot(page, 'overview-phone-rep');
    await context.close();
  });
});
