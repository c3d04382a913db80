// KPI rows of a report: one per (KPI, bucket, group), with comparisons, rounded by unit.
import type { Dim, KpiDef, Unit } from '../metrics/types.js';
import { findKpi } from '../metrics/catalog.js';
import { shifted, type Bucket } from './buckets.js';
import type { CalendarSettings } from './periods.js';
import type { Comparison } from './query.js';
import { twoProportionP } from './stats.js';
import { type Cell, type Evaluator } from './evaluate.js';
import { componentsOf, factsOf, groupDimsOf } from './plan.js';

export interface ComparisonValue {
  period?: string;
  value: number | null;
  delta: number | null;
  attainment?: number | null;
  p_value?: number | null;
  significant?: boolean | null;
  status?: string;
}

export interface KpiRow extends Cell {
  kpi: string;
  period: string;
  group: Record<string, string | null>;
  comparisons?: Partial<Record<Comparison, ComparisonValue>>;
}

const DIGITS: Record<Unit, number> = { money: 2, ratio: 6, count: 2, days: 2, points: 2 };

export function round(x: number | null, digits: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f || 0;
}

type Group = (string | null)[];

export class RowBuilder {
  constructor(
    private readonly ev: Evaluator,
    private readonly cal: CalendarSettings,
    private readonly targetKpis: readonly KpiDef[],
  ) {}

  /** The value of a KPI for a bucket and group, whatever its formula. */
  cell(k: KpiDef, b: Bucket, dims: readonly Dim[], g: Group): Cell {
    const pre = this.ev.precondition(k, factsOf(k, this.targetKpis));
    if (pre) return pre;
    const f = k.formula;
    if (f.kind === 'growth') {
      const of = findKpi(f.of)!;
      const cur = this.cell(of, b, dims, g);
      const prev = this.cell(of, shifted(b, 'previous_period', this.cal), dims, g);
      if (cur.status !== 'ok') return cur;
      if (prev.status !== 'ok') return { ...prev, value: null };
      const ok = prev.value !== null && prev.value !== 0 && cur.value !== null;
      return { value: ok ? (cur.value! - prev.value!) / prev.value! : null, numerator: cur.value, denominator: prev.value, n: null, ci95: null, status: ok ? 'ok' : 'zero_denominator' };
    }
    if (f.kind === 'attainment') return this.attainment(findKpi(f.of)!, b, dims, g);
    return this.ev.formulaCell(k, b.key, dims, g);
  }

  /** value ÷ target (target ÷ value for lower-is-better KPIs). */
  attainment(k: KpiDef, b: Bucket, dims: readonly Dim[], g: Group): Cell {
    const c = this.cell(k, b, dims, g);
    if (c.status !== 'ok') return { ...c, value: null };
    const t = this.ev.target(k, b.key, dims, g);
    if (t === null) return { value: null, numerator: c.value, denominator: null, n: null, ci95: null, status: 'no_target', message: `no ${k.id} target for this scope and period` };
    const lower = k.direction === 'lower';
    const den = lower ? c.value : t;
    const value = den ? (lower ? t / den : (c.value ?? 0) / den) : null;
    return { value, numerator: c.value, denominator: t, n: null, ci95: null, status: den ? 'ok' : 'zero_denominator' };
  }

  private groups(k: KpiDef, b: Bucket, dims: readonly Dim[]): Group[] {
    const fs = factsOf(k, this.targetKpis);
    const keys = [b.key];
    if (k.formula.kind === 'growth') keys.push(shifted(b, 'previous_period', this.cal).key);
    const seen = new Map<string, Group>();
    for (const key of keys) for (const g of this.ev.groups(fs, key, dims)) seen.set(JSON.stringify(g), g);
    return [...seen.values()].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }

