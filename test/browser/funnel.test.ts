// The Funnel page in Chromium: per stage what the API answers for the same query and what the
// stage history of test/browser/analysis-data.ts gives by hand; a split by team (a manager sees
// their own team only), the cohort view, the records behind a count, a rep's own deals, a viewer
// refused a split by rep and a filter the funnel cannot take — in words; German; a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { FUNNEL_ROWS, importRows } from './analysis-data.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-funnel-');
let d: Dashboard;
const MARCH = 'from=2026-03-01&to=2026-03-31&as_of=2026-03-31';

beforeAll(async () => {
  d = await startDashboard(tmp.path, (f) => importRows(f, tmp.path, FUNNEL_ROWS));
}, 120_000);
afterAll(async () => {
  await d?.close();
});

interface Stage {
  stage: string;
  entered: number;
  moved_on: number;
  dropped_off: number;
  conversion: number | null;
  drop_off: number | null;
  days: { mean: number | null; median: number | null; p90: number | null; stays: number };
  group?: Record<string, string | null>;
  cohort?: string | null;
}

const cell = (page: Page, stage: string, col: string) => page.locator(`table.an-stages tr[data-stage="${stage}"] td[data-col="${col}"]`).innerText();
const matrixRow = (page: Page, group: string) => page.locator(`table.an-matrix tr[data-group="${group}"]`);
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const days = (x: number | null) => (x === null ? '–' : one.format(x));

