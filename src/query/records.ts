// Drill-down: the records behind a KPI value, from the same fact definitions, buckets, filters,
// access scope and attribution as the report. For a rate the numerator and denominator sets
// come together, each record flagged in_numerator / in_denominator.
import { findKpi } from '../metrics/catalog.js';
import { measuresOf, type Expr, type KpiDef } from '../metrics/types.js';
import type { Store, Value } from '../store/store.js';
import { Params } from '../store/params.js';
import { reportBuckets } from './buckets.js';
import { bucketsCte, dimExprFor, fromSql, joinsSql, quoteDim, whereSql, type Join } from './compile.js';
import type { SqlContext } from './context.js';
import { engineContext } from './engine.js';
import { factOf } from './evaluate.js';
import { fact } from './facts/index.js';
import { targetsFact } from './facts/people.js';
import { groupDimsOf } from './plan.js';
import { resolveQuery, type KpiQuery, type ResolvedQuery } from './query.js';

export interface RecordSet {
  /** The fact the records come from and what they are counted as. */
  fact: string;
  doc: string;
  /** Flag columns: in_<role> for each role (numerator, denominator, or a measure name). */
  roles: string[];
  columns: string[];
  rows: Record<string, Value>[];
}

export interface RecordsResult {
  kpi: string;
  period: string;
  sets: RecordSet[];
  truncated: boolean;
}

/** Which measures of which fact a KPI reads, with the role each plays. */
function rolesOf(k: KpiDef): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const add = (e: Expr, role: string) => {
    const ids = measuresOf(e);
    for (const id of ids) {
      const f = factOf(id);
      if (!out.has(f)) out.set(f, new Map());
      const r = ids.length === 1 ? role : `${role}_${id.slice(id.indexOf('.') + 1)}`;
      out.get(f)!.set(r, id.slice(id.indexOf('.') + 1));
    }
  };
  const f = k.formula;
  if (f.kind === 'total') add(f.of, 'value');
  else if (f.kind === 'ratio') {
    add(f.num, 'numerator');
    add(f.den, 'denominator');
  } else if (f.kind === 'growth' || f.kind === 'attainment') {
    return rolesOf(findKpi(f.of)!);
  }
  return out;
}

async function recordsOf(store: Store, q: ResolvedQuery, ctx: SqlContext, factId: string, roles: Map<string, string>, dims: string[], limit: number): Promise<RecordSet> {
  const f = fact(factId);
  const p = new Params();
  const joins = new Set<Join>();
  const buckets = reportBuckets(q);
  const cte = bucketsCte(buckets, ctx, p);
  const cols = Object.entries(f.record.columns).map(([name, expr]) => `${expr} AS "${name}"`);
  const dimCols = dims.filter((d) => !(d in f.record.columns)).map((d) => `${dimExprFor(f, d as never, joins)} AS ${quoteDim(d)}`);
  const flags = [...roles].map(([role, m]) => `coalesce(${f.measures[m].where ?? 'TRUE'}, false) AS "in_${role}"`);
  const where = whereSql(f, { filters: q.filters, scope: q.scope, buckets }, ctx, p, joins);
  const any = [...roles.values()].map((m) => `(${f.measures[m].where ?? 'TRUE'})`).join(' OR ');
  const sql = `WITH ${cte}
SELECT b.k AS period_key, ${[...flags, ...cols, ...dimCols].join(', ')}
FROM ${fromSql(f, buckets, ctx, p)}
${joinsSql(f, joins)}
WHERE (${any})${where.map((w) => ` AND ${w}`).join('')}
ORDER BY b.k, ${f.record.id}
LIMIT ${limit + 1}`;
  const rows = await store.query(sql, p.values);
  const labels = new Map(buckets.map((b) => [b.key, b.period.label]));
  const out = rows.map((r) => {
    const { period_key, ...rest } = r;
    const row: Record<string, Value> = { period: labels.get(String(period_key)) ?? String(period_key) };
    for (const [key, v] of Object.entries(rest)) row[key.startsWith('d_') ? key.slice(2) : key] = typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v;
    return row;
  });
  const columns = out.length ? Object.keys(out[0]) : ['period', ...[...roles.keys()].map((r) => `in_${r}`), ...Object.keys(f.record.columns)];
  return { fact: factId, doc: f.doc, roles: [...roles.keys()], columns, rows: out };
}

export async function kpiRecords(store: Store, query: KpiQuery & { kpis: [string] }, options: { limit?: number } = {}): Promise<RecordsResult> {
  const limit = options.limit ?? 10_000;
  const env = await engineContext(store);
  const q = resolveQuery(query, env.fiscalYearStartMonth, env.today);
  const k = q.kpis[0];
  const dims = groupDimsOf(k, q.by);
  const sets: RecordSet[] = [];
  for (const [factId, roles] of rolesOf(k)) sets.push(await recordsOf(store, q, env.ctx, factId, roles, dims, limit));
  const f = k.formula;
  if (f.kind === 'attainment' || f.kind === 'all_attainments') {
    const of = f.kind === 'attainment' ? f.of : undefined;
    const set = await recordsOf(store, q, env.ctx, targetsFact.id, new Map([['target', 'rows']]), [], limit);
    set.rows = set.rows.filter((r) => !of || r.kpi === of);
    sets.push(set);
  }
  const truncated = sets.some((s) => s.rows.length > limit);
  for (const s of sets) s.rows = s.rows.slice(0, limit);
  return { kpi: k.id, period: q.period.label, sets, truncated };
}
