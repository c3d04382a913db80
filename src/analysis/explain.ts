// What drove a change in revenue between two periods. Revenue = closed opportunities × win rate
// × average deal size; the change is split between the three by their Shapley values (the
// average, over every order of changing them one at a time, of what each change adds), which
// add up exactly to the total change and stay defined when a period has no wins. Then the
// segments (rep, team, source, segment) whose revenue moved most, each with the same split.
import type { Store } from '../store/store.js';
import { runKpiQuery, type KpiResult } from '../query/engine.js';
import type { KpiQuery } from '../query/query.js';
import { customPeriod, parsePeriod, previousPeriod, previousYear, type Period } from '../query/periods.js';
import { addDays } from '../query/calendar.js';
import { loadSettings } from '../store/settings.js';
import { UserError } from '../util/errors.js';

export const DRIVERS = ['opportunities', 'win_rate', 'average_deal_size'] as const;
export type Driver = (typeof DRIVERS)[number];
export const SEGMENT_DIMS = ['rep', 'team', 'source', 'segment'] as const;

/** Closed opportunities, wins and revenue of one period (or one segment of it). */
export interface Side {
  closed: number;
  won: number;
  revenue: number;
}

export interface DriverSplit {
  driver: Driver;
  contribution: number;
}

export interface SegmentChange {
  dimension: string;
  value: string | null;
  before: number;
  after: number;
  change: number;
  drivers: DriverSplit[];
}

export interface ExplainResult {
  kpi: 'revenue';
  period: { label: string; from: string; to: string };
  vs: { kind: 'previous_period' | 'previous_year'; label: string; from: string; to: string };
  before: number;
  after: number;
  total_change: number;
  drivers: DriverSplit[];
  segments: SegmentChange[];
  summary: string[];
}

const cents = (x: number) => Math.round(x * 100) / 100;

function factors(s: Side): [number, number, number] {
  const rate = s.closed > 0 ? s.won / s.closed : 0;
  const size = s.won > 0 ? s.revenue / s.won : 0;
  return [s.closed, rate, size];
}

/**
 * Shapley split of f(a)·f(b)·f(c) from `before` to `after`, in cents; the cent-rounded parts
 * are adjusted on the largest one so that they add up to the cent-rounded total exactly.
 */
export function splitChange(before: Side, after: Side): DriverSplit[] {
  const x0 = factors(before);
  const x1 = factors(after);
  const value = (mask: number) => [0, 1, 2].reduce((p, i) => p * ((mask >> i) & 1 ? x1[i] : x0[i]), 1);
  const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  const raw = [0, 0, 0];
  for (const order of orders) {
    let mask = 0;
    for (const i of order) {
      const next = mask | (1 << i);
      raw[i] += (value(next) - value(mask)) / orders.length;
      mask = next;
    }
  }
  const total = cents(after.revenue - before.revenue);
  const parts = raw.map(cents);
  const residual = cents(total - parts.reduce((a, b) => a + b, 0));
  if (residual !== 0) {
    const largest = parts.reduce((best, p, i) => (Math.abs(p) > Math.abs(parts[best]) ? i : best), 0);
    parts[largest] = cents(parts[largest] + residual);
  }
  return DRIVERS.map((driver, i) => ({ driver, contribution: parts[i] }));
}

function sidesOf(r: KpiResult): Map<string, Side & { group: Record<string, string | null> }> {
  const out = new Map<string, Side & { group: Record<string, string | null> }>();
  for (const row of r.rows) {
    const key = JSON.stringify(row.group);
    const s = out.get(key) ?? { group: row.group, closed: 0, won: 0, revenue: 0 };
    if (row.kpi === 'revenue') s.revenue = row.value ?? 0;
    if (row.kpi === 'win_rate') {
      s.won = row.numerator ?? 0;
      s.closed = row.denominator ?? 0;
    }
    out.set(key, s);
  }
  return out;
}

