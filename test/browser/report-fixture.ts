// More data for the report pages' browser tests (Trends, Products, Sources and channels,
// Customers), on top of the server fixture's March 2026 deals (O1–O6), imported through the
// import as users import it. The numbers the tests expect are worked out by hand from these rows
// in the test files.
//
//   opportunities  O7  A3 R1 web      won  500   created 2025-02-10, closed 2025-03-15
//                  O8  A4 R2 referral won  1500  created 2025-12-01, closed 2026-01-20
//                  O9  A1 R3 event    lost 700   created 2025-04-02, closed 2025-05-05
//                  O10 A5 R2 event    won  1000  created 2026-02-20, closed 2026-03-25
//   products       P1 Core (Platform, cost 40), P2 Add-on (Add-ons, cost 10), P3 Training day (Services, no cost)
//   line items     O1: P1 10×80, P2 2×100 · O2 (lost): P1 5×100 · O3: P1 20×100 −10%, P3 1×200 · O4: P2 40×100
//   leads (March)  web 20 (8 converted: R1 12/5, R3 8/3) · referral 12 (9, R2) · event 10 (1, R3) · social 3 (3, R1)
//   spend (March)  web 1000, referral 300, event 2000 (marketing), sales_team 5000 (sales)
//   surveys        NPS March 2026 10 9 9 8 7 6 3 10 · February 2026 10 2 · March 2025 10 10 6; CSAT March 2026 5 4 3 5 2 (of 5)
//   subscriptions  A1 from 2025-06-01 · A2 2025-09-01 – 2026-03-10 · A3 from 2026-03-15 · A4 2025-01-01 – 2025-12-31
import { dirname, join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { importFiles } from '../../src/ingest/import.js';
import { emptyMapping } from '../../src/ingest/mapping.js';
import type { EntityName } from '../../src/model/fields.js';
import { bumpDataVersion } from '../../src/store/meta.js';
import type { Fixture } from '../server/fixture.js';

function leads(): string {
  const rows = ['lead_id,created_at,source,rep_id,status,converted_at'];
  let i = 0;
  const add = (source: string, rep: string, count: number, converted: number) => {
    for (let k = 0; k < count; k++) {
      i++;
      const day = String(1 + (i % 28)).padStart(2, '0');
      const done = k < converted;
      rows.push(`L${String(i).padStart(3, '0')},2026-03-${day}T09:00:00Z,${source},${rep},${done ? 'converted' : 'open'},${done ? `2026-03-${day}T15:00:00Z` : ''}`);
    }
  };
  add('web', 'R1', 12, 5);
  add('web', 'R3', 8, 3);
  add('referral', 'R2', 12, 9);
  add('event', 'R3', 10, 1);
  add('social', 'R1', 3, 3);
  return rows.join('\n') + '\n';
}

function surveys(): string {
  const rows = ['response_id,kind,score,responded_at,account_id,rep_id,scale_max'];
  let i = 0;
  const add = (kind: string, date: string, scores: number[]) => {
    for (const s of scores) rows.push(`S${++i},${kind},${s},${date}T12:00:00Z,A1,R1,${kind === 'csat' ? 5 : ''}`);
  };
  add('nps', '2026-03-10', [10, 9, 9, 8, 7, 6, 3, 10]);
  add('nps', '2026-02-10', [10, 2]);
  add('nps', '2025-03-10', [10, 10, 6]);
  add('csat', '2026-03-12', [5, 4, 3, 5, 2]);
  return rows.join('\n') + '\n';
}

export const REPORT_CSV: Partial<Record<EntityName, string>> = {
  accounts: 'account_id,name,acquisition_channel\nA3,Initech,event\nA4,Umbrella,referral\nA5,Hooli,event\n',
  products: 'product_id,name,product_line,list_price,unit_cost\nP1,Core,Platform,100,40\nP2,Add-on,Add-ons,100,10\nP3,Training day,Services,200,\n',
  opportunities: [
    'opportunity_id,account_id,rep_id,created_at,status,stage,amount,currency,closed_at,source',
    'O7,A3,R1,2025-02-10T10:00:00Z,won,,500,USD,2025-03-15T10:00:00Z,web',
    'O8,A4,R2,2025-12-01T10:00:00Z,won,,1500,USD,2026-01-20T10:00:00Z,referral',
    'O9,A1,R3,2025-04-02T10:00:00Z,lost,,700,USD,2025-05-05T10:00:00Z,event',
    'O10,A5,R2,2026-02-20T10:00:00Z,won,,1000,USD,2026-03-25T10:00:00Z,event',
    '',
  ].join('\n'),
  line_items: 'opportunity_id,product_id,quantity,unit_price,discount\nO1,P1,10,80,\nO1,P2,2,100,\nO2,P1,5,100,\nO3,P1,20,100,0.1\nO3,P3,1,200,\nO4,P2,40,100,\n',
  leads: leads(),
  spend: 'spend_id,date,channel,category,amount,currency\nSP1,2026-03-05,web,marketing,1000,USD\nSP2,2026-03-06,referral,marketing,300,USD\nSP3,2026-03-07,event,marketing,2000,USD\nSP4,2026-03-08,sales_team,sales,5000,USD\n',
  survey_responses: surveys(),
  subscriptions: 'subscription_id,account_id,started_at,ended_at,mrr,currency\nSU1,A1,2025-06-01T00:00:00Z,,100,USD\nSU2,A2,2025-09-01T00:00:00Z,2026-03-10T00:00:00Z,200,USD\nSU3,A3,2026-03-15T00:00:00Z,,300,USD\nSU4,A4,2025-01-01T00:00:00Z,2025-12-31T00:00:00Z,50,USD\n',
};

/** startDashboard's `prepare`: imports the rows above into the fixture's store. */
export async function prepareReports(f: Fixture): Promise<void> {
  const dir = dirname(f.path);
  const specs = Object.entries(REPORT_CSV).map(([entity, text]) => {
    const path = join(dir, `report-${entity}.csv`);
    writeFileSync(path, text);
    return { entity: entity as EntityName, path, mapping: emptyMapping() };
  });
  const r = await importFiles(f.store, specs);
  if (!r.ok) throw new Error(`report data import failed: ${JSON.stringify(r.problems)}`);
  await bumpDataVersion(f.store);
}

/** The API's answer for a query, through the signed-in page's own session. */
export async function apiRows(page: import('playwright-core').Page, base: string, query: string): Promise<ApiRow[]> {
  const res = await page.request.get(`${base}/api/report?${query}`);
  if (!res.ok()) throw new Error(`GET /api/report?${query}: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { rows: ApiRow[] }).rows;
}

export interface ApiRow {
  kpi: string;
  period: string;
  group: Record<string, string | null>;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  n: number | null;
  ci95: [number, number] | null;
  status: string;
  comparisons?: Record<string, { value: number | null; delta: number | null } | undefined>;
}

/** Wilson 95% interval of k successes in n, as the query layer computes it (rounded to 6 places). */
export function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.round((c - h) * 1e6) / 1e6, Math.round((c + h) * 1e6) / 1e6];
}

/** A table's body rows as arrays of cell texts (header cells included), by the table's caption. */
export async function tableRows(page: import('playwright-core').Page, caption: string, scope?: string): Promise<string[][]> {
  const table = captioned(page, caption, scope);
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
}

/** The report table with exactly this caption. */
export function captioned(page: import('playwright-core').Page, caption: string, scope?: string): import('playwright-core').Locator {
  const exact = new RegExp(`^${caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator(`${scope ?? ''} table.rpt-table`.trim(), { has: page.locator('caption', { hasText: exact }) });
}
