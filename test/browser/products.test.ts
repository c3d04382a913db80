// The Products page in Chromium: revenue of the won line items and gross margin by product and by
// product line in March 2026, equal to the API's numbers for the same query and to the line
// items of report-fixture.ts worked out by hand; sorting; the line items behind a value; a team
// filter; German; a phone's width; no serious accessibility violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tmp.js';
import { ROLE_USERS } from '../server/fixture.js';
import { axeViolations, screenshot, settled, signInAs, startDashboard, type Dashboard } from './dashboard-fixture.js';
import { apiRows, captioned, prepareReports, tableRows } from './report-fixture.js';

const tmp = useTempDir('quotient-products-');
let d: Dashboard;
const MARCH = '?from=2026-03-01&to=2026-03-31&as_of=2026-03-31';
const BY_PRODUCT = 'Revenue and gross margin by product';
const BY_LINE = 'Revenue and gross margin by product line';

beforeAll(async () => {
  d = await startDashboard(tmp.path, prepareReports);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

/** Cells with a dash carry the reason for screen readers; the dash is what is shown. */
const shown = (rows: string[][]) => rows.map((r) => r.map((c) => (c.startsWith('–') ? '–' : c)));

describe('Products', () => {
  it('by product and by product line: the API’s numbers and the line items’', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.manager.email, '/products' + MARCH);
    await settled(page);
    expect(await page.locator('h1').innerText()).toBe('Products');
    const q = 'from=2026-03-01&to=2026-03-31&as_of=2026-03-31&kpi=revenue_per_product,gross_margin';
    const byProduct = await apiRows(page, d.base, `${q}&by=product&compare=previous_period`);
    const byLine = await apiRows(page, d.base, `${q}&by=product_line`);
    const value = (rows: typeof byProduct, kpi: string, dim: string, v: string) => rows.find((r) => r.kpi === kpi && r.group[dim] === v)?.value ?? null;
    // By hand (won deals only; O2 is lost): Core O1 10×80 + O3 20×100×0.9 = 2,600 at cost 30×40 = 1,200;
    // Add-on O1 2×100 + O4 40×100 = 4,200 at cost 42×10 = 420; Training day O3 200, no unit cost.
    expect(['P1', 'P2', 'P3'].map((p) => value(byProduct, 'revenue_per_product', 'product', p))).toEqual([2600, 4200, 200]);
    expect(['P1', 'P2'].map((p) => value(byProduct, 'gross_margin', 'product', p))).toEqual([0.538462, 0.9]);
    expect(value(byProduct, 'gross_margin', 'product', 'P3')).toBeNull();
    expect(['Platform', 'Add-ons'].map((l) => value(byLine, 'gross_margin', 'product_line', l))).toEqual([0.538462, 0.9]);
    const change = (p: string) => {
      const delta = byProduct.find((r) => r.kpi === 'revenue_per_product' && r.group.product === p)!.comparisons!.previous_period!.delta!;
      return `+$${delta.toLocaleString('en-US')}`;
    };
    // Largest revenue first; shares of 7,000; margins and gross profit (revenue − cost).
    expect(shown(await tableRows(page, BY_PRODUCT))).toEqual([
      ['Add-on', 'Add-ons', '$4,200', '60.0%', change('P2'), '90.0%', '$3,780'],
      ['Core', 'Platform', '$2,600', '37.1%', change('P1'), '53.8%', '$1,400'],
      ['Training day', 'Services', '$200', '2.9%', change('P3'), '–', '–'],
    ]);
    expect(change('P1')).toBe('+$2,600'); // nothing was won in February
    expect(await captioned(page, BY_PRODUCT).locator('tfoot td').allInnerTexts()).toEqual(['', '$7,000', '100.0%', '', '76.2%', '$5,180']);
    expect(shown(await tableRows(page, BY_LINE))).toEqual([
      ['Add-ons', '1', '$4,200', '60.0%', '90.0%', '$3,780'],
      ['Platform', '1', '$2,600', '37.1%', '53.8%', '$1,400'],
      ['Services', '1', '$200', '2.9%', '–', '–'],
    ]);
    expect(await page.locator('[role=img]').first().getAttribute('aria-label')).toBe('Bar chart of revenue by product, largest first: Add-on $4,200; Core $2,600; Training day $200.');
    await screenshot(page, 'products');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sorts by a column, and a value opens the line items behind it', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/products' + MARCH);
    await settled(page);
    const table = captioned(page, BY_PRODUCT);
    await table.getByRole('button', { name: 'Sort by Product', exact: true }).click();
    expect((await tableRows(page, BY_PRODUCT)).map((r) => r[0])).toEqual(['Add-on', 'Core', 'Training day']);
    expect(await table.locator('th[aria-sort=ascending]').innerText()).toContain('Product');
    await table.getByRole('button', { name: 'Sort by Gross margin', exact: true }).click();
    expect((await tableRows(page, BY_PRODUCT)).map((r) => r[0])).toEqual(['Add-on', 'Core', 'Training day']);
    await table.getByRole('button', { name: 'Sort by Gross margin', exact: true }).click();
    // Ascending: the product without a margin stays last.
    expect((await tableRows(page, BY_PRODUCT)).map((r) => r[0])).toEqual(['Core', 'Add-on', 'Training day']);
    await table.locator('tbody tr', { hasText: 'Core' }).getByRole('button', { name: /^\$2,600/ }).click();
    const dialog = page.locator('dialog.records-dialog');
    await expect.poll(() => dialog.locator('table.records tbody tr').count()).toBe(2);
    expect(await dialog.locator('h2').innerText()).toBe('Records behind Revenue per product: Core');
    const headers = await dialog.locator('table.records thead th').allInnerTexts();
    const col = headers.findIndex((h) => h.startsWith('opportunity_id')) + 1;
    expect((await dialog.locator(`table.records tbody td:nth-child(${col})`).allInnerTexts()).sort()).toEqual(['O1', 'O3']);
    await screenshot(page, 'products-records');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('follows the team filter: South sold only O4’s add-ons', async () => {
    const { page, problems, context } = await signInAs(d, ROLE_USERS.admin.email, '/products' + MARCH + '&team=T2');
    await settled(page);
    const rows = await apiRows(page, d.base, 'from=2026-03-01&to=2026-03-31&as_of=2026-03-31&kpi=revenue_per_product,gross_margin&by=product&filter=team=T2');
    expect(rows.map((r) => [r.kpi, r.group.product, r.value])).toEqual([
      ['revenue_per_product', 'P2', 4000],
      ['gross_margin', 'P2', 0.9],
    ]);
    expect(shown(await tableRows(page, BY_PRODUCT))).toEqual([['Add-on', 'Add-ons', '$4,000', '100.0%', '+$4,000', '90.0%', '$3,600']]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('in German: German words and number formats', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.admin.email, '/products' + MARCH);
    await settled(page);
    await page.selectOption('.who .lang select', 'de');
    await settled(page);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Produkte');
    expect(shown(await tableRows(page, 'Umsatz und Bruttomarge nach Produkt'))[1]).toEqual(['Core', 'Platform', '2.600\u00a0$', '37,1\u00a0%', '+2.600\u00a0$', '53,8\u00a0%', '1.400\u00a0$']);
    expect(await page.locator('#products-by-line').innerText()).toBe('Nach Produktlinie');
    await screenshot(page, 'products-de');
    await context.close();
  });

  it('works at a phone’s width', async () => {
    const { page, context } = await signInAs(d, ROLE_USERS.rep.email, '/products' + MARCH, { width: 390, height: 844 });
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, 'products-phone-rep');
    await context.close();
  });
});
