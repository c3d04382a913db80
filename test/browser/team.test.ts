// The Team page in Chromium: the leaderboard's numbers equal the API's and the fixture's by hand
// (March 2026: O1 1000 won R1, O2 500 lost R1, O3 2000 won R2, O4 4000 won R3, O5 800 lost R3,
// O6 300 won M2; March quotas R1 2000, R2 1000, R3 4000; activities R1 3, R2 1, R3 1), ties
// share a rank, a win rate needs a minimum of closed deals, a manager sees only their team, a
// rep sees no colleague's name and cannot open a colleague's scorecard.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import { bumpDataVersion } from '../../src/store/meta.js';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { setSetting } from '../../src/store/settings.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-team-');
let d: Dashboard;
const MARCH = '?from=2026-03-01&to=2026-03-31&as_of=2026-03-31';
const MARCH_API = 'from=2026-03-01&to=2026-03-31&as_of=2026-03-31';

beforeAll(async () => {
  d = await startDashboard(tmp.path, async (f) => {
    const dir = tmp.path;
    writeFileSync(
      join(dir, 'targets.csv'),
      'target_id,kpi,scope,scope_id,period_start,period_end,value\nQ1,revenue,rep,R1,2026-03-01,2026-03-31,2000\nQ2,revenue,rep,R2,2026-03-01,2026-03-31,1000\nQ3,revenue,rep,R3,2026-03-01,2026-03-31,4000\nQT,revenue,team,T1,2026-03-01,2026-03-31,5000\n',
    );
    writeFileSync(
      join(dir, 'activities.csv'),
      'activity_id,rep_id,type,occurred_at\nA1,R1,call,2026-03-02T10:00:00Z\nA2,R1,email,2026-03-03T10:00:00Z\nA3,R1,call,2026-03-04T10:00:00Z\nA4,R2,meeting,2026-03-05T10:00:00Z\nA5,R3,call,2026-03-06T10:00:00Z\nA6,M1,call,2026-02-06T10:00:00Z\n',
    );
    const r = await importFiles(f.store, [
      { entity: 'targets', path: join(dir, 'targets.csv'), mapping: emptyMapping() },
      { entity: 'activities', path: join(dir, 'activities.csv'), mapping: emptyMapping() },
    ]);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    await bumpDataVersion(f.store);
  });
}, 120_000);
afterAll(async () => {
  await d?.close();
});

/** The leaderboard's rows: rep id → rank and the KPI cells' text. */
async function board(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const out: Record<string, Record<string, string>> = {};
    for (const tr of document.querySelectorAll<HTMLTableRowElement>('table.team-table tr[data-rep], table.team-table tr[data-team]')) {
      const key = tr.dataset.rep ?? `team:${tr.dataset.team}`;
      const row: Record<string, string> = {};
      const rank = tr.querySelector('.team-rank');
      if (rank) row.rank = rank.textContent!.trim();
      row.name = tr.querySelector('th')!.textContent!.trim();
      for (const td of tr.querySelectorAll<HTMLElement>('td[data-kpi]')) row[td.dataset.kpi!] = td.innerText.trim();
      out[key] = row;
    }
    return out;
  });
}
const order = (page: Page) => page.locator('table.team-table tbody tr[data-rep]').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.rep));

