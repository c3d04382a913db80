// The Sources and channels page in Chromium: lead conversion by source in March 2026 with Wilson
// intervals and n, the best and worst source in words, and by channel spend, new customers, cost
// per acquisition and lifetime value — equal to the API's numbers for the same query and to the
// leads, spend and deals of report-fixture.ts worked out by hand; the records behind a number; a
// team filter the channel KPIs cannot follow; German; a phone's width; no serious accessibility
// violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';
import { apiRows, captioned, prepareReports, tableRows, wilson } from './report-fixture.js';

const tmp = useTempDir('quotient-sources-');
let d: Dashboard;
const MARCH = '?from=2026-03-01&to=2026-03-31&as_of=2026-03-31';
const Q = 'from=2026-03-01&to=2026-03-31&as_of=2026-03-31';
const CONV = 'Lead conversion by source';
const CHANNELS = 'Spend, new customers, cost per acquisition and lifetime value by channel';

beforeAll(async () => {
  d = await startDashboard(tmp.path, prepareReports);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const interval = (k: number, n: number) => `${pct(wilson(k, n)[0])} – ${pct(wilson(k, n)[1])}`;
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const shown = (rows: string[][]) => rows.map((r) => r.map((c) => (c.startsWith('–') ? '–' : c)));
const card = (page: import('playwright-core').Page, kpi: string) => page.locator(`.kpi-card[data-kpi="${kpi}"]`);

describe('Sources and channels', () => {
  it('lead conversion by source with intervals and n, and cost and value by channel: the API’s numbers and the data’s', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, '/sources' + MARCH);
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Sources and channels');
    const conv = await apiRows(page, d.base, `${Q}&kpi=lead_conversion_rate&by=source`);
    const bySource = (s: string) => conv.find((r) => r.group.source === s)!;
    // By hand: social 3 of 3, referral 9 of 12, web 8 of 20, event 1 of 10.
    expect(['social', 'referral', 'web', 'event'].map((s) => [bySource(s).numerator, bySource(s).denominator, bySource(s).value, bySource(s).ci95])).toEqual([
      [3, 3, 1, wilson(3, 3)],
      [9, 12, 0.75, wilson(9, 12)],
      [8, 20, 0.4, wilson(8, 20)],
      [1, 10, 0.1, wilson(1, 10)],
    ]);
    const rows = shown(await tableRows(page, CONV));
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ['social', '3', '3', '100.0%', interval(3, 3)],
      ['referral', '12', '9', '75.0%', interval(9, 12)],
      ['web', '20', '8', '40.0%', interval(8, 20)],
      ['event', '10', '1', '10.0%', interval(1, 10)],
    ]);
    expect(await captioned(page, CONV).locator('tfoot').innerText()).toContain(`45\t21\t46.7%\t${interval(21, 45)}`);
    // Wilson(9, 12) = 46.8%–91.1% and Wilson(1, 10) = 1.8%–40.4% do not overlap; social has too few leads.
    expect(await page.locator('.sources-highlight').innerText()).toBe(
      'referral converts best (75.0%, n = 12); event converts worst (10.0%, n = 10). Their 95% intervals do not overlap, so the gap is unlikely to be chance. Only sources with at least 10 leads are compared.',
    );
    expect(await card(page, 'lead_conversion_rate').locator('.kpi-value').innerText()).toBe('46.7%');

    // Spend 1,000 web, 300 referral, 2,000 event, 5,000 sales_team; new customers in March: A1 and
    // A2 (first won through web), A5 (O10, event). CAC = 8,300 ÷ 3.
    const totals = await apiRows(page, d.base, `${Q}&kpi=cac,clv,clv_historical`);
    expect(totals.find((r) => r.kpi === 'cac')!.value).toBe(2766.67);
    expect(await card(page, 'cac').locator('.kpi-value').innerText()).toBe('$2,767');
    const ch = await apiRows(page, d.base, `${Q}&kpi=cpa_by_channel,clv,clv_historical&by=channel`);
    const at = (kpi: string, c: string) => ch.find((r) => r.kpi === kpi && r.group.channel === c);
    expect(['event', 'referral', 'sales_team', 'web'].map((c) => [at('cpa_by_channel', c)!.numerator, at('cpa_by_channel', c)!.denominator, at('cpa_by_channel', c)!.value])).toEqual([
      [2000, 1, 2000],
      [300, 0, null],
      [5000, 0, null],
      [1000, 2, 500],
    ]);
    // Historical lifetime value: web A1 (O1 + O3 = 3,000) and A2 (O4 + O6 = 4,300) → 3,650; event A5 1,000.
    expect([at('clv_historical', 'web')!.value, at('clv_historical', 'event')!.value]).toEqual([3650, 1000]);
    const money = (x: number | null | undefined) => (x === null || x === undefined ? '–' : usd.format(x));
    const channels = shown(await tableRows(page, CHANNELS));
    expect(channels).toEqual(
      [...new Set(ch.map((r) => r.group.channel).filter((c): c is string => !!c))].sort().map((c) => [c, money(at('cpa_by_channel', c)?.numerator), String(at('cpa_by_channel', c)?.denominator ?? '–'), money(at('cpa_by_channel', c)?.value), money(at('clv', c)?.value), money(at('clv_historical', c)?.value)]),
    );
    expect(channels.find((r) => r[0] === 'web')).toEqual(['web', '$1,000', '2', '$500', money(at('clv', 'web')?.value), '$3,650']);
    expect(channels.find((r) => r[0] === 'sales_team')!.slice(0, 4)).toEqual(['sales_team', '$5,000', '0', '–']);
    await screenshot(page, 'sources');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a number opens the records behind it', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/sources' + MARCH);
    await settled(page);
    await captioned(page, CONV).locator('tbody tr', { hasText: 'referral' }).getByRole('button', { name: /^75\.0%/ }).click();
    const dialog = page.locator('dialog.records-dialog');
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(12);
    expect(await dialog.locator('h2').innerText()).toBe('Records behind Lead conversion rate: referral');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await captioned(page, CHANNELS).locator('tbody tr', { hasText: 'web' }).getByRole('button', { name: /^\$500/ }).click();
    // Spend (1 line) and new customers (A1, A2).
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(3);
    await screenshot(page, 'sources-records');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a team filter: conversion follows it, the channel KPIs that cannot say so in words', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/sources' + MARCH + '&team=T1');
    await settled(page);
    // North (R1, R2): social 3 of 3, referral 9 of 12, web 5 of 12.
    expect(shown(await tableRows(page, CONV)).map((r) => r.slice(0, 5))).toEqual([
      ['social', '3', '3', '100.0%', interval(3, 3)],
      ['referral', '12', '9', '75.0%', interval(9, 12)],
      ['web', '12', '5', '41.7%', interval(5, 12)],
    ]);
    expect(await page.locator('.sources-highlight').innerText()).toBe('referral converts best (75.0%, n = 12); web converts worst (41.7%, n = 12). Their 95% intervals overlap, so the gap may be chance. Only sources with at least 10 leads are compared.');
    expect(await card(page, 'cac').locator('.kpi-missing').innerText()).toBe('Cannot be filtered by Team.');
    expect(await page.locator('#sources-channels ~ .kpi-missing').first().innerText()).toBe('Cost per acquisition by channel: Cannot be filtered by Team.');
    const ch = await apiRows(page, d.base, `${Q}&kpi=clv_historical&by=channel&filter=team=T1`);
    expect(shown(await tableRows(page, CHANNELS))).toEqual(ch.filter((r) => r.group.channel).map((r) => [r.group.channel!, usd.format(r.value!)]).sort());
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('in German: German words and number formats', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/sources' + MARCH);
    await settled(page);
    await page.selectOption('.who .lang select', 'de');
    await settled(page);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Quellen und Kanäle');
    expect(shown(await tableRows(page, 'Lead-Konversion nach Quelle'))[1].slice(0, 4)).toEqual(['referral', '12', '9', '75,0\u00a0%']);
    expect(await card(page, 'cac').locator('.kpi-value').innerText()).toBe('2.767\u00a0$');
    await screenshot(page, 'sources-de');
    await context.close();
  });

  it('works at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.rep.email, '/sources' + MARCH, { width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'sources-phone-rep');
    await context.close();
  });
});
