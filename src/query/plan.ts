// Which fact queries a KPI query needs: KPIs sharing a fact (and its split) share ONE query, which
// computes every measure they read; comparisons and growth reuse it through extra buckets.
import { findKpi } from '../metrics/catalog.js';
import { measuresOf, type Dim, type KpiDef } from '../metrics/types.js';
import type { EntityName } from '../model/fields.js';
import { fact } from './facts/index.js';
import { TARGET_LEVELS, targetMeasures } from './facts/people.js';
import { PEOPLE, type FactDef } from './facts/types.js';
import { factDims } from './compile.js';
import { factOf, planKey } from './evaluate.js';
import type { ResolvedQuery } from './query.js';

export interface FactRequest {
  fact: FactDef;
  dims: Dim[];
  measures: Set<string>;
}

/** The dimensions rows of a KPI are split by: the asked ones and its implicit ones. */
export function groupDimsOf(k: KpiDef, by: readonly Dim[]): Dim[] {
  const out = [...by];
  for (const d of k.implicit ?? []) if (!out.includes(d)) out.push(d);
  return out;
}

/** The KPIs a KPI's value is made of (itself for plain formulas). */
export function componentsOf(k: KpiDef, targetKpis: readonly KpiDef[]): KpiDef[] {
  const f = k.formula;
  if (f.kind === 'growth' || f.kind === 'attainment') return [findKpi(f.of)!];
  if (f.kind === 'all_attainments') return [...targetKpis];
  return [k];
}

/** Every fact a KPI reads, through its components. */
export function factsOf(k: KpiDef, targetKpis: readonly KpiDef[]): string[] {
  const f = k.formula;
  if (f.kind === 'total') return [...new Set(measuresOf(f.of).map(factOf))];
  if (f.kind === 'ratio') {
    const exprs = [f.num, f.den, ...Object.values(f.beside ?? {})];
    return [...new Set(exprs.flatMap(measuresOf).map(factOf))];
  }
  const out = componentsOf(k, targetKpis).flatMap((c) => factsOf(c, targetKpis));
  if (f.kind !== 'growth') out.push('targets');
  return [...new Set(out)];
}

/** Every entity a KPI needs, through its components. */
export function needsOf(k: KpiDef, targetKpis: readonly KpiDef[]): EntityName[] {
  const own = [...k.needs];
  if (k.formula.kind === 'total' || k.formula.kind === 'ratio') return own;
  return [...new Set([...own, ...componentsOf(k, targetKpis).flatMap((c) => needsOf(c, targetKpis))])];
}

export class Planner {
  readonly requests = new Map<string, FactRequest>();

  constructor(private readonly targetKpis: readonly KpiDef[]) {}

  private add(factId: string, groupDims: readonly Dim[], measure: string): void {
    const f = fact(factId);
    const has = factDims(f);
    const dims = groupDims.filter((d) => has.includes(d));
    const key = planKey(factId, dims);
    let r = this.requests.get(key);
    if (!r) this.requests.set(key, (r = { fact: f, dims, measures: new Set() }));
    r.measures.add(measure);
  }

  /** Requests the measures of a KPI's formula, split by groupDims. */
  kpi(k: KpiDef, groupDims: readonly Dim[]): void {
    const f = k.formula;
    if (f.kind === 'total' || f.kind === 'ratio') {
      const exprs = f.kind === 'total' ? [f.of] : [f.num, f.den, ...Object.values(f.beside ?? {})];
      for (const id of exprs.flatMap(measuresOf)) this.add(factOf(id), groupDims, id.slice(id.indexOf('.') + 1));
      return;
    }
    for (const c of componentsOf(k, this.targetKpis)) {
      const dims = [...groupDims, ...(c.implicit ?? []).filter((d) => !groupDims.includes(d))];
      this.kpi(c, dims);
      if (f.kind !== 'growth') this.targets(c, dims);
    }
  }

  /** Requests a KPI's targets at every level, when the split allows targets at all. */
  targets(k: KpiDef, groupDims: readonly Dim[]): void {
    if (groupDims.some((d) => !(PEOPLE as readonly string[]).includes(d))) return;
    for (const level of TARGET_LEVELS) for (const name of Object.values(targetMeasures(k.id, level))) this.add('targets', groupDims, name);
  }
}

export function planQuery(q: ResolvedQuery, targetKpis: readonly KpiDef[]): Planner {
  const p = new Planner(targetKpis);
  for (const k of q.kpis) {
    const dims = groupDimsOf(k, q.by);
    p.kpi(k, dims);
    if (q.compare.includes('target')) p.targets(k, dims);
  }
  return p;
}
