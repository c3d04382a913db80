// A KPI query — the one shape the CLI, the API and the dashboard ask: KPIs × period × grain ×
// group-by × filters × comparisons × access scope — and its validation against the catalog.
// Names (KPIs, dimensions, comparisons) are checked here; values travel on as parameters.
import { kpi as lookupKpi } from '../metrics/catalog.js';
import { DIMENSIONS, type Dim, type KpiDef } from '../metrics/types.js';
import { UserError } from '../util/errors.js';
import { customPeriod, parsePeriod, type CalendarSettings, type Grain, type Period } from './periods.js';

export const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];
export const COMPARISONS = ['previous_period', 'previous_year', 'target'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface Scope {
  /** The reps whose records the asker may see, or every rep. */
  reps: readonly string[] | 'all';
}

export interface KpiQuery {
  kpis: readonly string[];
  /** A period name (this_month, 2026-Q3, 2026-10, …); or from/to (both inclusive). */
  period?: string;
  from?: string;
  to?: string;
  /** "Today" for presets; default today in the organisation's time zone. */
  asOf?: string;
  grain?: Grain;
  by?: readonly string[];
  /** Dimension → accepted values (any of them). */
  filters?: Readonly<Record<string, readonly string[]>>;
  compare?: readonly string[];
  scope?: Scope;
}

export interface Filter {
  dim: Dim;
  values: readonly string[];
}

export interface ResolvedQuery {
  kpis: readonly KpiDef[];
  period: Period;
  grain?: Grain;
  by: readonly Dim[];
  filters: readonly Filter[];
  compare: readonly Comparison[];
  scope: Scope;
  cal: CalendarSettings;
}

function oneOf<T extends string>(what: string, value: string, valid: readonly T[]): T {
  if (!(valid as readonly string[]).includes(value)) {
    throw new UserError('bad_argument', `unknown ${what} "${value}"; ${what}s are: ${valid.join(', ')}`, { [what]: value, valid });
  }
  return value as T;
}

export function checkDim(name: string): Dim {
  return oneOf('dimension', name, DIMENSIONS);
}

function supports(k: KpiDef, dim: Dim, how: 'split' | 'filtered'): void {
  if (!k.dimensions.includes(dim)) {
    const dims = k.dimensions.length ? k.dimensions.join(', ') : 'none (period only)';
    throw new UserError('bad_argument', `KPI "${k.id}" cannot be ${how} by "${dim}"; it supports: ${dims}`, { kpi: k.id, dimension: dim, valid: k.dimensions });
  }
}

export function resolveQuery(q: KpiQuery, fiscalYearStartMonth: number, today: string): ResolvedQuery {
  if (!q.kpis.length) throw new UserError('bad_argument', 'no KPI asked; name at least one, e.g. --kpi revenue');
  const kpis = [...new Set(q.kpis)].map((id) => lookupKpi(id));
  const cal: CalendarSettings = { fiscalYearStartMonth, asOf: q.asOf ?? today };
  let period: Period;
  if (q.from !== undefined || q.to !== undefined) {
    if (q.period !== undefined) throw new UserError('bad_argument', 'give either a period or from/to, not both');
    if (q.from === undefined || q.to === undefined) throw new UserError('bad_argument', 'from and to go together: give both dates');
    period = customPeriod(q.from, q.to);
  } else {
    period = parsePeriod(q.period ?? 'this_month', cal);
  }
  const grain = q.grain === undefined ? undefined : oneOf('grain', q.grain, GRAINS);
  const by = [...new Set((q.by ?? []).map(checkDim))];
  const filters: Filter[] = Object.entries(q.filters ?? {}).map(([name, values]) => {
    const dim = checkDim(name);
    if (!values.length) throw new UserError('bad_argument', `filter ${dim}: give at least one value`);
    return { dim, values: [...values] };
  });
  for (const k of kpis) {
    for (const d of by) supports(k, d, 'split');
    for (const f of filters) supports(k, f.dim, 'filtered');
  }
  const compare = [...new Set((q.compare ?? []).map((c) => oneOf('comparison', c, COMPARISONS)))];
  const scope = q.scope ?? { reps: 'all' };
  return { kpis, period, grain, by, filters, compare, scope, cal };
}

/** A stable text of a query for cache keys. */
export function queryKey(q: ResolvedQuery): string {
  return JSON.stringify({
    k: q.kpis.map((k) => k.id),
    p: [q.period.start, q.period.end, q.period.label],
    g: q.grain ?? null,
    by: q.by,
    f: q.filters,
    c: q.compare,
    s: q.scope.reps,
    a: q.cal.asOf,
    y: q.cal.fiscalYearStartMonth,
  });
}
