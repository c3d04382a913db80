// Measures the catalog has no KPI for (activities of lost deals by type, stage entries still
// undecided), read from an existing fact with a few extra measures and compiled by the query
// layer's own compiler: the same period buckets, time zone, filters and access scope as every
// KPI, in one scan. Filters are validated against a related KPI, exactly as a report would.
import type { Store } from '../../store/store.js';
import type { Dim } from '../../metrics/types.js';
import { engineContext } from '../../query/engine.js';
import { resolveQuery, type KpiQuery } from '../../query/query.js';
import { bucketOf } from '../../query/buckets.js';
import { compileFactQuery, quoteDim, quoteMeasure } from '../../query/compile.js';
import type { FactDef, MeasureDef } from '../../query/facts/types.js';
import type { Period } from '../../query/periods.js';

export interface MeasureRow {
  /** The period's first day (the bucket the row counts in). */
  start: string;
  group: Record<string, string | null>;
  values: Record<string, number>;
}

/**
 * Aggregates `measures` of `fact` (plus `extra` measures defined on the same records) per period
 * and group. `query.kpis` names the KPI whose dimensions validate the filters; `periods`
 * defaults to the query's period.
 */
export async function factMeasures(
  store: Store,
  query: KpiQuery,
  fact: FactDef,
  extra: Record<string, MeasureDef>,
  groupBy: readonly Dim[],
  periods?: (resolved: Period) => Period[],
): Promise<MeasureRow[]> {
  const env = await engineContext(store);
  const q = resolveQuery(query, env.fiscalYearStartMonth, env.today);
  const buckets = (periods ? periods(q.period) : [q.period]).map((p) => bucketOf(p, q.cal));
  const def: FactDef = { ...fact, measures: { ...fact.measures, ...extra } };
  const measures = Object.keys(extra);
  const { sql, params } = compileFactQuery({ fact: def, measures, groupBy, filters: q.filters, scope: q.scope, buckets }, env.ctx);
  const rows = await store.query(sql, params);
  const starts = new Map(buckets.map((b) => [b.key, b.period.start]));
  return rows.map((raw) => ({
    start: starts.get(String(raw.k)) ?? String(raw.k),
    group: Object.fromEntries(groupBy.map((d) => [d, (raw[quoteDim(d).slice(1, -1)] ?? null) as string | null])),
    values: Object.fromEntries(measures.map((m) => [m, Number(raw[quoteMeasure(m).slice(1, -1)] ?? 0)])),
  }));
}