describe('Team leaderboard', () => {
  it('a manager sees their team ranked by revenue, with the API’s and the hand-computed numbers', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, '/team' + MARCH);
    await settled(page);
    const api = await page.request.get(`${d.base}/api/report?kpi=revenue,quota_attainment&by=rep&${MARCH_API}`);
    const rows = ((await api.json()) as { rows: { kpi: string; group: { rep?: string }; value: number }[] }).rows;
    const value = (kpi: string, rep: string) => rows.find((r) => r.kpi === kpi && r.group.rep === rep)?.value;
    expect([value('revenue', 'R1'), value('revenue', 'R2'), value('quota_attainment', 'R1'), value('quota_attainment', 'R2')]).toEqual([1000, 2000, 0.5, 2]);
    // M1 has no deal in March: revenue 0, last. R3 (team South) is not this manager's.
    expect(await order(page)).toEqual(['R2', 'R1', 'M1']);
    const b = await board(page);
    expect(b.R2).toMatchObject({ rank: '1', name: 'Rolf Rep', revenue: '$2,000', quota_attainment: '200.0%', average_deal_size: '$2,000', sales_cycle_length: '33 days', activities: '1' });
    expect(b.R1).toMatchObject({ rank: '2', name: 'Rita Rep', revenue: '$1,000', quota_attainment: '50.0%', average_deal_size: '$1,000', sales_cycle_length: '32 days', activities: '3' });
    expect(b.R1.win_rate).toBe('50.0% n = 2');
    expect(b.M1).toMatchObject({ rank: '3', name: 'Mia Manager', revenue: '$0', win_rate: '–', activities: '0' });
    // Team North: R1 1000 + R2 2000 of a 5000 team quota; the company: all six deals.
    expect(b['team:T1']).toMatchObject({ name: 'Team North (total)', revenue: '$3,000', quota_attainment: '60.0%', activities: '4' });
    expect(b['team:company']).toMatchObject({ name: 'Company (total)', revenue: '$7,300', activities: '5' });
    const text = await page.locator('main').innerText();
    expect(text).not.toContain('Ravi');
    expect(text).not.toContain('Max Manager');
    expect(await page.locator('.team-chart canvas').count()).toBe(1);
    expect(await page.locator('.team-chart [role=img]').getAttribute('aria-label')).toBe('Bar chart of Revenue by rep, best first: Rolf Rep $2,000, Rita Rep $1,000, Mia Manager $0');
    await screenshot(page, 'team-manager');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the win rate ranks only reps with enough closed deals; activities and the cycle rank too', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, '/team' + MARCH);
    await settled(page);
    await page.selectOption('#team-rank-by', 'win_rate');
    // Five closed deals by default: R1 has 2, R2 1 — nobody is ranked.
    expect(Object.values(await board(page)).filter((r) => r.rank && r.rank !== '–')).toEqual([]);
    await page.fill('#team-min-deals', '2');
    await expect.poll(async () => (await board(page)).R1.rank).toBe('1');
    const b = await board(page);
    expect(b.R2.rank).toBe('–');
    expect(await order(page)).toEqual(['R1', 'M1', 'R2']);
    await page.fill('#team-min-deals', '1');
    await expect.poll(() => order(page)).toEqual(['R2', 'R1', 'M1']);
    expect((await board(page)).R2).toMatchObject({ rank: '1', win_rate: '100.0% n = 1' });
    // Activities: a header button ranks by its column.
    await page.getByRole('button', { name: 'Activities', exact: true }).click();
    await expect.poll(() => order(page)).toEqual(['R1', 'R2', 'M1']);
    expect(await page.locator('#team-rank-by').inputValue()).toBe('activities');
    await screenshot(page, 'team-manager-win-rate');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('equal values share a rank (admin, sales cycle: lower is better); a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/team' + MARCH);
    await settled(page);
    await page.selectOption('#team-rank-by', 'sales_cycle_length');
    // O1 32 days (R1); O3 and O4 33 days (R2, R3: tied, then by name); O6 37 days (M2); M1 won nothing.
    await expect.poll(() => order(page)).toEqual(['R1', 'R3', 'R2', 'M2', 'M1']);
    const b = await board(page);
    expect([b.R1.rank, b.R2.rank, b.R3.rank, b.M2.rank, b.M1.rank]).toEqual(['1', '2', '2', '4', '–']);
    expect(await page.locator('th[aria-sort]').innerText()).toContain('Sales cycle length');
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    // At a phone's width the page does not overflow (the table scrolls in its own box).
    await page.selectOption('#team-rank-by', 'revenue');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'team-phone-admin');
    await context.close();
  });

  it('a rep sees their own row and the totals, and no colleague’s name anywhere', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.rep.email, '/team' + MARCH);
    await settled(page);
    const b = await board(page);
    expect(Object.keys(b)).toEqual(['R1', 'team:T1', 'team:company']);
    expect(b.R1).toMatchObject({ name: 'Rita Rep', revenue: '$1,000', quota_attainment: '50.0%', activities: '3' });
    expect(b['team:T1'].revenue).toBe('$3,000');
    expect(b['team:company'].revenue).toBe('$7,300');
    const text = await page.locator('body').innerText();
    for (const other of ['Rolf', 'Ravi', 'Mia Manager', 'Max Manager']) expect(text).not.toContain(other);
    expect(await page.locator('.team-rank').count()).toBe(0);
    expect(await page.locator('.note').first().innerText()).toBe('You see your own numbers and the totals of your team and the company; colleagues are not named.');
    await screenshot(page, 'team-rep');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('when the admin lets reps see their team, a rep sees the team ranked by name (never another team)', async () => {
    await setSetting(d.fixture.store, 'reps_see_team', 'true');
    try {
      const { page, problems, context } = await signInAs(d, ROLE_USERS.rep.email, '/team' + MARCH);
      await settled(page);
      const b = await board(page);
      expect(Object.keys(b).filter((k) => !k.startsWith('team:'))).toEqual(['R2', 'R1', 'M1']);
      expect(b.R2).toMatchObject({ rank: '1', name: 'Rolf Rep', revenue: '$2,000' });
      const text = await page.locator('body').innerText();
      for (const other of ['Ravi', 'Max Manager']) expect(text).not.toContain(other);
      await screenshot(page, 'team-rep-sees-team');
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await setSetting(d.fixture.store, 'reps_see_team', 'false');
    }
  });

  it('in German', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.manager.email, '/team' + MARCH, { locale: 'de-DE' });
    await settled(page);
    expect(await page.locator('label[for=team-rank-by]').innerText()).toContain('Rangfolge nach');
    expect((await board(page)).R2).toMatchObject({ revenue: '2.000\u00a0$', quota_attainment: '200,0\u00a0%' });
    expect(await page.locator('table.team-table thead th').first().innerText()).toBe('Rang');
    await screenshot(page, 'team-de');
    await context.close();
  });
});

