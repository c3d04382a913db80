// The Trends page in Chromium: the default KPIs month by month over the 12 months up to March
// 2026 with the previous year, equal to the API's numbers for the same query and to the data
// (server fixture + report-fixture.ts); quarters; another KPI; a bucket's records; a filter a
// KPI cannot follow said in words; German; a phone's width; no serious accessibility violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';
import { apiRows, prepareReports } from './report-fixture.js';

const tmp = useTempDir('quotient-trends-');
let d: Dashboard;
const MARCH = '?from=2026-03-01&to=2026-03-31&as_of=2026-03-31';
const DEFAULTS = ['revenue', 'opportunities_created', 'win_rate', 'average_deal_size', 'sales_cycle_length'];

beforeAll(async () => {
  d = await startDashboard(tmp.path, prepareReports);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
/** The rows of a KPI's table: period, value, [n,] previous year, change. */
const table = (page: Page, kpi: string) => page.locator(`.rpt-trend[data-kpi="${kpi}"] table tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
const row = async (page: Page, kpi: string, period: string) => (await table(page, kpi)).find((r) => r[0] === period);

describe('Trends', () => {
  it('shows the default KPIs month by month with the previous year: the API’s numbers and the data’s', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, '/trends' + MARCH);
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Trends');
    expect(await page.locator('.rpt-trend').evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi')))).toEqual(DEFAULTS);
    expect(await page.getByText('From Apr 1, 2025 to Mar 31, 2026, per month.').count()).toBe(1);

    const rows = await apiRows(page, d.base, `kpi=${DEFAULTS.join(',')}&from=2025-04-01&to=2026-03-31&as_of=2026-03-31&grain=month&compare=previous_year`);
    const api = (kpi: string, period: string) => rows.find((r) => r.kpi === kpi && r.period === period)!;
    // By hand: March 2026 won O1 1000 + O3 2000 + O4 4000 + O6 300 + O10 1000 = 8,300 of 7 closed;
    // January 2026 O8 1,500; March 2025 O7 500; no other deal was won.
    expect([api('revenue', '2026-03').value, api('revenue', '2026-03').comparisons!.previous_year!.value, api('revenue', '2026-01').value]).toEqual([8300, 500, 1500]);
    expect(await row(page, 'revenue', 'Mar 2026')).toEqual(['Mar 2026', '$8,300', '$500', '+$7,800']);
    expect(await row(page, 'revenue', 'Jan 2026')).toEqual(['Jan 2026', '$1,500', '$0', '+$1,500']);
    // Every month of the table is the API's.
    const revenue = await table(page, 'revenue');
    expect(revenue).toHaveLength(12);
    expect(revenue.map((r) => r[1])).toEqual(rows.filter((r) => r.kpi === 'revenue').map((r) => usd.format(r.value!)));
    // Win rate: 5 of 7 in March 2026 (March 2025: O7 won, 1 of 1); January 1 of 1; May 2025 O9 lost.
    expect(api('win_rate', '2026-03').value).toBe(0.714286);
    expect(await row(page, 'win_rate', 'Mar 2026')).toEqual(['Mar 2026', '71.4%', '7', '100.0%', '−28.6 pp']);
    expect(await row(page, 'win_rate', 'May 2025')).toEqual(['May 2025', '0.0%', '1', '–', '–']);
    expect((await row(page, 'win_rate', 'Jun 2025'))![1]).toMatch(/^–/);
    // Opportunities created: O1–O6 and O10 in February 2026 (February 2025: O7).
    expect(await row(page, 'opportunities_created', 'Feb 2026')).toEqual(['Feb 2026', '7', '1', '+6']);
    expect(api('opportunities_created', '2026-02').value).toBe(7);
    expect((await row(page, 'average_deal_size', 'Mar 2026'))![1]).toBe('$1,660');
    // Cycle: 32 + 33 + 33 + 37 + 33 days over five won deals; O8 took 50 days.
    expect((await row(page, 'sales_cycle_length', 'Mar 2026'))![1]).toBe('33.6 days');
    expect((await row(page, 'sales_cycle_length', 'Jan 2026'))![1]).toBe('50 days');
    expect(api('sales_cycle_length', '2026-03').value).toBe(33.6);
    expect(await page.locator('.rpt-trend[data-kpi="revenue"] [role=img]').getAttribute('aria-label')).toBe('Line chart of Revenue per month, Apr 2025 to Mar 2026, with the previous year as a dashed line.');
    await screenshot(page, 'trends-month');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('by quarter, with another KPI chosen; a value opens the records of its bucket; the choice is remembered', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/trends' + MARCH);
    await settled(page);
    await page.selectOption('#trends-grain', 'quarter');
    await settled(page);
    expect(await page.getByText('From Apr 1, 2025 to Mar 31, 2026, per quarter.').count()).toBe(1);
    const rows = await apiRows(page, d.base, `kpi=revenue,new_customers&from=2025-04-01&to=2026-03-31&as_of=2026-03-31&grain=quarter&compare=previous_year`);
    expect(rows.filter((r) => r.kpi === 'revenue').map((r) => [r.period, r.value])).toEqual([
      ['2025-Q2', 0],
      ['2025-Q3', 0],
      ['2025-Q4', 0],
      ['2026-Q1', 9800],
    ]);
    expect(await table(page, 'revenue')).toEqual([
      ['Q2 2025', '$0', '$0', '±$0'],
      ['Q3 2025', '$0', '$0', '±$0'],
      ['Q4 2025', '$0', '$0', '±$0'],
      ['Q1 2026', '$9,800', '$500', '+$9,300'],
    ]);
    await page.locator('.trends-picker summary').click();
    await page.getByRole('checkbox', { name: 'New customers', exact: true }).check();
    await settled(page);
    // New customers: A4 in January 2026, A1, A2 and A5 in March 2026; A3 in March 2025.
    expect(rows.find((r) => r.kpi === 'new_customers' && r.period === '2026-Q1')!.value).toBe(4);
    // The section appears once its report has come back: polled, as the fetch may start after a tick.
    await expect.poll(() => row(page, 'new_customers', 'Q1 2026'), { timeout: 20_000 }).toEqual(['Q1 2026', '4', '1', '+3']);
    await page.locator('.rpt-trend[data-kpi="revenue"] tbody tr', { hasText: 'Q1 2026' }).locator('button.rpt-drill').click();
    const dialog = page.locator('dialog.records-dialog');
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(6);
    expect(await dialog.locator('h2').innerText()).toBe('Records behind Revenue: Q1 2026');
    const headers = await dialog.locator('table.records thead th').allInnerTexts();
    const col = headers.findIndex((h) => h.startsWith('opportunity_id')) + 1;
    expect((await dialog.locator(`table.records tbody td:nth-child(${col})`).allInnerTexts()).sort()).toEqual(['O1', 'O10', 'O3', 'O4', 'O6', 'O8']);
    await screenshot(page, 'trends-records');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.reload();
    await settled(page);
    expect(await page.locator('#trends-grain').inputValue()).toBe('quarter');
    expect(await page.locator('.rpt-trend').evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi')))).toEqual([...DEFAULTS, 'new_customers']);
    await screenshot(page, 'trends-quarter');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a KPI that cannot follow a filter says so in words, and nothing fails', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/trends' + MARCH + '&product=P1');
    await settled(page);
    expect(await page.locator('.rpt-trend[data-kpi="revenue"] .kpi-missing').innerText()).toBe('Cannot be filtered by Product.');
    expect(await page.locator('[role=alert]').count()).toBe(0);
    // A filter it can follow: team South (R3: O4 won, O5 lost; M2: O6 won).
    await page.selectOption('#f-product', '');
    await page.selectOption('#f-team', 'T2');
    await settled(page);
    expect((await row(page, 'revenue', 'Mar 2026'))![1]).toBe('$4,300');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('in German: German words and number formats', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/trends' + MARCH);
    await settled(page);
    await page.selectOption('.who .lang select', 'de');
    await settled(page);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Verläufe');
    // KPI names come from the catalog in the new language.
    await expect.poll(() => page.locator('.rpt-trend[data-kpi="revenue"] h2').innerText()).toBe('Umsatz');
    expect(await row(page, 'revenue', 'März 2026')).toEqual(['März 2026', '8.300\u00a0$', '500\u00a0$', '+7.800\u00a0$']);
    expect((await page.locator('.rpt-trend[data-kpi="revenue"] thead th').allInnerTexts()).map((h) => h.replace('↕', '').trim())).toEqual(['Zeitraum', 'Wert', 'Vorjahr', 'Veränderung']);
    expect(await page.locator('label[for="trends-grain"]').innerText()).toContain('Zeiteinheit');
    await screenshot(page, 'trends-de');
    await context.close();
  });

  it('works at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.rep.email, '/trends' + MARCH, { width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'trends-phone-rep');
    await context.close();
  });
});