export interface ExplainQuery extends Omit<KpiQuery, 'kpis' | 'by' | 'grain' | 'compare'> {
  vs?: 'previous_period' | 'previous_year';
  /** How many segments per dimension to list (largest changes first). */
  top?: number;
}

export async function explainRevenue(store: Store, q: ExplainQuery): Promise<ExplainResult> {
  const vs = q.vs ?? 'previous_period';
  if (vs !== 'previous_period' && vs !== 'previous_year') throw new UserError('bad_argument', `--vs: expected previous_period or previous_year, got "${vs}"`);
  const base: KpiQuery = { kpis: ['revenue', 'win_rate'], period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, scope: q.scope };
  const current = await runKpiQuery(store, base);
  for (const row of current.rows) {
    if (row.status === 'missing_fx_rate') throw new UserError('missing_fx_rate', row.message ?? 'an exchange rate is missing');
  }
  const settings = await loadSettings(store);
  const cal = { fiscalYearStartMonth: settings.fiscal_year_start_month, asOf: current.query.as_of };
  const period: Period = q.from && q.to ? customPeriod(q.from, q.to) : parsePeriod(q.period ?? 'this_month', cal);
  const prev = vs === 'previous_year' ? previousYear(period, cal) : previousPeriod(period, cal);
  const prevQuery: KpiQuery = { ...base, period: undefined, from: prev.start, to: addDays(prev.end, -1) };
  const before = sidesOf(await runKpiQuery(store, prevQuery)).get('{}') ?? { closed: 0, won: 0, revenue: 0 };
  const after = sidesOf(current).get('{}') ?? { closed: 0, won: 0, revenue: 0 };
  const drivers = splitChange(before, after);
  const segments: SegmentChange[] = [];
  for (const dim of SEGMENT_DIMS) {
    const a = sidesOf(await runKpiQuery(store, { ...base, by: [dim] }));
    const b = sidesOf(await runKpiQuery(store, { ...prevQuery, by: [dim] }));
    const keys = new Set([...a.keys(), ...b.keys()]);
    const changes: SegmentChange[] = [];
    for (const key of keys) {
      const s1 = a.get(key) ?? { ...b.get(key)!, closed: 0, won: 0, revenue: 0 };
      const s0 = b.get(key) ?? { ...a.get(key)!, closed: 0, won: 0, revenue: 0 };
      const change = cents(s1.revenue - s0.revenue);
      if (change === 0) continue;
      changes.push({ dimension: dim, value: (s1.group[dim] ?? s0.group[dim]) ?? null, before: s0.revenue, after: s1.revenue, change, drivers: splitChange(s0, s1) });
    }
    changes.sort((x, y) => Math.abs(y.change) - Math.abs(x.change));
    segments.push(...changes.slice(0, q.top ?? 5));
  }
  segments.sort((x, y) => Math.abs(y.change) - Math.abs(x.change));
  const total = cents(after.revenue - before.revenue);
  const money = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${settings.currency}`;
  const words: Record<Driver, string> = { opportunities: 'the number of closed opportunities', win_rate: 'the win rate', average_deal_size: 'the average deal size' };
  const ranked = [...drivers].sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution));
  const summary = [
    `Revenue ${current.query.period} changed by ${money(total)} against ${vs.replace('_', ' ')} (${before.revenue.toFixed(2)} → ${after.revenue.toFixed(2)}).`,
    ...ranked.map((d) => `${money(d.contribution)} from ${words[d.driver]}.`),
    ...segments.slice(0, 3).map((s) => `${s.dimension} ${s.value ?? '(none)'}: ${money(s.change)}.`),
  ];
  return {
    kpi: 'revenue',
    period: { label: current.query.period, from: current.query.from, to: current.query.to },
    vs: { kind: vs, label: prev.label, from: prev.start, to: addDays(prev.end, -1) },
    before: before.revenue,
    after: after.revenue,
    total_change: total,
    drivers,
    segments,
    summary,
  };
}
