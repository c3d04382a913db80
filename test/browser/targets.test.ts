// The Targets page in Chromium, on the March 2026 deals and targets of test/browser/targets-data.ts,
// judged as of 2026-03-31: what a rep may see (and no admin forms); the admin's table with every
// figure worked out by hand and checked against the API; a team target added through the form —
// refused first in the server's words with nothing typed lost, then replacing the overlapping
// one and split evenly — and removed with its split; German; a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { importRows, statusOf, TARGET_ROWS, type Thresholds } from './targets-data.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-targets-');
let d: Dashboard;
const AS_OF = 'as_of=2026-03-31';

beforeAll(async () => {
  d = await startDashboard(tmp.path, (f) => importRows(f, tmp.path, TARGET_ROWS));
}, 120_000);
afterAll(async () => {
  await d?.close();
});

interface ApiTarget {
  target_id: string;
  value: number;
  pacing: { so_far: number | null; attainment: number | null; projected: number | null; status: string | null };
}
const getTargets = async (page: Page) => (await (await page.request.get(`${d.base}/api/targets?${AS_OF}`)).json()) as { thresholds: Thresholds; targets: ApiTarget[] };
const rowIds = (page: Page) => page.locator('table.tg-table tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
const cells = (page: Page, id: string) => page.locator(`table.tg-table tbody tr[data-id="${id}"]`).locator('th, td').allInnerTexts();
const WORDS = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' } as const;

describe('Targets', () => {
  it('a rep sees the company’s, their team’s and their own targets, and no admin forms', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.rep.email, `/targets?${AS_OF}`);
    await settled(page);
    // Rita (R1, team North): the company's target and her own; not South's, not Ravi's.
    expect(await rowIds(page)).toEqual(['TGC', 'TGR']);
    const api = await getTargets(page);
    expect(api.targets.map((t) => t.target_id)).toEqual(['TGC', 'TGR']);
    expect(await cells(page, 'TGR')).toEqual(['Revenue', 'Rita Rep', 'Mar 2026', '$1,250', '$1,000', '80.0%', '$1,000', 'Off track']);
    expect(await page.locator('#tg-add-title').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await page.locator('table.tg-table thead th').allInnerTexts()).not.toContain('Actions');
    await screenshot(page, 'targets-rep');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an admin sees every target with its pacing, as worked out by hand and as the API answers', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/targets?${AS_OF}`);
    await settled(page);
    const api = await getTargets(page);
    const th = api.thresholds;
    expect(th).toEqual({ on_track: 1, at_risk: 0.85 });
    // By hand: 8,300 of 10,000; 4,300 of 5,000; 1,000 of 1,250; a 50% win rate against 60%.
    const hand: Record<string, [number, number]> = { TGC: [8300, 10000], TGS: [4300, 5000], TGR: [1000, 1250], TGW: [0.5, 0.6] };
    expect(api.targets.map((t) => t.target_id).sort()).toEqual(Object.keys(hand).sort());
    for (const t of api.targets) {
      const [soFar, target] = hand[t.target_id];
      expect(t.pacing.so_far).toBe(soFar);
      expect(t.value).toBe(target);
      expect(t.pacing.attainment).toBeCloseTo(soFar / target, 6);
      expect(t.pacing.projected).toBe(soFar);
      expect(t.pacing.status).toBe(statusOf(soFar / target, th));
    }
    expect(await rowIds(page)).toEqual(api.targets.map((t) => t.target_id));
    expect(await page.locator('.tg-asof').innerText()).toBe('Judged as of Mar 31, 2026. On track: projected to reach at least 100% of the target; at risk: at least 85%; otherwise off track. For periods that have ended, the final value counts.');
    expect(await cells(page, 'TGC')).toEqual(['Revenue', 'Company', 'Mar 2026', '$10,000', '$8,300', '83.0%', '$8,300', WORDS[statusOf(0.83, th)], 'Remove']);
    expect(WORDS[statusOf(0.83, th)]).toBe('Off track');
    expect(await cells(page, 'TGS')).toEqual(['Revenue', 'South', 'Mar 2026', '$5,000', '$4,300', '86.0%', '$4,300', 'At risk', 'Remove']);
    expect(await cells(page, 'TGR')).toEqual(['Revenue', 'Rita Rep', 'Mar 2026', '$1,250', '$1,000', '80.0%', '$1,000', 'Off track', 'Remove']);
    expect(await cells(page, 'TGW')).toEqual(['Win rate', 'Ravi Rep', 'Mar 2026', '60.0%', '50.0%', '83.3%', '50.0%', 'Off track', 'Remove']);
    expect(await page.locator('table.tg-table th[scope=col]').count()).toBe(9);
    await screenshot(page, 'targets-admin');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an admin adds a team target split evenly through the form, sees the server’s refusal first, then removes it with its split', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/targets?${AS_OF}`);
    page.setDefaultTimeout(10_000);
    await settled(page);
    // Team North, revenue, this month (March, as of the page's date), 4,000 split evenly over R1 and
    // R2: 2,000 each. R1's part overlaps TGR (same length), so the server refuses.
    await page.selectOption('#tg-kpi', 'revenue');
    await page.selectOption('#tg-scope', 'team:T1');
    await page.selectOption('#tg-period', 'this_month');
    await page.fill('#tg-value', '4,000');
    await page.selectOption('#tg-split', 'even');
    await page.getByRole('button', { name: 'Add target' }).click();
    const said = page.locator('.tg-said');
    await expect.poll(() => said.innerText()).toMatch(/^The server refused: .*TGR/);
    expect(await said.getAttribute('role')).toBe('alert');
    // Nothing typed is lost.
    expect(await page.inputValue('#tg-value')).toBe('4,000');
    expect(await page.inputValue('#tg-scope')).toBe('team:T1');
    expect(await page.inputValue('#tg-split')).toBe('even');
    expect(await rowIds(page)).not.toContain('T1');
    await screenshot(page, 'targets-refused');

    await page.check('#tg-replace');
    await page.getByRole('button', { name: 'Add target' }).click();
    await expect.poll(() => said.locator('p').allInnerTexts()).toEqual(['Targets added: 3.', 'Earlier targets replaced: 1.']);
    await settled(page);
    const api = await getTargets(page);
    const team = api.targets.find((t) => t.value === 4000)!;
    expect(team.pacing.so_far).toBe(4000);
    expect(team.pacing.attainment).toBe(1);
    const parts = api.targets.filter((t) => t.target_id.startsWith(`${team.target_id}-`)).map((t) => [t.target_id, t.value, t.pacing.so_far, t.pacing.attainment]);
    expect(parts).toEqual([
      [`${team.target_id}-R1`, 2000, 1000, 0.5],
      [`${team.target_id}-R2`, 2000, 3000, 1.5],
    ]);
    expect(api.targets.map((t) => t.target_id)).not.toContain('TGR');
    // 4,000 of 4,000 → 100.0%, on track; Rita 1,000 of 2,000 → 50.0%; Rolf 3,000 of 2,000 → 150.0%.
    expect(await cells(page, team.target_id)).toEqual(['Revenue', 'North', 'Mar 2026', '$4,000', '$4,000', '100.0%', '$4,000', 'On track', 'Remove']);
    expect(await cells(page, `${team.target_id}-R1`)).toEqual(['Revenue', 'Rita Rep', 'Mar 2026', '$2,000', '$1,000', '50.0%', '$1,000', 'Off track', 'Remove']);
    expect(await cells(page, `${team.target_id}-R2`)).toEqual(['Revenue', 'Rolf Rep', 'Mar 2026', '$2,000', '$3,000', '150.0%', '$3,000', 'On track', 'Remove']);
    await screenshot(page, 'targets-added');

    // Remove it, with its reps' parts, after a confirmation.
    await page.getByRole('button', { name: 'Remove the target Revenue · North · Mar 2026' }).click();
    const confirm = page.getByRole('group', { name: 'Remove the target Revenue · North · Mar 2026?' });
    expect(await confirm.getByLabel('Also remove the reps’ parts of its split').isChecked()).toBe(true);
    await confirm.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.locator('p.tg-removed[role=status]').innerText()).toBe('Targets removed: 3.');
    await settled(page);
    expect(await rowIds(page)).toEqual(['TGC', 'TGS', 'TGW']);
    expect((await getTargets(page)).targets.map((t) => t.target_id)).toEqual(['TGC', 'TGS', 'TGW']);

    // A rate is typed in percent: R3's win rate for a custom range, 55% → 0.55.
    await page.selectOption('#tg-kpi', 'win_rate');
    await page.selectOption('#tg-scope', 'rep:R3');
    await page.selectOption('#tg-period', 'custom');
    await page.fill('#tg-f-from', '2026-03-01');
    await page.fill('#tg-f-to', '2026-03-31');
    await page.uncheck('#tg-replace');
    await page.fill('#tg-value', '55');
    await page.getByRole('button', { name: 'Add target' }).click();
    await expect.poll(() => said.innerText()).toMatch(/^The server refused: .*TGW/);
    await page.check('#tg-replace');
    await page.getByRole('button', { name: 'Add target' }).click();
    await expect.poll(() => said.locator('p').allInnerTexts()).toEqual(['Targets added: 1.', 'Earlier targets replaced: 1.']);
    await settled(page);
    const rate = (await getTargets(page)).targets.find((t) => t.value === 0.55)!;
    // 50% of 55% → 90.9%: at risk.
    expect(await cells(page, rate.target_id)).toEqual(['Win rate', 'Ravi Rep', 'Mar 2026', '55.0%', '50.0%', '90.9%', '50.0%', 'At risk', 'Remove']);
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await context.close();
  });

  it('in German, on a phone', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/targets?${AS_OF}`, { locale: 'de-DE', width: 390, height: 844 });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Ziele');
    const row = page.locator('table.tg-table tbody tr[data-id="TGC"]');
    expect(await row.locator('th').innerText()).toBe('Umsatz');
    expect(await row.locator('td').nth(2).innerText()).toBe('10.000\u00a0$');
    expect(await row.locator('td').nth(4).innerText()).toBe('83,0\u00a0%');
    expect(await row.locator('.tg-status').innerText()).toBe('Nicht im Plan');
    expect(await page.locator('#tg-add-title').innerText()).toBe('Ziel hinzufügen');
    expect(await page.locator('label[for=tg-value]').innerText()).toBe('Ziel (USD)');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'targets-de-phone');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
