// The Explain page in Chromium: March 2026 against February (test/browser/analysis-data.ts) — before
// → after, the three drivers (Shapley values, worked out by hand) summing to the change, the
// segments as the API lists them, the records behind a revenue figure; the previous year; a
// manager's and a rep's own deals; a viewer refused in words; German; a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { FEBRUARY_ROWS, importRows } from './analysis-data.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-explain-');
let d: Dashboard;
// Last month seen from mid-April: March 2026, against February.
const MARCH = 'period=last_month&as_of=2026-04-15';

beforeAll(async () => {
  d = await startDashboard(tmp.path, (f) => importRows(f, tmp.path, FEBRUARY_ROWS));
}, 120_000);
afterAll(async () => {
  await d?.close();
});

interface Result {
  before: number;
  after: number;
  total_change: number;
  drivers: { driver: string; contribution: number }[];
  segments: { dimension: string; value: string | null; before: number; after: number; change: number; drivers: { driver: string; contribution: number }[] }[];
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const cents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
// The dashboard writes amounts under 100 with their cents.
const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${x !== 0 && Math.abs(x) < 100 ? cents.format(Math.abs(x)) : usd.format(Math.abs(x))}`;
const driverCell = (page: Page, driver: string) => page.locator(`table.an-drivers tr[data-driver="${driver}"] td[data-col="contribution"]`).innerText();
const total = (page: Page, side: string) => page.locator(`.an-total[data-side="${side}"] .an-total-value`).innerText();

describe('Explain', () => {
  it('an admin sees what drove the change, as the API answers and as worked out by hand', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/explain?${MARCH}`);
    await settled(page);
    const api = (await (await page.request.get(`${d.base}/api/explain?${MARCH}&vs=previous_period&top=5`)).json()) as Result;
    // By hand: February 4 closed, 2 won, 4,000 (rate 0.5, size 2,000); March 6 closed, 4 won, 7,300
    // (rate 2/3, size 1,825). Shapley parts of closed × rate × size: each factor's change times
    // the mean of the others' products, (both before + both after) ÷ 3 + (mixed) ÷ 6:
    //   closed  2 × ((1,000 + 1,216.67) ÷ 3 + (912.50 + 1,333.33) ÷ 6)      = 2,226.39
    //   rate  1/6 × ((8,000 + 10,950) ÷ 3 + (7,300 + 12,000) ÷ 6)           = 1,588.89
    //   size −175 × ((2 + 4) ÷ 3 + (2.667 + 3) ÷ 6)                          = −515.28  → 3,300.00
    expect([api.before, api.after, api.total_change]).toEqual([4000, 7300, 3300]);
    expect(api.drivers).toEqual([
      { driver: 'opportunities', contribution: 2226.39 },
      { driver: 'win_rate', contribution: 1588.89 },
      { driver: 'average_deal_size', contribution: -515.28 },
    ]);
    expect([await total(page, 'before'), await total(page, 'after'), await total(page, 'change')]).toEqual(['$4,000', '$7,300', '+$3,300']);
    expect(await page.locator('.an-total[data-side="change"] .an-total-period').innerText()).toBe('+82.5%');
    expect([await driverCell(page, 'opportunities'), await driverCell(page, 'win_rate'), await driverCell(page, 'average_deal_size'), await driverCell(page, 'total')]).toEqual(['+$2,226', '+$1,589', '−$515', '+$3,300']);
    expect(await page.locator('table.an-drivers tbody td[data-col="share"]').allInnerTexts()).toEqual(['67%', '48%', '−16%']);
    expect(await page.locator('.an-sentences li').first().innerText()).toBe('Revenue changed by +$3,300 against the previous period (Feb 2026): $4,000 → $7,300.');
    // Segments: the API's, in its order — web +4,000 (5,000 against 1,000), segment (none)
    // +3,300, event −2,700 (300 against 3,000), then R2, team North and referral +2,000 each, …
    expect(api.segments.slice(0, 3).map((s) => [s.dimension, s.value, s.before, s.after, s.change])).toEqual([
      ['source', 'web', 1000, 5000, 4000],
      ['segment', null, 4000, 7300, 3300],
      ['source', 'event', 3000, 300, -2700],
    ]);
    const rows = page.locator('table.an-segments tbody tr');
    expect(await rows.count()).toBe(api.segments.length);
    const names: Record<string, string> = { R1: 'Rita Rep', R2: 'Rolf Rep', R3: 'Ravi Rep', M2: 'Max Manager', T1: 'North', T2: 'South' };
    const dims: Record<string, string> = { rep: 'Rep', team: 'Team', source: 'Lead source', segment: 'Segment' };
    for (const [i, s] of api.segments.entries()) {
      const cells = await rows.nth(i).locator('th, td').allInnerTexts();
      expect(cells).toEqual([dims[s.dimension], s.value === null ? '(none)' : (names[s.value] ?? s.value), usd.format(s.before), usd.format(s.after), signed(s.change), ...s.drivers.map((x) => signed(x.contribution))]);
    }
    expect(await page.locator('.an-explain [role=img]').getAttribute('aria-label')).toBe('Waterfall chart: revenue before $4,000; Closed opportunities +$2,226; Win rate +$1,589; Average deal size −$515; revenue after $7,300.');
    await screenshot(page, 'explain-admin');
    expect(await axeViolations(page)).toEqual([]);

    // Revenue opens the won deals behind it: March's four, February's two.
    const dialog = page.locator('dialog.records-dialog');
    const ids = async () => {
      const headers = await dialog.locator('table.records thead th').allInnerTexts();
      const col = headers.findIndex((h) => h.startsWith('opportunity_id')) + 1;
      return (await dialog.locator(`table.records tbody tr td:nth-child(${col})`).allInnerTexts()).sort();
    };
    await page.locator('.an-total[data-side="after"] button').click();
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(4);
    expect(await ids()).toEqual(['O1', 'O3', 'O4', 'O6']);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.locator('.an-total[data-side="before"] button').click();
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(2);
    expect(await ids()).toEqual(['F1', 'F3']);
    expect(await dialog.locator('#records-title').innerText()).toBe('Records behind Revenue, Feb 2026');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    // A segment's revenue: web in March is O1 and O4.
    await page.locator('tr[data-segment="source:web"] td[data-col="after"] button').click();
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(2);
    expect(await ids()).toEqual(['O1', 'O4']);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('against the same period a year before', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/explain?${MARCH}`);
    await settled(page);
    await page.selectOption('#explain-vs', 'previous_year');
    await settled(page);
    expect(page.url()).toBe(`${d.base}/explain?${MARCH}&explain_vs=previous_year`);
    // March 2025 has nothing: each factor changes from zero, so each is last to change in two of
    // the six orders and carries 7,300 ÷ 3 there; the cent goes to the first of the largest.
    const api = (await (await page.request.get(`${d.base}/api/explain?${MARCH}&vs=previous_year`)).json()) as Result;
    expect(api.drivers.map((x) => x.contribution)).toEqual([2433.34, 2433.33, 2433.33]);
    expect([await total(page, 'before'), await total(page, 'after'), await total(page, 'change')]).toEqual(['$0', '$7,300', '+$7,300']);
    expect(await page.locator('.an-total[data-side="before"] .an-total-period').innerText()).toBe('Mar 2025');
    expect(await page.locator('.an-sentences li').first().innerText()).toBe('Revenue changed by +$7,300 against the same period a year before (Mar 2025): $0 → $7,300.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a manager and a rep see the change of their own deals; a viewer is refused in words', async () => {
    const mgr = await signInAs(d, ROLE_USERS.manager.email, `/explain?${MARCH}`);
    await settled(mgr.page);
    // Mia's reps M1, R1, R2: March O1 1,000 + O3 2,000; February F1 1,000.
    expect([await total(mgr.page, 'before'), await total(mgr.page, 'after'), await total(mgr.page, 'change')]).toEqual(['$1,000', '$3,000', '+$2,000']);
    expect(await mgr.page.locator('.an-scope').innerText()).toBe('Only the deals of the 3 reps you may see are counted.');
    expect(await mgr.page.locator('table.an-segments tbody th').allInnerTexts()).not.toContain('Ravi Rep');
    expect(mgr.problems).toEqual([]);
    await mgr.context.close();

    const rep = await signInAs(d, ROLE_USERS.rep.email, `/explain?${MARCH}`);
    await settled(rep.page);
    // Rita: O1 won 1,000 of O1, O2 in March; F1 won 1,000 in February.
    expect(await rep.page.locator('.an-sentences li').first().innerText()).toBe('Revenue did not change against the previous period (Feb 2026): $1,000 in both periods.');
    expect(await rep.page.locator('.an-scope').innerText()).toBe('Only your own deals are counted.');
    await screenshot(rep.page, 'explain-rep');
    expect(rep.problems).toEqual([]);
    await rep.context.close();

    const viewer = await signInAs(d, ROLE_USERS.viewer.email, `/explain?${MARCH}`);
    await settled(viewer.page);
    expect(await viewer.page.locator('main [role=alert]').innerText()).toBe('Your role does not allow this view: it would show reps in detail or teams outside your own.');
    expect(viewer.problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
    await viewer.context.close();
  });

  it('in German, and a filter revenue cannot take', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/explain?${MARCH}`, { locale: 'de-DE' });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Erklären');
    expect(await total(page, 'change')).toBe('+3.300\u00a0$');
    expect(await driverCell(page, 'win_rate')).toBe('+1.589\u00a0$');
    expect(await page.locator('table.an-drivers tbody th').allInnerTexts()).toEqual(['Abgeschlossene Verkaufschancen', 'Gewinnrate', 'Durchschnittliche Abschlussgröße']);
    expect(await page.locator('.an-sentences li').first().innerText()).toBe('Der Umsatz hat sich gegenüber dem vorigen Zeitraum (Feb. 2026) um +3.300\u00a0$ verändert: 4.000\u00a0$ → 7.300\u00a0$.');
    await screenshot(page, 'explain-de');
    await page.goto(`${d.base}/explain?${MARCH}&product=P1`);
    await settled(page);
    expect(await page.locator('.an-notice p').first().innerText()).toBe('Diese Ansicht kann nicht nach Produkt gefiltert werden; die zugrunde liegenden Zahlen erfassen das nicht.');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, `/explain?${MARCH}`, { width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'explain-phone');
    await context.close();
  });
});
