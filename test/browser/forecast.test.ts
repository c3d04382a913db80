// The Forecast page in Chromium: the expected revenue, its interval and its parts equal the API's
// forecast for the same query; a split by team names the teams; the backtest says which periods
// it could not compare and why; German words; no serious accessibility violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-forecast-page-');
let d: Dashboard;
const VIEW = '/forecast?period=this_quarter&as_of=2026-03-20';

beforeAll(async () => {
  d = await startDashboard(tmp.path);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

const usd = (x: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(x);

describe('Forecast page', () => {
  it('shows the API’s forecast: expected, interval, won so far; the backtest says what it skipped', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, VIEW);
    await settled(page);
    const res = await page.request.get(`${d.base}/api/forecast?period=this_quarter&as_of=2026-03-20&backtest=8`);
    const api = (await res.json()) as { forecast: { expected: number; low: number; high: number; won_so_far: number }; backtest: { rows: { skipped: string | null }[] } };
    // By hand: O1 1000 (03-05), O3 2000 (03-10), O4 4000 (03-12) and O6 300 (03-20, the as-of day) were won.
    expect(api.forecast.won_so_far).toBe(7300);
    expect(await page.getByTestId('forecast-won').innerText()).toBe('$7,300');
    expect(await page.getByTestId('forecast-expected').innerText()).toBe(usd(api.forecast.expected));
    expect(await page.locator('.forecast-interval').innerText()).toBe(`80% interval: ${usd(api.forecast.low)} – ${usd(api.forecast.high)}`);
    // The data starts in February 2026: no earlier quarter can be compared, and the page says why.
    expect(api.backtest.rows.every((r) => r.skipped !== null)).toBe(true);
    expect(await page.getByTestId('forecast-verdict').innerText()).toBe('No earlier period could be compared yet.');
    expect(await page.locator('td.muted').first().innerText()).toMatch(/^not compared: (the data does not cover the whole period before it|no revenue in the period)$/);
    await screenshot(page, 'forecast');
    expect(problems).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('split by team: one row per team, named, adding up to the total', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, VIEW);
    await settled(page);
    await page.selectOption('#fc-by', 'team');
    await settled(page);
    const names = await page.locator('table.data tbody th[scope=row]').allInnerTexts();
    expect(names.slice(0, 2).sort()).toEqual(['North', 'South']);
    await context.close();
  });

  it('in German', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.manager.email, VIEW, { locale: 'de-DE' });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Prognose');
    expect(await page.getByTestId('forecast-won').innerText()).toBe('7.300\u00a0$');
    await screenshot(page, 'forecast-de');
    await context.close();
  });
});
