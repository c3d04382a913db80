// The Customers page in Chromium: NPS, satisfaction, retention, churn and new customers for March
// 2026 as cards and as 12-month trends with the previous year, equal to the API's numbers for the
// same queries and to the survey answers, subscriptions and deals of report-fixture.ts worked out
// by hand; the records behind a card; a filter some KPIs cannot follow; a viewer (no records);
// German; a phone's width; no serious accessibility violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';
import { apiRows, prepareReports } from './report-fixture.js';

const tmp = useTempDir('quotient-customers-');
let d: Dashboard;
const MARCH = '?from=2026-03-01&to=2026-03-31&as_of=2026-03-31';
const KPIS = ['nps', 'csat', 'retention_rate', 'churn_rate', 'new_customers'];

beforeAll(async () => {
  d = await startDashboard(tmp.path, prepareReports);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

const cardValue = (page: Page, kpi: string) => page.locator(`.kpi-card[data-kpi="${kpi}"] .kpi-value`).innerText();
const row = async (page: Page, kpi: string, period: string) =>
  (await page.locator(`.rpt-trend[data-kpi="${kpi}"] table tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())))).map((r) => r.map((c) => (c.startsWith('–') ? '–' : c))).find((r) => r[0] === period);

describe('Customers', () => {
  it('cards and 12-month trends: the API’s numbers and the data’s', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, '/customers' + MARCH);
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Customers');
    const now = await apiRows(page, d.base, `kpi=${KPIS.join(',')}&from=2026-03-01&to=2026-03-31&as_of=2026-03-31&compare=previous_period`);
    const v = (kpi: string) => now.find((r) => r.kpi === kpi)!;
    // By hand: NPS answers 10 9 9 8 7 6 3 10 → (4 − 2) of 8 = 25; CSAT 5 4 3 5 2 → 3 of 5 in the top two;
    // customers on March 1: A1, A2; on April 1: A1, A3 → kept 1 of 2, lost 1 of 2; new: A1, A2, A5.
    expect(KPIS.map((k) => v(k).value)).toEqual([25, 0.6, 0.5, 0.5, 3]);
    expect(v('nps').comparisons!.previous_period!.value).toBe(0); // February: 10 and 2
    expect(await Promise.all(KPIS.map((k) => cardValue(page, k)))).toEqual(['25 pts', '60.0%', '50.0%', '50.0%', '3']);
    expect(await page.locator('.kpi-card[data-kpi="nps"] .kpi-change').innerText()).toBe('▲ +25 pts vs Jan 29, 2026 – Feb 28, 2026');
    expect(await page.locator('.kpi-card[data-kpi="retention_rate"] .kpi-ci').innerText()).toMatch(/^95% interval \d+\.\d% – \d+\.\d%, n = 2$/);

    const trend = await apiRows(page, d.base, `kpi=${KPIS.join(',')}&from=2025-04-01&to=2026-03-31&as_of=2026-03-31&grain=month&compare=previous_year`);
    const t = (kpi: string, p: string) => trend.find((r) => r.kpi === kpi && r.period === p)!;
    // March 2025 NPS: 10 10 6 → (2 − 1) of 3 = 33.3; December 2025: A4's subscription ended, 1 of 3 customers.
    expect([t('nps', '2026-03').comparisons!.previous_year!.value, t('churn_rate', '2025-12').value]).toEqual([33.33, 0.333333]);
    expect(await row(page, 'nps', 'Mar 2026')).toEqual(['Mar 2026', '25 pts', '33.3 pts', '−8.3 pts']);
    expect(await row(page, 'nps', 'Feb 2026')).toEqual(['Feb 2026', '0 pts', '–', '–']);
    expect(await row(page, 'churn_rate', 'Dec 2025')).toEqual(['Dec 2025', '33.3%', '3', '–', '–']);
    // March 2025: A4 was the only customer, and stayed.
    expect(await row(page, 'retention_rate', 'Mar 2026')).toEqual(['Mar 2026', '50.0%', '2', '100.0%', '−50 pp']);
    expect((await row(page, 'new_customers', 'Mar 2026'))!.slice(0, 2)).toEqual(['Mar 2026', '3']);
    expect((await row(page, 'csat', 'Mar 2026'))!.slice(0, 3)).toEqual(['Mar 2026', '60.0%', '5']);
    await screenshot(page, 'customers');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a card opens the records behind it', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/customers' + MARCH);
    await settled(page);
    await page.locator('.kpi-card[data-kpi="nps"] .kpi-value button').click();
    const dialog = page.locator('dialog.records-dialog');
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(8);
    expect(await dialog.locator('h2').innerText()).toBe('Records behind Net Promoter Score');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    // A month of a trend: the two answers of February.
    await page.locator('.rpt-trend[data-kpi="nps"] tbody tr', { hasText: 'Feb 2026' }).locator('button.rpt-drill').click();
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a filter some KPIs cannot follow: they say so, the others follow it', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/customers' + MARCH + '&source=web');
    await settled(page);
    expect(await page.locator('.kpi-card[data-kpi="nps"] .kpi-missing').innerText()).toBe('Cannot be filtered by Lead source.');
    expect(await page.locator('.rpt-trend[data-kpi="csat"] .kpi-missing').innerText()).toBe('Cannot be filtered by Lead source.');
    const rows = await apiRows(page, d.base, 'kpi=retention_rate,new_customers&from=2026-03-01&to=2026-03-31&as_of=2026-03-31&filter=source=web');
    // New customers through web: A1 and A2.
    expect(rows.find((r) => r.kpi === 'new_customers')!.value).toBe(2);
    expect(await cardValue(page, 'new_customers')).toBe('2');
    const retention = rows.find((r) => r.kpi === 'retention_rate')!;
    expect(await page.locator('.kpi-card[data-kpi="retention_rate"]').innerText()).toContain(retention.value === null ? '' : `${(retention.value * 100).toFixed(1)}%`);
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer sees the numbers but no records to open', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.viewer.email, '/customers' + MARCH);
    await settled(page);
    expect(await cardValue(page, 'nps')).toBe('25 pts');
    expect(await page.locator('button.drill, button.rpt-drill').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('in German: German words and number formats', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/customers' + MARCH);
    await settled(page);
    await page.selectOption('.who .lang select', 'de');
    await settled(page);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Kunden');
    expect(await cardValue(page, 'csat')).toBe('60,0\u00a0%');
    expect(await cardValue(page, 'nps')).toBe('25 Pkt.');
    expect(await page.locator('h2.customers-trends').innerText()).toBe('Die letzten 12 Monate');
    expect(await row(page, 'nps', 'März 2026')).toEqual(['März 2026', '25 Pkt.', '33,3 Pkt.', '−8,3 Pkt.']);
    await screenshot(page, 'customers-de');
    await context.close();
  });

  it('works at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.rep.email, '/customers' + MARCH, { width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'customers-phone-rep');
    await context.close();
  });
});