  rows(k: KpiDef, b: Bucket, by: readonly Dim[], compare: readonly Comparison[]): KpiRow[] {
    if (k.formula.kind === 'all_attainments') return this.attainmentRows(k, b, by);
    const dims = groupDimsOf(k, by);
    const pre = this.ev.precondition(k, factsOf(k, this.targetKpis));
    const groups = pre ? [] : this.groups(k, b, dims);
    if (!groups.length) {
      // nothing to split: one row that says why
      const row = this.row(k, k, b, [], [], pre ?? { value: null, numerator: null, denominator: null, n: null, ci95: null, status: 'no_data' });
      if (compare.length) row.comparisons = {};
      return [row];
    }
    return groups.map((g) => {
      const row = this.row(k, k, b, dims, g, this.cell(k, b, dims, g));
      if (compare.length) row.comparisons = this.comparisons(k, b, dims, g, row, compare);
      return row;
    });
  }

  private attainmentRows(k: KpiDef, b: Bucket, by: readonly Dim[]): KpiRow[] {
    const out: KpiRow[] = [];
    for (const c of componentsOf(k, this.targetKpis)) {
      const dims = groupDimsOf(c, by);
      for (const g of this.groups(c, b, dims)) {
        const row = this.row(k, c, b, dims, g, this.attainment(c, b, dims, g));
        row.group = { kpi: c.id, ...row.group };
        out.push(row);
      }
    }
    return out;
  }

  private row(k: KpiDef, valueOf: KpiDef, b: Bucket, dims: readonly Dim[], g: Group, c: Cell): KpiRow {
    const digits = DIGITS[k.unit];
    const numDigits = k.unit === 'ratio' && valueOf === k ? 6 : DIGITS[valueOf.unit];
    const group: Record<string, string | null> = {};
    dims.forEach((d, i) => (group[d] = g[i]));
    const row: KpiRow = {
      kpi: k.id,
      period: b.period.label,
      group,
      value: round(c.value, digits),
      numerator: round(c.numerator, numDigits),
      denominator: round(c.denominator, numDigits),
      n: c.n,
      ci95: c.ci95 ? [round(c.ci95[0], 6)!, round(c.ci95[1], 6)!] : null,
      status: c.status,
    };
    if (c.message) row.message = c.message;
    if (c.beside) row.beside = Object.fromEntries(Object.entries(c.beside).map(([n, v]) => [n, round(v, digits)]));
    return row;
  }

  private comparisons(k: KpiDef, b: Bucket, dims: readonly Dim[], g: Group, row: KpiRow, compare: readonly Comparison[]): Partial<Record<Comparison, ComparisonValue>> {
    const out: Partial<Record<Comparison, ComparisonValue>> = {};
    const digits = DIGITS[k.unit];
    for (const c of compare) {
      if (c === 'target') {
        const t = this.ev.target(k, b.key, dims, g);
        const v = row.value;
        const lower = k.direction === 'lower';
        const att = t === null || v === null ? null : lower ? (v ? t / v : null) : t ? v / t : null;
        out.target = { value: round(t, digits), delta: t === null || v === null ? null : round(v - t, digits), attainment: round(att, 6), ...(t === null ? { status: 'no_target' } : {}) };
        continue;
      }
      const cb = shifted(b, c, this.cal);
      const prev = this.cell(k, cb, dims, g);
      const value = round(prev.value, digits);
      const cmp: ComparisonValue = { period: cb.period.label, value, delta: value === null || row.value === null ? null : round(row.value - value, digits) };
      if (prev.status !== 'ok') cmp.status = prev.status;
      if (k.formula.kind === 'ratio' && k.formula.style === 'rate' && row.numerator !== null && row.denominator && prev.numerator !== null && prev.denominator) {
        const p = twoProportionP(row.numerator, row.denominator, prev.numerator, prev.denominator);
        cmp.p_value = round(p, 6);
        cmp.significant = p === null ? null : p < 0.05;
      }
      out[c] = cmp;
    }
    return out;
  }
}