describe('Funnel', () => {
  it('a manager sees every stage as the API answers it, and as worked out by hand', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, `/funnel?${MARCH}`);
    await settled(page);
    const api = (await (await page.request.get(`${d.base}/api/funnel?${MARCH}`)).json()) as { stages: Stage[] };
    // By hand (analysis-data.ts): Qualification entered by O1–O7, moved on by all but O5 (lost) and
    // O7 (open); stays 1, 2, 4, 2, 11, 5 → mean 4.17, median 3, p90 5 + 0.5 × (11 − 5) = 8.
    // Proposal: O1, O2, O4, O6 entered, O2 lost; stays 2, 3, 3, 5 → mean 3.25, median 3, p90 3 + 0.7 × 2.
    // Negotiation: O1, O3, O4, O6, all won; stays 1, 4, 4, 5 → mean 3.5, median 4, p90 4 + 0.7 × 1.
    expect(api.stages.map((s) => [s.stage, s.entered, s.moved_on, s.dropped_off, s.conversion, s.days.median, s.days.p90, s.days.stays])).toEqual([
      ['Qualification', 7, 5, 2, 0.714286, 3, 8, 6],
      ['Proposal', 4, 3, 1, 0.75, 3, 4.4, 4],
      ['Negotiation', 4, 4, 0, 1, 4, 4.7, 4],
    ]);
    expect(api.stages.map((s) => s.days.mean)).toEqual([expect.closeTo(25 / 6, 2), 3.25, 3.5]);
    for (const s of api.stages) {
      expect(await cell(page, s.stage, 'entered')).toBe(String(s.entered));
      expect(await cell(page, s.stage, 'moved_on')).toBe(String(s.moved_on));
      expect(await cell(page, s.stage, 'dropped_off')).toBe(String(s.dropped_off));
      expect(await cell(page, s.stage, 'conversion')).toBe(pct(s.conversion));
      expect(await cell(page, s.stage, 'drop_off')).toBe(pct(s.drop_off));
      expect(await cell(page, s.stage, 'mean')).toBe(days(s.days.mean));
      expect(await cell(page, s.stage, 'median')).toBe(days(s.days.median));
      expect(await cell(page, s.stage, 'p90')).toBe(days(s.days.p90));
      expect(await cell(page, s.stage, 'stays')).toBe(String(s.days.stays));
    }
    expect(await cell(page, 'Qualification', 'conversion')).toBe('71.4%');
    expect(await cell(page, 'Qualification', 'mean')).toBe('4.2');
    expect(await page.locator('.an-funnel-chart').getAttribute('aria-label')).toBe('Funnel chart of the opportunities entering each stage: Qualification 7, Proposal 4, Negotiation 4.');
    expect(await page.locator('.subtitle').innerText()).toBe('Custom: Mar 1, 2026 – Mar 31, 2026, as of Mar 31, 2026');
    await screenshot(page, 'funnel-manager');
    expect(await axeViolations(page)).toEqual([]);

    // Split by team: a manager sees their own team only (North: O1, O2, O3, O7).
    await page.selectOption('#funnel-by', 'team');
    await settled(page);
    expect(page.url()).toBe(`${d.base}/funnel?${MARCH}&funnel_by=team`);
    await expect.poll(() => page.locator('table.an-matrix tbody tr').count()).toBe(1);
    const north = matrixRow(page, 'North');
    expect(await north.locator('td[data-stage="Qualification"]').innerText()).toMatch(/^75\.0%\s+3 of 4$/);
    expect(await north.locator('td[data-stage="Proposal"]').innerText()).toMatch(/^50\.0%\s+1 of 2$/);
    expect(await north.locator('td[data-stage="Negotiation"]').innerText()).toMatch(/^100\.0%\s+2 of 2$/);
    expect(await page.locator('#funnel-detail-title').innerText()).toBe('Details: North');
    const teamApi = (await (await page.request.get(`${d.base}/api/funnel?${MARCH}&by=team`)).json()) as { stages: Stage[] };
    expect(teamApi.stages.map((s) => [s.group?.team, s.stage, s.entered, s.moved_on])).toEqual([
      ['T1', 'Qualification', 4, 3],
      ['T1', 'Proposal', 2, 1],
      ['T1', 'Negotiation', 2, 2],
    ]);
    await screenshot(page, 'funnel-manager-team');
    // A cell opens the entries behind it: North's four at Qualification.
    await north.locator('td[data-stage="Qualification"] button').click();
    const dialog = page.locator('dialog.records-dialog');
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(4);
    expect(await dialog.locator('#records-title').innerText()).toBe('Records behind Stage conversion, stage Qualification, North');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a count opens the records behind it', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/funnel?${MARCH}`);
    await settled(page);
    await page.locator('tr[data-stage="Qualification"] td[data-col="entered"] button').click();
    const dialog = page.locator('dialog.records-dialog');
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(7);
    expect(await dialog.locator('#records-title').innerText()).toBe('Records behind Stage conversion, stage Qualification');
    const headers = await dialog.locator('table.records thead th').allInnerTexts();
    const col = headers.findIndex((h) => h.startsWith('opportunity_id')) + 1;
    expect((await dialog.locator(`table.records tbody tr td:nth-child(${col})`).allInnerTexts()).sort()).toEqual(['O1', 'O2', 'O3', 'O4', 'O5', 'O6', 'O7']);
    await screenshot(page, 'funnel-records');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the cohort view splits by the month opportunities were created', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/funnel?${MARCH}&funnel_cohort=true`);
    await settled(page);
    expect(await page.locator('#funnel-cohort').isChecked()).toBe(true);
    // O1–O6 were created in February, O7 in March.
    expect(await page.locator('table.an-matrix tbody th').allInnerTexts()).toEqual(['Feb 2026', 'Mar 2026']);
    expect(await matrixRow(page, 'Feb 2026').locator('td[data-stage="Qualification"]').innerText()).toMatch(/^83\.3%\s+5 of 6$/);
    expect(await matrixRow(page, 'Feb 2026').locator('td[data-stage="Proposal"]').innerText()).toMatch(/^75\.0%\s+3 of 4$/);
    expect(await matrixRow(page, 'Mar 2026').locator('td[data-stage="Qualification"]').innerText()).toMatch(/^0\.0%\s+0 of 1$/);
    expect(await matrixRow(page, 'Mar 2026').locator('td[data-stage="Proposal"]').innerText()).toBe('–');
    // The detail starts with the cohort with the most entries; a row opens its own.
    expect(await page.locator('#funnel-detail-title').innerText()).toBe('Details: Feb 2026');
    await matrixRow(page, 'Mar 2026').locator('th button').click();
    expect(await page.locator('#funnel-detail-title').innerText()).toBe('Details: Mar 2026');
    expect([await cell(page, 'Qualification', 'entered'), await cell(page, 'Qualification', 'moved_on'), await cell(page, 'Qualification', 'stays')]).toEqual(['1', '0', '0']);
    const api = (await (await page.request.get(`${d.base}/api/funnel?${MARCH}&cohort=true`)).json()) as { stages: Stage[] };
    expect(api.stages.filter((s) => s.stage === 'Qualification').map((s) => [s.cohort, s.entered, s.moved_on])).toEqual([
      ['2026-02', 6, 5],
      ['2026-03', 1, 0],
    ]);
    await screenshot(page, 'funnel-cohort');
    expect(await axeViolations(page)).toEqual([]);
    // The shared filters apply, and the page's own setting stays in the URL: from the web (O1, O2,
    // O4 in February's cohort, all of which moved on; O7 in March's).
    await page.selectOption('#f-source', 'web');
    await settled(page);
    expect(page.url()).toBe(`${d.base}/funnel?${MARCH}&source=web&funnel_cohort=true`);
    expect(await matrixRow(page, 'Feb 2026').locator('td[data-stage="Qualification"]').innerText()).toMatch(/^100\.0%\s+3 of 3$/);
    expect(await matrixRow(page, 'Mar 2026').locator('td[data-stage="Qualification"]').innerText()).toMatch(/^0\.0%\s+0 of 1$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a rep sees their own deals; a viewer is refused a split by rep; a filter the funnel cannot take is said in words', async () => {
    const rep = await signInAs(d, ROLE_USERS.rep.email, `/funnel?${MARCH}&funnel_by=rep`);
    await settled(rep.page);
    // Rita (R1): O1 and O2 entered Qualification and both moved on; at Proposal O2 was lost.
    expect(await rep.page.locator('table.an-matrix tbody th').allInnerTexts()).toEqual(['Rita Rep']);
    expect(await matrixRow(rep.page, 'Rita Rep').locator('td[data-stage="Qualification"]').innerText()).toMatch(/^100\.0%\s+2 of 2$/);
    expect(await matrixRow(rep.page, 'Rita Rep').locator('td[data-stage="Proposal"]').innerText()).toMatch(/^50\.0%\s+1 of 2$/);
    expect(await rep.page.locator('.an-scope').innerText()).toBe('Only your own deals are counted.');
    expect(rep.problems).toEqual([]);
    await rep.context.close();

    const viewer = await signInAs(d, ROLE_USERS.viewer.email, `/funnel?${MARCH}&funnel_by=rep`);
    await settled(viewer.page);
    expect(await viewer.page.locator('main [role=alert]').innerText()).toBe('Your role cannot see a split by Rep. Choose another split.');
    await screenshot(viewer.page, 'funnel-viewer-refused');
    // The server's 403 is the only thing the browser logs.
    expect(viewer.problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
    // Without the split, the company's funnel.
    await viewer.page.selectOption('#funnel-by', 'none');
    await settled(viewer.page);
    expect(await cell(viewer.page, 'Qualification', 'entered')).toBe('7');

    // Stage conversion has no product: the page says so and offers to drop the filter.
    await viewer.page.goto(`${d.base}/funnel?${MARCH}&product=P1`);
    await settled(viewer.page);
    expect(await viewer.page.locator('.an-notice').innerText()).toMatch(/^This view cannot be filtered by Product; the figures behind it do not record that\.\s+Remove the Product filter$/);
    expect(await viewer.page.locator('table.an-stages').count()).toBe(0);
    await viewer.page.getByRole('button', { name: 'Remove the Product filter' }).click();
    await settled(viewer.page);
    expect(viewer.page.url()).toBe(`${d.base}/funnel?from=2026-03-01&to=2026-03-31&as_of=2026-03-31`);
    expect(await cell(viewer.page, 'Qualification', 'entered')).toBe('7');
    await viewer.context.close();
  });

  it('in German', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, `/funnel?${MARCH}`, { locale: 'de-DE' });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Trichter');
    expect(await page.locator('table.an-stages thead').innerText()).toMatch(/Phase\s+Eingetreten\s+Weiter\s+Ausgeschieden\s+Konversion\s+Abbruchquote\s+Tage in der Phase\s+Beendete Aufenthalte\s+Mittel\s+Median\s+90\. Pzt\./);
    expect(await cell(page, 'Qualification', 'conversion')).toBe('71,4\u00a0%');
    expect(await cell(page, 'Qualification', 'mean')).toBe('4,2');
    expect(await page.locator('.subtitle').innerText()).toBe('Benutzerdefiniert: 1. März 2026 – 31. März 2026, Stand 31. März 2026');
    await screenshot(page, 'funnel-de');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, `/funnel?${MARCH}&funnel_by=team`, { width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'funnel-phone');
    await context.close();
  });
});
