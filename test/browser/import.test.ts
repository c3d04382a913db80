// The Import page in Chromium: an admin uploads a CSV with a bad row and sees each problem with
// its line, and the store stays as it was; a good file answers with what was written; a file
// whose header says "Opportunity ID;Owner;…" imports once its columns are mapped (the browser
// renames the header); the page's field list is the model's; only admins have the page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities, importOrder } from '../../src/model/entities.js';
import { autoMapping, ENTITY_FIELDS, mappedHeader } from '../../web/src/components/entity-fields.js';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';

const tmp = useTempDir('quotient-import-');
let d: Dashboard;

beforeAll(async () => {
  d = await startDashboard(tmp.path);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

const HEADER = 'opportunity_id,account_id,rep_id,created_at,status,amount,currency,closed_at';
const exportOpportunities = async (page: Page) => (await page.request.get(`${d.base}/api/export/opportunities.csv`)).text();
/** Console errors other than the expected 400 answer of a refused import. */
const unexpected = (problems: string[]) => problems.filter((p) => !/status of 400 \(Bad Request\)/.test(p));

async function choose(page: Page, name: string, text: string) {
  await page.setInputFiles('#import-file', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

describe('the page’s field list', () => {
  it('is the model’s: every entity in import order with its fields, kinds and required ones', () => {
    expect(Object.keys(ENTITY_FIELDS)).toEqual([...importOrder]);
    for (const name of importOrder) {
      const def = entities.find((e) => e.name === name)!;
      expect(ENTITY_FIELDS[name]).toEqual(def.fields.map((f) => (f.required ? { name: f.name, kind: f.kind, required: true } : { name: f.name, kind: f.kind })));
    }
  });

  it('maps columns by name and renames the mapped ones; an unmapped column named like a field is set aside', () => {
    const fields = ENTITY_FIELDS.opportunities;
    const cols = ['Opportunity ID', 'Owner', 'status', 'amount'];
    const m = autoMapping(fields, cols);
    expect([m.opportunity_id, m.rep_id, m.status, m.amount]).toEqual(['0', '', '2', '3']);
    expect(mappedHeader(fields, cols, { ...m, rep_id: '1', amount: '' })).toEqual(['opportunity_id', 'rep_id', 'status', '(ignored) amount']);
  });
});

describe('Import', () => {
  it('a bad row: every problem with its line, and nothing imported; then a good file: the summary', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/import');
    await settled(page);
    const before = await exportOpportunities(page);
    await page.selectOption('#import-entity', 'opportunities');
    await choose(
      page,
      'bad-opportunities.csv',
      [HEADER, 'O7,A1,R1,2026-03-21T10:00:00Z,won,700,USD,2026-03-22T10:00:00Z', 'O8,A1,R2,2026-03-21T10:00:00Z,won,abc,USD,2026-03-23T10:00:00Z', 'O9,A2,R3,2026-03-21T10:00:00Z,maybe,900,USD,', ''].join('\n'),
    );
    await expect.poll(() => page.locator('.import-mapping-notes').innerText()).toContain('The file’s columns already have the field names');
    await page.getByRole('button', { name: 'Check and import' }).click();
    const failed = page.locator('.import-failed');
    await failed.waitFor();
    expect(await failed.locator('h2').innerText()).toBe('Nothing was imported');
    expect(await failed.locator('p').first().innerText()).toBe('bad-opportunities.csv: problems found: 2. Fix them and upload the file again.');
    const rows = await failed.locator('table.import-problems tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['3', 'amount', 'abc'],
      ['4', 'status', 'maybe'],
    ]);
    expect(rows[0][3]).toMatch(/^a decimal amount like 1234\.50/);
    expect(rows[1][3]).toContain('one of: open, won, lost');
    // Through the API: the store is as it was.
    expect(await exportOpportunities(page)).toBe(before);
    await screenshot(page, 'import-invalid');
    expect(await axeViolations(page)).toEqual([]);

    await choose(page, 'good-opportunities.csv', [HEADER, 'O7,A1,R1,2026-03-21T10:00:00Z,won,700,USD,2026-03-22T10:00:00Z', 'O1,A1,R1,2026-02-01T10:00:00Z,won,1000,USD,2026-03-05T10:00:00Z', ''].join('\n'));
    expect(await page.locator('.import-failed').count()).toBe(0);
    await page.getByRole('button', { name: 'Check and import' }).click();
    const done = page.locator('.import-done');
    await done.waitFor();
    expect(await done.locator('h2').innerText()).toBe('Imported');
    // O7 is new; O1 is the fixture's, now without stage or source: updated.
    expect(await done.locator('p').first().innerText()).toBe('good-opportunities.csv: 2 rows — 1 new, 1 updated, 0 unchanged.');
    expect(await done.locator('tr[data-entity=opportunities] td').allInnerTexts()).toEqual(['2', '1', '1', '0']);
    expect(await exportOpportunities(page)).toMatch(/^O7,A1,R1,/m);
    await screenshot(page, 'import-done');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('a mapped file (“Opportunity ID;Owner;…”, decimal comma) imports once its columns are mapped', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/import');
    await settled(page);
    await choose(page, 'crm-export.csv', ['Opportunity ID;Owner;Account;Created;Status;Amount;Closed', 'O20;R2;A1;2026-03-20T10:00:00Z;won;1.500,50;2026-03-25T10:00:00Z', ''].join('\n'));
    const notes = page.locator('.import-mapping-notes');
    // Found by name: Opportunity ID, Status, Amount; not Owner, Created (required).
    await expect.poll(() => notes.innerText()).toContain('Required fields without a column: rep_id, created_at.');
    expect(await page.locator('#map-opportunity_id option:checked').innerText()).toBe('Opportunity ID');
    expect(await page.locator('tr[data-field=amount] .import-value').innerText()).toBe('1.500,50');
    await page.selectOption('#map-rep_id', { label: 'Owner' });
    await page.selectOption('#map-account_id', { label: 'Account' });
    await page.selectOption('#map-created_at', { label: 'Created' });
    await page.selectOption('#map-closed_at', { label: 'Closed' });
    expect(await notes.innerText()).not.toContain('Required fields');
    expect(await notes.innerText()).toContain('Renamed before the upload: Opportunity ID → opportunity_id, Owner → rep_id, Account → account_id, Created → created_at, Status → status, Amount → amount, Closed → closed_at');
    // The same column for two fields is refused before anything is sent.
    await page.selectOption('#map-lead_id', { label: 'Owner' });
    expect(await notes.innerText()).toContain('The column “Owner” is chosen for more than one field.');
    expect(await page.getByRole('button', { name: 'Check and import' }).isDisabled()).toBe(true);
    await page.selectOption('#map-lead_id', '');
    // Kept for next time.
    await page.fill('#import-save-name', 'CRM export');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.check('#import-decimal-comma');
    await screenshot(page, 'import-mapping');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Check and import' }).click();
    const done = page.locator('.import-done');
    await done.waitFor();
    expect(await done.locator('p').first().innerText()).toBe('crm-export.csv: 1 rows — 1 new, 0 updated, 0 unchanged.');
    // Through the API: Rolf's March revenue is O3 2000 + O20 1500.50.
    const api = await page.request.get(`${d.base}/api/report?kpi=revenue&from=2026-03-01&to=2026-03-31&as_of=2026-03-31&filter=rep=R2`);
    expect(((await api.json()) as { rows: { value: number }[] }).rows[0].value).toBe(3500.5);

    // The saved mapping comes back for the next file with the same columns.
    await page.reload();
    await settled(page);
    await choose(page, 'crm-export-2.csv', ['Opportunity ID;Owner;Account;Created;Status;Amount;Closed', 'O21;R1;A2;2026-03-20T10:00:00Z;lost;10;2026-03-26T10:00:00Z', ''].join('\n'));
    await page.locator('#import-saved').waitFor();
    await page.selectOption('#import-saved', 'CRM export');
    expect(await page.locator('#map-rep_id option:checked').innerText()).toBe('Owner');
    expect(await notes.innerText()).not.toContain('Required fields');
    expect(unexpected(problems)).toEqual([]);
    await context.close();
  });

  it('in German, and at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/import', { locale: 'de-DE', width: 390, height: 844 });
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Import');
    expect(await page.locator('.import-step legend').first().innerText()).toBe('1. Datei');
    await choose(page, 'x.csv', ['Opportunity ID;Owner;Status', 'O30;R1;won', ''].join('\n'));
    await expect.poll(() => page.locator('.import-mapping-notes').innerText()).toContain('Pflichtfelder ohne Spalte');
    await page.getByRole('button', { name: 'Prüfen und importieren' }).click();
    await page.locator('.import-failed').waitFor();
    expect(await page.locator('.import-failed h2').innerText()).toBe('Es wurde nichts importiert');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'import-phone-de');
    await context.close();
  });

  it('is for admins only', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.manager.email, '/import');
    await settled(page);
    expect(await page.locator('header nav').innerText()).not.toContain('Import');
    expect(await page.locator('[role=alert]').innerText()).toContain('Your role does not allow this view.');
    await context.close();
  });
});
