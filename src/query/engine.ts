// Runs a KPI query: validates it, plans one SQL statement per (fact, split), runs them, and
// evaluates the KPI rows. Results are cached per (store, data version, settings, query).
import { catalog, findKpi } from '../metrics/catalog.js';
import type { KpiDef } from '../metrics/types.js';
import { getSetting, loadSettings } from '../store/settings.js';
import { dataVersion } from '../store/meta.js';
import type { Store } from '../store/store.js';
import { todayIn } from '../util/dates.js';
import { addDays } from './periods.js';
import { allBuckets, reportBuckets, type Bucket } from './buckets.js';
import { ResultCache } from './cache.js';
import { compileFactQuery, factDims, quoteDim, quoteMeasure } from './compile.js';
import type { SqlContext } from './context.js';
import { templatesFor } from './dialect.js';
import { Evaluator, type MeasureRow, type MeasureTable } from './evaluate.js';
import { fact } from './facts/index.js';
import { planQuery, needsOf, factsOf, type FactRequest } from './plan.js';
import { queryKey, resolveQuery, type KpiQuery, type ResolvedQuery } from './query.js';
import { prepareContext, type ContextSettings, type RollupMode } from './rollups.js';
import { RowBuilder, type KpiRow } from './rows.js';
import { unmatchedFilterWarnings } from './filter-check.js';

export interface KpiResult {
  query: {
    kpis: string[];
    period: string;
    from: string;
    to: string;
    as_of: string;
    grain: string | null;
    by: string[];
    filters: Record<string, string[]>;
    compare: string[];
    scope: { reps: readonly string[] | 'all' };
    currency: string;
    timezone: string;
  };
  rows: KpiRow[];
  /** Things the reader should know, e.g. a filter value that matches nothing. */
  warnings: string[];
}

export interface EngineOptions {
  rollups?: RollupMode;
  cache?: boolean;
}

const cache = new ResultCache<KpiResult>();
// Each open store gets its own id in cache keys (two in-memory stores share a location).
const storeIds = new WeakMap<Store, number>();
let nextStoreId = 1;

function storeId(store: Store): number {
  let id = storeIds.get(store);
  if (id === undefined) storeIds.set(store, (id = nextStoreId++));
  return id;
}

type EngineEnv = { ctx: SqlContext; settings: ContextSettings; fiscalYearStartMonth: number; today: string; version: number };

// Settings and derived tables change only with the data version (imports and setting changes
// bump it), so they are read once per store and version — a cached report costs one query.
const envs = new WeakMap<Store, { version: number; mode: RollupMode; env: Omit<EngineEnv, 'today'> }>();

/** Settings and the SQL context of a store, its data version, and its "today". */
export async function engineContext(store: Store, mode: RollupMode = 'stored'): Promise<EngineEnv> {
  const version = await dataVersion(store);
  const hit = envs.get(store);
  if (hit && hit.version === version && hit.mode === mode) return { ...hit.env, today: todayIn(hit.env.settings.timezone) };
  const s = await loadSettings(store);
  const settings: ContextSettings = { timezone: s.timezone, currency: s.currency, stages: s.pipeline_stages, rampThreshold: Number(await getSetting(store, 'ramp_threshold')) };
  const ctx = await prepareContext(store, templatesFor(store.dialect), settings, mode);
  const env = { ctx, settings, fiscalYearStartMonth: s.fiscal_year_start_month, version: await dataVersion(store) };
  envs.set(store, { version: env.version, mode, env });
  return { ...env, today: todayIn(s.timezone) };
}

async function emptyEntities(store: Store, names: readonly string[]): Promise<Set<string>> {
  if (!names.length) return new Set();
  // Entity names come from the model, never from users.
  const sql = names.map((n) => `SELECT '${n}' AS e, EXISTS (SELECT 1 FROM ${n}) AS has`).join(' UNION ALL ');
  const rows = await store.query<{ e: string; has: boolean }>(sql);
  return new Set(rows.filter((r) => !r.has).map((r) => r.e));
}

/** KPIs that have targets overlapping the buckets (for target_attainment). */
async function kpisWithTargets(store: Store, buckets: readonly Bucket[]): Promise<KpiDef[]> {
  const start = buckets.map((b) => b.period.start).sort()[0];
  const end = buckets.map((b) => b.period.end).sort().at(-1)!;
  const rows = await store.query<{ kpi: string }>(`SELECT DISTINCT kpi FROM targets WHERE period_start < CAST(? AS DATE) AND period_end >= CAST(? AS DATE) ORDER BY kpi`, [end, start]);
  return rows.map((r) => findKpi(r.kpi)).filter((k): k is KpiDef => !!k && k.formula.kind !== 'all_attainments');
}