describe('Scorecard', () => {
  it('a manager opens a rep’s scorecard from the leaderboard: the API’s numbers, against the previous period and the target', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, '/team' + MARCH);
    await settled(page);
    await page.getByRole('link', { name: 'Scorecard of Rita Rep' }).click();
    await settled(page);
    expect(page.url()).toBe(`${d.base}/team/R1${MARCH}`);
    expect(await page.locator('h1').innerText()).toBe('Scorecard: Rita Rep');
    const api = await page.request.get(`${d.base}/api/report?kpi=revenue,win_rate&filter=rep=R1&compare=previous_period,target&${MARCH_API}`);
    const rows = ((await api.json()) as { rows: { kpi: string; value: number; comparisons: { target: { value: number | null } } }[] }).rows;
    expect(rows.map((r) => [r.kpi, r.value, r.comparisons.target.value])).toEqual([
      ['revenue', 1000, 2000],
      ['win_rate', 0.5, null],
    ]);
    const card = (kpi: string) => page.locator(`.kpi-card[data-kpi="${kpi}"]`);
    expect(await card('revenue').locator('.kpi-value').innerText()).toBe('$1,000');
    expect(await card('revenue').locator('.kpi-target > span').innerText()).toBe('50% of target $2,000');
    expect(await card('revenue').locator('.kpi-change').innerText()).toBe('▲ +$1,000 vs Jan 29, 2026 – Feb 28, 2026');
    expect(await card('quota_attainment').locator('.kpi-value').innerText()).toBe('50.0%');
    expect(await card('win_rate').locator('.kpi-value').innerText()).toBe('50.0%');
    expect(await card('average_deal_size').locator('.kpi-value').innerText()).toBe('$1,000');
    expect(await card('sales_cycle_length').locator('.kpi-value').innerText()).toBe('32 days');
    // Activities add up over their types (2 calls, 1 e-mail); February had none.
    expect(await card('activities').locator('.kpi-value').innerText()).toBe('3');
    expect(await card('activities').locator('.kpi-change').innerText()).toBe('▲ +3 vs Jan 29, 2026 – Feb 28, 2026');
    expect(await page.locator('.scorecard-trend canvas').count()).toBe(1);
    await screenshot(page, 'scorecard-manager');
    expect(await axeViolations(page)).toEqual([]);
    // Back to the leaderboard.
    await page.getByRole('link', { name: 'Back to the leaderboard' }).click();
    await settled(page);
    expect(await order(page)).toEqual(['R2', 'R1', 'M1']);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a rep opens their own scorecard but not a colleague’s (the API says 403 too)', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.rep.email, '/team/R1' + MARCH);
    await settled(page);
    expect(await page.locator('.kpi-card[data-kpi="revenue"] .kpi-value').innerText()).toBe('$1,000');
    await page.goto(`${d.base}/team/R2${MARCH}`);
    await settled(page);
    expect(await page.locator('[role=alert] h1').innerText()).toBe('Not allowed');
    expect(await page.locator('[role=alert]').innerText()).toContain('Your role does not allow you to open the scorecard of “R2”.');
    expect(await page.locator('body').innerText()).not.toContain('Rolf');
    expect((await page.request.get(`${d.base}/api/report?kpi=revenue&filter=rep=R2&${MARCH_API}`)).status()).toBe(403);
    await screenshot(page, 'scorecard-rep-refused');
    expect(await axeViolations(page)).toEqual([]);
    // The way back to their own.
    await page.getByRole('link', { name: 'You can open your own scorecard.' }).click();
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Scorecard: Rita Rep');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a manager cannot open another team’s rep; an unknown id is “not found”; German words', async () => {
    const m = await signInAs(d, ROLE_USERS.manager.email, '/team/R3' + MARCH);
    await settled(m.page);
    expect(await m.page.locator('[role=alert] h1').innerText()).toBe('Not allowed');
    expect(await m.page.locator('body').innerText()).not.toContain('Ravi');
    await m.context.close();
    const a = await signInAs(d, ROLE_USERS.admin.email, '/team/NOPE' + MARCH);
    await settled(a.page);
    expect(await a.page.locator('[role=alert] h1').innerText()).toBe('Not found');
    expect(await a.page.locator('[role=alert] p').innerText()).toBe('There is no rep with the id “NOPE”.');
    await a.page.selectOption('.who .lang select', 'de');
    await expect.poll(() => a.page.locator('[role=alert] h1').innerText()).toBe('Nicht gefunden');
    await a.page.goto(`${d.base}/team/R3${MARCH}`);
    await settled(a.page);
    expect(await a.page.locator('h1').innerText()).toBe('Scorecard: Ravi Rep');
    expect(await a.page.locator('.scorecard-back').innerText()).toBe('← Zurück zur Rangliste');
    expect(await a.page.locator('.kpi-card[data-kpi="revenue"] .kpi-value').innerText()).toBe('4.000\u00a0$');
    await screenshot(a.page, 'scorecard-de');
    expect(a.problems).toEqual([]);
    await a.context.close();
  });
});
