// KPI rows as pages need them: some KPIs are always split by an implicit dimension (activities
// by activity type); a page that wants one number per group adds those rows back together.
import type { ComparisonValue, KpiEntry, KpiRow } from '../types';

/** The dimensions a KPI is always split by (the catalog's `implicit`). */
export function implicitDims(kpi: KpiEntry | undefined): string[] {
  return (kpi as (KpiEntry & { implicit?: string[] }) | undefined)?.implicit ?? [];
}

const sum = (xs: (number | null | undefined)[]): number | null => {
  const present = xs.filter((x): x is number => typeof x === 'number');
  return present.length === 0 ? null : Math.round(present.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
};

function sumComparison(cs: (ComparisonValue | undefined)[], total: number | null, kind: 'previous' | 'target'): ComparisonValue | undefined {
  const present = cs.filter((c): c is ComparisonValue => c !== undefined);
  if (present.length === 0) return undefined;
  if (kind === 'previous') return { period: present[0].period, value: sum(present.map((c) => c.value)), delta: sum(present.map((c) => c.delta)) };
  // A target on the KPI as a whole shows up on every split row with the same value.
  const values = new Set(present.map((c) => c.value));
  const value = values.size === 1 ? present[0].value : null;
  if (value === null || total === null) return { value: null, delta: null, attainment: null, status: present[0].status ?? 'no_target' };
  return { value, delta: total - value, attainment: value === 0 ? null : Math.round((total / value) * 1e6) / 1e6 };
}

/**
 * Rows of an additive KPI with its implicit split added back together: one row per period and
 * remaining group. Rows of other KPIs pass through unchanged.
 */
export function collapseImplicit(rows: readonly KpiRow[], kpis: ReadonlyMap<string, KpiEntry>): KpiRow[] {
  const out: KpiRow[] = [];
  const merged = new Map<string, KpiRow[]>();
  for (const r of rows) {
    const dims = implicitDims(kpis.get(r.kpi)).filter((d) => d in r.group);
    if (dims.length === 0) {
      out.push(r);
      continue;
    }
    const group = Object.fromEntries(Object.entries(r.group).filter(([k]) => !dims.includes(k)));
    const key = JSON.stringify([r.kpi, r.period, group]);
    const list = merged.get(key);
    if (list) list.push(r);
    else {
      merged.set(key, [r]);
      out.push({ ...r, group });
    }
  }
  return out.map((r) => {
    const list = merged.get(JSON.stringify([r.kpi, r.period, r.group]));
    if (!list || list.length === 0 || !implicitDims(kpis.get(r.kpi)).length) return r;
    const ok = list.filter((x) => x.status === 'ok');
    if (ok.length === 0) return { ...list[0], group: r.group };
    const value = sum(ok.map((x) => x.value));
    const comparisons: KpiRow['comparisons'] = {};
    const prev = sumComparison(ok.map((x) => x.comparisons?.previous_period), value, 'previous');
    const target = sumComparison(ok.map((x) => x.comparisons?.target), value, 'target');
    if (prev) comparisons.previous_period = prev;
    if (target) comparisons.target = target;
    return { ...ok[0], group: r.group, value, numerator: sum(ok.map((x) => x.numerator)), denominator: sum(ok.map((x) => x.denominator)), n: null, ci95: null, comparisons };
  });
}

/** The periods of a result's rows, in order. */
export function periodsOf(rows: readonly KpiRow[]): string[] {
  return [...new Set(rows.map((r) => r.period))].sort();
}

/**
 * One KPI's ungrouped values, one per period; a period without a row is 0 for a sum (`zero`,
 * e.g. activities, whose rows exist only per activity type that occurred) and null otherwise.
 */
export function trendOf(rows: readonly KpiRow[], kpi: string, periods: readonly string[], zero = false): (number | null)[] {
  const by = new Map(rows.filter((r) => r.kpi === kpi && Object.keys(r.group).length === 0).map((r) => [r.period, r.value]));
  return periods.map((p) => (by.has(p) ? by.get(p)! : zero ? 0 : null));
}
