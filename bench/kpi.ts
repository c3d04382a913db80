// KPI benchmark: the dashboard query set through the KPI engine, against hand-written DuckDB SQL
// computing the same numbers in the same run. Usage: npx tsx bench/kpi.ts STORE.duckdb [as-of]
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { kpiIds } from '../src/metrics/catalog.js';
import { runKpiQuery } from '../src/query/engine.js';
import { machine, writeSection } from './results.js';
import type { KpiQuery } from '../src/query/query.js';

const path = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : (process.env.QUOTIENT_BENCH_KPI_DB ?? '/tmp/kpi-demo.duckdb');
const asOf = process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : '2026-11-23';
const MAIN = ['revenue', 'win_rate', 'average_deal_size', 'opportunities_created', 'sales_cycle_length'];

const dashboard: KpiQuery[] = [
  { kpis: MAIN, period: 'this_month', asOf, compare: ['previous_period'] },
  { kpis: MAIN, from: '2025-12-01', to: '2026-11-30', grain: 'month', asOf },
  { kpis: ['revenue', 'win_rate'], period: 'this_month', asOf, by: ['rep'] },
];
const everything: KpiQuery = { kpis: kpiIds(), period: 'this_month', asOf, compare: ['previous_period'] };

// The same numbers by hand: one statement per dashboard query (UTC store, so local = UTC).
const opp = `(SELECT o.*, coalesce(li.v, o.amount) * CASE WHEN coalesce(o.currency, 'USD') = 'USD' THEN 1 ELSE fx.rate END AS v_rc
  FROM opportunities o LEFT JOIN (SELECT opportunity_id, sum(quantity * unit_price * (1 - coalesce(discount, 0))) v FROM line_items GROUP BY 1) li USING (opportunity_id)
  LEFT JOIN fx_rates fx ON fx.currency = o.currency AND fx.date = CAST(o.closed_at AS DATE))`;
const closedAgg = `sum(v_rc) FILTER (WHERE status = 'won') AS revenue, count(*) FILTER (WHERE status = 'won') AS won, count(*) AS closed,
  avg(epoch(closed_at) - epoch(created_at)) FILTER (WHERE status = 'won') / 86400 AS cycle, quantile_cont((epoch(closed_at) - epoch(created_at)) / 86400, [0.5, 0.9]) FILTER (WHERE status = 'won') AS q`;
const handWritten = [
  `SELECT date_trunc('month', closed_at) m, ${closedAgg} FROM ${opp} WHERE status IN ('won','lost') AND closed_at >= TIMESTAMPTZ '2026-10-01' AND closed_at < TIMESTAMPTZ '2026-12-01' GROUP BY 1`,
  `SELECT date_trunc('month', created_at) m, count(*) FROM opportunities WHERE created_at >= TIMESTAMPTZ '2026-10-01' AND created_at < TIMESTAMPTZ '2026-12-01' GROUP BY 1`,
  `SELECT date_trunc('month', closed_at) m, ${closedAgg} FROM ${opp} WHERE status IN ('won','lost') AND closed_at >= TIMESTAMPTZ '2025-12-01' AND closed_at < TIMESTAMPTZ '2026-12-01' GROUP BY 1`,
  `SELECT date_trunc('month', created_at) m, count(*) FROM opportunities WHERE created_at >= TIMESTAMPTZ '2025-12-01' AND created_at < TIMESTAMPTZ '2026-12-01' GROUP BY 1`,
  `SELECT rep_id, sum(v_rc) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'won'), count(*) FROM ${opp} WHERE status IN ('won','lost') AND closed_at >= TIMESTAMPTZ '2026-11-01' AND closed_at < TIMESTAMPTZ '2026-12-01' GROUP BY 1`,
];

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function engine(store: Store, qs: KpiQuery[], cache: boolean): Promise<void> {
  for (const q of qs) await runKpiQuery(store, q, { cache });
}

async function hand(store: Store): Promise<void> {
  for (const sql of handWritten) await store.query(sql);
}

const fmt = (s: number) => `${s.toFixed(3)} s`;
const store = await openStore(path, { migrate: false });
const counts = await store.query<{ n: number; a: number }>(`SELECT (SELECT count(*) FROM opportunities) n, (SELECT count(*) FROM activities) a`);
await store.exec(`DELETE FROM store_meta WHERE key = 'kpi_rollups'`);
const build = await time(() => runKpiQuery(store, { kpis: ['revenue'], period: 'today', asOf }, { cache: false }));
await store.close();

const cold = await openStore(path, { migrate: false });
const coldEngine = await time(() => engine(cold, dashboard, false));
const coldHand = await time(() => hand(cold));
const warmHand = Math.min(await time(() => hand(cold)), await time(() => hand(cold)), await time(() => hand(cold)));
const warmEngine = Math.min(await time(() => engine(cold, dashboard, false)), await time(() => engine(cold, dashboard, false)), await time(() => engine(cold, dashboard, false)));
const cached = await time(() => engine(cold, dashboard, true)).then(() => time(() => engine(cold, dashboard, true)));
const all = Math.min(await time(() => engine(cold, [everything], false)), await time(() => engine(cold, [everything], false)));
await cold.close();
clearInterval(sampler);

const n = counts[0].n;
const size = n >= 1e6 ? `${Math.round(n / 1e6)}M` : `${Math.round(n / 1e3)}k`;
const lines = [
  `### KPI queries — ${size} opportunities`,
  '',
  `Machine: ${machine()}. Store: ${n.toLocaleString('en-US')} opportunities, ${counts[0].a.toLocaleString('en-US')} activities (\`quotient demo --opportunities\`; the 10M store is ten id-suffixed copies of the 1M demo store made by \`bench/scale-store.ts\`), as of ${asOf}.`,
  '',
  '| measurement | time |',
  '|---|---:|',
  `| rollup build (first KPI query after an import) | ${fmt(build)} |`,
  `| dashboard set, engine, cold (fresh process, rollups present) | ${fmt(coldEngine)} |`,
  `| dashboard set, engine, warm (result cache off) | ${fmt(warmEngine)} |`,
  `| dashboard set, engine, cached | ${fmt(cached)} |`,
  `| dashboard set, hand-written DuckDB SQL, cold | ${fmt(coldHand)} |`,
  `| dashboard set, hand-written DuckDB SQL, warm | ${fmt(warmHand)} |`,
  `| warm engine ÷ warm hand-written | ${(warmEngine / warmHand).toFixed(2)}× |`,
  `| every KPI (${kpiIds().length}) this month + previous period, warm | ${fmt(all)} |`,
  `| peak RSS of the process | ${(peak / 2 ** 20).toFixed(0)} MiB |`,
  '',
  'Dashboard set: 5 main KPIs (revenue, win_rate, average_deal_size, opportunities_created, sales_cycle_length) this month vs the previous month; their 12-month trend by month; revenue and win rate by rep. The hand-written SQL computes the same numbers from the raw tables (opportunity value from line items, converted at the close day’s rate) without rollups.',
];
console.log(lines.join('\n'));
if (!process.argv.includes('--no-write')) writeSection(`kpi-${size}`, lines.join('\n'));
