// The Compare page in Chromium: win rate by technique on the deals of test/browser/analysis-data.ts —
// each group's rate, interval, n, the rest, the difference, q and the verdict as the API answers
// and as worked out by hand; the summary in sentences; the records behind a rate; a manager's reps
// (too few to judge), a viewer refused a split by rep, a split the KPI cannot take — in words;
// German; a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { TECHNIQUE_ROWS, importRows } from './analysis-data.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-compare-');
let d: Dashboard;
const MARCH = 'from=2026-03-01&to=2026-03-31&as_of=2026-03-31';

beforeAll(async () => {
  d = await startDashboard(tmp.path, (f) => importRows(f, tmp.path, TECHNIQUE_ROWS));
}, 120_000);
afterAll(async () => {
  await d?.close();
});

interface Group {
  group: Record<string, string | null>;
  value: number | null;
  numerator: number;
  denominator: number;
  ci95: [number, number] | null;
  rest: { value: number | null; numerator: number; denominator: number };
  difference: number | null;
  status: string;
  q: number | null;
  significant: boolean;
  direction: string | null;
}
interface Result {
  overall: { value: number; numerator: number; denominator: number };
  groups: Group[];
  summary: string[];
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const pp = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(1)} pp`;
const q = (x: number | null) => (x === null ? '–' : x < 0.001 ? 'q < 0.001' : `q = ${x.toFixed(3)}`);
const row = (page: Page, group: string) => page.locator(`table.an-groups tr[data-group="${group}"]`);
const col = (page: Page, group: string, c: string) => row(page, group).locator(`td[data-col="${c}"]`).innerText();

describe('Compare', () => {
  it('an admin sees each technique against the rest, as the API answers and as worked out by hand', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/compare?${MARCH}`);
    await settled(page);
    const api = (await (await page.request.get(`${d.base}/api/compare?${MARCH}&kpi=win_rate&by=technique`)).json()) as Result;
    // By hand: 90 closed, 46 won. challenger 24/30 against 22/60; spin 6/30 against 40/60;
    // solution 12/24 against 34/66; no technique (O1–O6) 4/6, too few to judge.
    // z-tests (pooled 46/90): challenger z = 3.8768, p = 1.0584e−4; spin z = −4.1750, p = 2.9795e−5;
    // solution z = −0.12716, p = 0.89881. Benjamini–Hochberg over 3: spin 3p = 8.94e−5,
    // challenger 3p/2 = 1.59e−4, solution p = 0.899. Ranked: significant first, larger difference first.
    expect(api.overall).toEqual({ value: 0.511111, numerator: 46, denominator: 90 });
    expect(api.groups.map((g) => [g.group.technique, g.numerator, g.denominator, g.rest.numerator, g.rest.denominator, g.status, g.significant, g.direction])).toEqual([
      ['spin', 6, 30, 40, 60, 'tested', true, 'lower'],
      ['challenger', 24, 30, 22, 60, 'tested', true, 'higher'],
      ['solution', 12, 24, 34, 66, 'tested', false, 'lower'],
      [null, 4, 6, 42, 84, 'too_small', false, null],
    ]);
    expect(api.groups[0].q).toBeCloseTo(8.9386e-5, 8);
    expect(api.groups[1].q).toBeCloseTo(1.58753e-4, 8);
    expect(api.groups[2].q).toBeCloseTo(0.898814, 5);
    // Wilson intervals: 24/30 → 62.7% – 90.5%; 6/30 → 9.5% – 37.3%.
    expect(api.groups[1].ci95!.map((x) => pct(x))).toEqual(['62.7%', '90.5%']);
    expect(api.groups[0].ci95!.map((x) => pct(x))).toEqual(['9.5%', '37.3%']);

    expect(await page.locator('table.an-groups tbody th').allInnerTexts()).toEqual(['spin', 'challenger', 'solution', '(none)']);
    for (const g of api.groups) {
      const key = g.group.technique ?? '';
      expect(await col(page, key, 'value')).toBe(pct(g.value));
      expect(await col(page, key, 'interval')).toBe(g.ci95 ? `${pct(g.ci95[0])} – ${pct(g.ci95[1])}` : '–');
      expect(await col(page, key, 'n')).toBe(`${g.numerator} of ${g.denominator}`);
      expect(await col(page, key, 'rest')).toBe(`${pct(g.rest.value)} of ${g.rest.denominator}`);
      expect(await col(page, key, 'difference')).toBe(pp(g.difference!));
      expect(await col(page, key, 'q')).toBe(g.status === 'tested' ? q(g.q) : '–');
    }
    expect(await col(page, 'challenger', 'value')).toBe('80.0%');
    expect(await col(page, 'challenger', 'difference')).toBe('+43.3 pp');
    expect(await col(page, 'solution', 'q')).toBe('q = 0.899');
    expect(await page.locator('table.an-groups td[data-col="verdict"]').allInnerTexts()).toEqual(['▼ Significantly lower', '▲ Significantly higher', 'Not significant', 'Too small to judge']);
    expect(await page.locator('.an-overall').innerText()).toBe('Overall: 51.1% (46 of 90)');
    // The summary says what the server's says, with the dimension's name capitalised.
    const sentences = await page.locator('.an-summary li').allInnerTexts();
    expect(sentences).toEqual(api.summary.map((s) => s[0].toUpperCase() + s.slice(1)));
    expect(sentences).toEqual([
      'Technique spin: win rate 20.0% (n = 30) — significantly lower than the rest (66.7%, q < 0.001, z-test).',
      'Technique challenger: win rate 80.0% (n = 30) — significantly higher than the rest (36.7%, q < 0.001, z-test).',
    ]);
    expect(await page.locator('.an-compare [role=img]').getAttribute('aria-label')).toContain('challenger 80.0% (62.7% – 90.5%)');
    await screenshot(page, 'compare-admin');
    expect(await axeViolations(page)).toEqual([]);

    // A rate opens its records: the 30 challenger deals.
    await row(page, 'challenger').locator('td[data-col="value"] button').click();
    const dialog = page.locator('dialog.records-dialog');
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(25);
    expect(await dialog.locator('.record-set-head span').first().innerText()).toBe('30 rows');
    expect(await dialog.locator('#records-title').innerText()).toBe('Records behind Win rate, Technique challenger');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a manager compares their own reps (too few to judge); a viewer is refused a split by rep', async () => {
    const mgr = await signInAs(d, ROLE_USERS.manager.email, `/compare?${MARCH}&compare_by=rep`);
    await settled(mgr.page);
    // Mia's scope: M1, R1, R2. R1 19 of 29 won, R2 4 of 16: each one's rest is the other, and 16 < 20.
    const reps = (await (await mgr.page.request.get(`${d.base}/api/compare?${MARCH}&kpi=win_rate&by=rep`)).json()) as Result;
    expect(reps.groups.map((g) => [g.group.rep, g.numerator, g.denominator, g.status]).sort()).toEqual([
      ['R1', 19, 29, 'too_small'],
      ['R2', 4, 16, 'too_small'],
    ]);
    const names: Record<string, string> = { R1: 'Rita Rep', R2: 'Rolf Rep' };
    expect(await mgr.page.locator('table.an-groups tbody th').allInnerTexts()).toEqual(reps.groups.map((g) => names[g.group.rep!]));
    expect(await col(mgr.page, 'R1', 'value')).toBe('65.5%');
    expect(await col(mgr.page, 'R1', 'n')).toBe('19 of 29');
    expect(await col(mgr.page, 'R2', 'rest')).toBe('65.5% of 29');
    expect(await mgr.page.locator('table.an-groups td[data-col="verdict"]').allInnerTexts()).toEqual(['Too small to judge', 'Too small to judge']);
    expect(await mgr.page.locator('.an-summary li').allInnerTexts()).toEqual(['No rep differs significantly from the rest in win rate (0 groups tested, 2 too small to judge).']);
    expect(await mgr.page.locator('.an-overall').innerText()).toBe('Overall: 51.1% (23 of 45)');
    expect(await mgr.page.locator('.an-scope').innerText()).toBe('Only the deals of the 3 reps you may see are counted.');
    await screenshot(mgr.page, 'compare-manager-reps');
    expect(mgr.problems).toEqual([]);
    await mgr.context.close();

    const viewer = await signInAs(d, ROLE_USERS.viewer.email, `/compare?${MARCH}&compare_by=rep`);
    await settled(viewer.page);
    expect(await viewer.page.locator('main [role=alert]').innerText()).toBe('Your role cannot see a split by Rep. Choose another split.');
    expect(viewer.problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
    // By technique the viewer sees the company's groups.
    await viewer.page.selectOption('#compare-by', 'technique');
    await settled(viewer.page);
    expect(await col(viewer.page, 'challenger', 'value')).toBe('80.0%');
    await viewer.context.close();
  });

  it('a KPI that cannot be split by the dimension is said in words', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/compare?${MARCH}&compare_kpi=lead_conversion_rate&compare_by=technique`);
    await settled(page);
    expect(await page.locator('.an-notice').innerText()).toBe('Lead conversion rate cannot be split by Technique.');
    await page.selectOption('#compare-by', 'source');
    await settled(page);
    // No leads in the store: nothing to compare, said in words.
    expect(await page.locator('.an-empty').innerText()).toBe('No records for this rate in this period.');
    expect(page.url()).toBe(`${d.base}/compare?${MARCH}&compare_kpi=lead_conversion_rate&compare_by=source`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('in German', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/compare?${MARCH}`, { locale: 'de-DE' });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Vergleich');
    expect(await col(page, 'challenger', 'value')).toBe('80,0\u00a0%');
    expect(await col(page, 'challenger', 'verdict')).toBe('▲ Signifikant höher');
    expect(await col(page, 'solution', 'q')).toBe('q = 0,899');
    expect(await page.locator('.an-summary li').first().innerText()).toBe('Technik spin: Gewinnrate 20,0\u00a0% (n = 30) – signifikant niedriger als der Rest (66,7\u00a0%, q < 0,001, z-Test).');
    await screenshot(page, 'compare-de');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, `/compare?${MARCH}`, { width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'compare-phone');
    await context.close();
  });
});