async function runRequest(store: Store, r: FactRequest, q: ResolvedQuery, buckets: Bucket[], ctx: SqlContext): Promise<MeasureTable> {
  const measures = [...r.measures];
  const { sql, params } = compileFactQuery({ fact: r.fact, measures, groupBy: r.dims, filters: q.filters, scope: q.scope, buckets }, ctx);
  const result = await store.query(sql, params);
  const rows = new Map<string, Map<string, MeasureRow>>();
  for (const raw of result) {
    const k = String(raw.k);
    const key = JSON.stringify(r.dims.map((d) => (raw[quoteDim(d).slice(1, -1)] ?? null) as string | null));
    const row: MeasureRow = {};
    for (const m of measures) {
      row[m] = raw[quoteMeasure(m).slice(1, -1)] as number | null;
      const fx = raw[quoteMeasure(m + '__fx').slice(1, -1)];
      if (fx !== undefined) row[m + '__fx'] = fx as string | null;
    }
    if (!rows.has(k)) rows.set(k, new Map());
    rows.get(k)!.set(key, row);
  }
  return { dims: r.dims, rows };
}

export async function runKpiQuery(store: Store, query: KpiQuery, options: EngineOptions = {}): Promise<KpiResult> {
  const env = await engineContext(store, options.rollups);
  const q = resolveQuery(query, env.fiscalYearStartMonth, env.today);
  const version = env.version;
  const key = `${storeId(store)}|${version}|${JSON.stringify(env.settings)}|${queryKey(q)}`;
  const hit = options.cache === false ? undefined : cache.get(key);
  if (hit) return hit;
  const result = await evaluateQuery(store, q, env.ctx, env.settings);
  if (options.cache !== false) cache.set(key, result);
  return result;
}

export async function evaluateQuery(store: Store, q: ResolvedQuery, ctx: SqlContext, settings: ContextSettings): Promise<KpiResult> {
  const withGrowth = q.kpis.some((k) => k.formula.kind === 'growth');
  const buckets = allBuckets(q, withGrowth);
  const targetKpis = q.kpis.some((k) => k.formula.kind === 'all_attainments') ? await kpisWithTargets(store, buckets) : [];
  const planner = planQuery(q, targetKpis);
  const restricted = q.scope.reps !== 'all';
  const hiddenFacts = new Set(restricted ? catalog.flatMap((k) => factsOf(k, targetKpis)).filter((f) => !fact(f).rep && f !== 'targets') : []);
  const needed = [...new Set(q.kpis.flatMap((k) => needsOf(k, targetKpis)))];
  const empty = await emptyEntities(store, needed);
  const tables = new Map<string, MeasureTable>();
  for (const [k, r] of planner.requests) {
    if (hiddenFacts.has(r.fact.id)) continue;
    tables.set(k, await runRequest(store, r, q, buckets, ctx));
  }
  const ev = new Evaluator({
    tables,
    factDims: (id) => factDims(fact(id)),
    emptyEntities: empty,
    hiddenFacts,
    filterDims: q.filters.map((f) => f.dim),
    buckets: new Map(buckets.map((b) => [b.key, b])),
  });
  const builder = new RowBuilder(ev, q.cal, targetKpis);
  const rows: KpiRow[] = [];
  for (const k of q.kpis) for (const b of reportBuckets(q)) rows.push(...builder.rows(k, b, q.by, q.compare));
  return {
    query: {
      kpis: q.kpis.map((k) => k.id),
      period: q.period.label,
      from: q.period.start,
      to: addDays(q.period.end, -1),
      as_of: q.cal.asOf,
      grain: q.grain ?? null,
      by: [...q.by],
      filters: Object.fromEntries(q.filters.map((f) => [f.dim, [...f.values]])),
      compare: [...q.compare],
      scope: { reps: q.scope.reps },
      currency: settings.currency,
      timezone: settings.timezone,
    },
    rows,
    warnings: await unmatchedFilterWarnings(store, q.filters, settings.currency),
  };
}


/** Drops cached results (tests that rewrite data without an import). */
export function clearKpiCache(): void {
  cache.clear();
}
