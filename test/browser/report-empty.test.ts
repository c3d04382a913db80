// The report pages (Trends, Products, Sources and channels, Customers) on a store with only the
// server fixture's deals — no products, line items, leads, spend, surveys or subscriptions — say
// in words what is missing instead of failing; and a server that cannot be reached is said in
// words with a way to try again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-report-empty-');
let d: Dashboard;
const MARCH = '?from=2026-03-01&to=2026-03-31&as_of=2026-03-31';

beforeAll(async () => {
  d = await startDashboard(tmp.path);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

describe('report pages without their data', () => {
  it('say what is missing in words, with no error and no console problem', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/products' + MARCH);
    await settled(page);
    expect(await page.locator('main .kpi-missing').first().innerText()).toBe('Revenue per product: No data yet. This KPI needs: line items.');
    await screenshot(page, 'products-empty');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(d.base + '/sources' + MARCH);
    await settled(page);
    expect(await page.locator('#sources-conv ~ .kpi-missing').innerText()).toBe('No data yet. This KPI needs: leads.');
    expect(await page.locator('.kpi-card[data-kpi="cac"] .kpi-missing').innerText()).toBe('No data yet. This KPI needs: spend.');
    await screenshot(page, 'sources-empty');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(d.base + '/customers' + MARCH);
    await settled(page);
    expect(await page.locator('.kpi-card[data-kpi="nps"] .kpi-missing').innerText()).toBe('No data yet. This KPI needs: survey answers.');
    expect(await page.locator('.rpt-trend[data-kpi="churn_rate"] .kpi-missing').innerText()).toBe('No data yet. This KPI needs: subscriptions.');
    // New customers come from the deals: A1 and A2 won their first in March.
    expect(await page.locator('.kpi-card[data-kpi="new_customers"] .kpi-value').innerText()).toBe('2');
    await screenshot(page, 'customers-empty');

    await page.goto(d.base + '/trends' + MARCH);
    await settled(page);
    await page.locator('.trends-picker summary').click();
    for (const k of ['Revenue', 'Opportunities created', 'Win rate', 'Average deal size', 'Sales cycle length']) await page.getByRole('checkbox', { name: k, exact: true }).uncheck();
    expect(await page.locator('main').innerText()).toContain('No KPI chosen. Choose one or more above.');
    await page.getByRole('checkbox', { name: 'Net Promoter Score', exact: true }).check();
    await settled(page);
    expect(await page.locator('.rpt-trend[data-kpi="nps"] .kpi-missing').innerText()).toBe('No data yet. This KPI needs: survey answers.');
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a server that cannot be reached is said in words, and trying again works', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/');
    let down = true;
    await page.route('**/api/report?**', (route) => (down ? route.abort() : route.continue()));
    await page.goto(d.base + '/trends' + MARCH);
    await expect.poll(() => page.locator('[role=alert]').innerText()).toContain('The server cannot be reached.');
    await screenshot(page, 'trends-error');
    down = false;
    await page.getByRole('button', { name: 'Try again', exact: true }).click();
    await settled(page);
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(await page.locator('.rpt-trend[data-kpi="revenue"] tbody tr').count()).toBe(12);
    await context.close();
  });
});
