// Attainment and pacing of targets: for each target and an as-of date, the value so far, the
// attainment, where the period is headed, and a status.
//
// - so far: the target's KPI for its scope (company, team filter, rep filter) from the period's
//   first day to as-of (inclusive), by the query layer, as `quotient report` computes it.
// - attainment: so far ÷ target; target ÷ so far for lower-is-better KPIs (as query/rows.ts).
// - additive KPIs (sums and counts): the share of a period's value that is usually in by as-of is
//   learned from the earlier periods of the same kind (a month: the last 6 months, cut at the same
//   day of the month; a quarter: the last 4; a year: 2; other lengths: the 6 (weeks 8) before):
//   share = Σ value up to the cut ÷ Σ value of those periods, from the target's own scope when it
//   has at least 3 such periods with a value, else from the whole company's, else linear (the
//   share of the days passed). Run-rate projection = so far ÷ share.
//   Revenue targets blend in the revenue forecast (analysis/forecast.ts) where it has a model:
//   projected = share × run-rate projection + (1 − share) × forecast — the run rate weighs as
//   much as the part of the period that is usually in, the forecast the rest.
// - other KPIs (rates, averages, snapshots): the value so far is the projection.
// - status from the projected attainment: on_track ≥ pacing_on_track (default 1), at_risk ≥
//   pacing_at_risk (default 0.85), else off_track; for ended periods the final attainment.
import { findKpi } from '../metrics/catalog.js';
import type { KpiDef, Unit } from '../metrics/types.js';
import { forecastRevenue, type ForecastResult } from '../analysis/forecast.js';
import { engineContext, runKpiQuery } from '../query/engine.js';
import { addDays, daysBetween } from '../query/periods.js';
import { partsOf, shiftMonthsClamped } from '../query/calendar.js';
import type { KpiRow } from '../query/rows.js';
import { getSetting } from '../store/settings.js';
import type { Store } from '../store/store.js';
import { isUserError } from '../util/errors.js';
import { lengthClass, loadOrg, measurableAt, periodLabel, scopeText, type Org, type Target, type TargetScope } from './targets.js';

export type PaceStatus = 'on_track' | 'at_risk' | 'off_track';
export type PeriodState = 'not_started' | 'in_progress' | 'ended';
export type ShareBasis = 'history' | 'company_history' | 'linear' | 'complete';

export interface Thresholds {
  on_track: number;
  at_risk: number;
}

/** An earlier period the expected share was learned from: its value up to the same point, and in all. */
export interface HistoryPeriod {
  from: string;
  to: string;
  cut: string;
  by_cut: number;
  total: number;
}

export interface ForecastBlend {
  expected: number;
  low: number;
  high: number;
  /** The forecast's weight in the projection (1 − the run rate's). */
  weight: number;
}

export interface Pacing {
  state: PeriodState;
  as_of: string;
  elapsed_days: number;
  period_days: number;
  so_far: number | null;
  /** Sample size of a rate or average so far. */
  n: number | null;
  attainment: number | null;
  /** Additive KPIs: the share of a period's value usually in by as-of, and how it was learned. */
  expected_share: number | null;
  share_basis: ShareBasis | null;
  /** The earlier periods behind a history-based share (the target's scope, or the company's). */
  history: HistoryPeriod[];
  /** target × expected share: where the value would stand now on pace. */
  expected_by_now: number | null;
  run_rate_projection: number | null;
  forecast: ForecastBlend | null;
  /** Why the forecast is not blended in, for revenue targets in progress. */
  forecast_note: string | null;
  projected: number | null;
  projected_attainment: number | null;
  status: PaceStatus | null;
  /** Why there is no status (no data yet, a KPI that cannot be measured for this scope, …). */
  reason: string | null;
  explanation: string;
}

export interface RollupMember {
  target_id: string;
  scope: TargetScope;
  scope_id: string | null;
  value: number;
  /** The part of it inside the parent's period (prorated by overlapping days). */
  counted: number;
}

export interface Rollup {
  of: 'reps' | 'teams';
  sum: number | null;
  difference: number | null;
  mismatch: boolean | null;
  members: RollupMember[];
  note: string | null;
}

export interface TargetView extends Target {
  /** The team's or rep's name. */
  name: string | null;
  period: string;
  unit: Unit | null;
  direction: 'higher' | 'lower' | null;
  additive: boolean | null;
  pacing: Pacing;
  rollup?: Rollup;
}

export interface TargetsReport {
  as_of: string;
  currency: string;
  thresholds: Thresholds;
  targets: TargetView[];
  method: { so_far: string; expected_share: string; projection: string; forecast_blend: string; status: string; rollup: string };
  warnings: string[];
}

export interface PacingOptions {
  asOf?: string;
  /** Blend revenue projections with the forecast where it applies (default true). */
  forecast?: boolean;
  /** Add the roll-up of team and company targets from their reps' (teams') targets. */
  rollup?: boolean;
}

/** Earlier periods with a value needed before the target's own history is trusted. */
export const MIN_HISTORY = 3;

export const METHOD: TargetsReport['method'] = {
  so_far: 'the target’s KPI for its scope (company; team: records of the team’s reps; rep) from the period’s first day to as-of inclusive, as `quotient report` computes it',
  expected_share:
    'additive KPIs: Σ value up to the same day ÷ Σ value of the earlier periods of the same kind (months: last 6, cut at the same day of the month; quarters: last 4; years: 2; other lengths: the 6 before, weeks 8), ' +
    `from the target’s scope when at least ${MIN_HISTORY} of them have a value, else the company’s, else linear (days passed ÷ days in the period)`,
  projection: 'additive KPIs: so far ÷ expected share (run rate); rates, averages and snapshots: the value so far; ended periods: the final value',
  forecast_blend: 'revenue targets in progress, where the revenue forecast has a model: projected = expected share × run-rate projection + (1 − expected share) × forecast expected revenue',
  status: 'projected attainment (projected ÷ target; target ÷ projected for lower-is-better KPIs) ≥ pacing_on_track → on_track, ≥ pacing_at_risk → at_risk, else off_track',
  rollup: 'team targets: Σ of the targets of the team’s reps (current team) for the same KPI, prorated by days overlapping the team’s period (where a rep has targets of several lengths, the shortest); company targets: Σ of the team targets, else of the rep targets; a difference of a cent (money) or 0.0001 is a mismatch',
};

export async function thresholds(store: Store): Promise<Thresholds> {
  return { on_track: Number(await getSetting(store, 'pacing_on_track')), at_risk: Number(await getSetting(store, 'pacing_at_risk')) };
}

export function statusOf(projectedAttainment: number | null, t: Thresholds): PaceStatus | null {
  if (projectedAttainment === null) return null;
  const a = Math.round(projectedAttainment * 1e6) / 1e6;
  return a >= t.on_track ? 'on_track' : a >= t.at_risk ? 'at_risk' : 'off_track';
}

const DIGITS: Record<Unit, number> = { money: 2, ratio: 6, count: 2, days: 2, points: 2 };
const roundTo = (x: number | null, digits: number): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits || 0);
const frac = (x: number | null) => roundTo(x, 6);

/** value ÷ target, or target ÷ value for lower-is-better KPIs. */
export function attainmentOf(k: KpiDef, value: number | null, target: number): number | null {
  if (value === null) return null;
  if (k.direction === 'lower') return value === 0 ? null : target / value;
  return target === 0 ? null : value / target;
}

/** The earlier periods of the same kind as [start, end], most recent first. */
export function earlierPeriods(start: string, end: string): { kind: string; periods: { from: string; to: string }[] } {
  const next = addDays(end, 1);
  const periods: { from: string; to: string }[] = [];
  if (start.endsWith('-01') && next.endsWith('-01')) {
    const a = partsOf(start);
    const b = partsOf(next);
    const m = (b.year - a.year) * 12 + (b.month - a.month);
    const n = m === 1 ? 6 : m <= 3 ? 4 : 2;
    for (let i = 1; i <= n; i++) periods.push({ from: shiftMonthsClamped(start, -m * i), to: addDays(shiftMonthsClamped(start, -m * (i - 1)), -1) });
    return { kind: m === 1 ? 'month' : m === 3 ? 'quarter' : m === 12 ? 'year' : `${m}-month period`, periods };
  }
  const len = daysBetween(start, end) + 1;
  const n = len <= 7 ? 8 : 6;
  for (let i = 1; i <= n; i++) periods.push({ from: addDays(start, -len * i), to: addDays(start, -len * (i - 1) - 1) });
  return { kind: len === 7 ? 'week' : len === 1 ? 'day' : `${len}-day period`, periods };
}

interface Measured {
  value: number | null;
  n: number | null;
  status: string;
  message?: string;
}

type Level = TargetScope;
const COMPANY = '*';

/** Reads KPI values once per (KPI, range, level, grain) for every target that needs them. */
class Measurer {
  private readonly cache = new Map<string, Promise<{ groups: Map<string, Map<string, Measured>>; global: Measured | null; error: string | null }>>();

  constructor(private readonly store: Store, private readonly asOf: string) {}

  /** Values by group (rep id, team id, or * for the company) and by bucket label. */
  load(k: KpiDef, from: string, to: string, level: Level, grain?: 'day') {
    const key = `${k.id}|${from}|${to}|${level}|${grain ?? ''}`;
    let hit = this.cache.get(key);
    if (!hit) this.cache.set(key, (hit = this.run(k, from, to, level, grain)));
    return hit;
  }

  private async run(k: KpiDef, from: string, to: string, level: Level, grain?: 'day') {
    const groups = new Map<string, Map<string, Measured>>();
    let global: Measured | null = null;
    let rows: KpiRow[];
    try {
      rows = (await runKpiQuery(this.store, { kpis: [k.id], from, to, asOf: this.asOf, grain, by: level === 'company' ? [] : [level] })).rows;
    } catch (e) {
      if (!isUserError(e)) throw e;
      return { groups, global, error: e.message };
    }
    for (const r of rows) {
      const g = level === 'company' ? COMPANY : r.group[level];
      if (g === undefined) {
        // nothing to split: the row says why (needs_<entity>, no_data, out_of_scope)
        if (r.status !== 'ok' && r.status !== 'no_data') global = { value: null, n: null, status: r.status, message: r.message };
        continue;
      }
      if (g === null) continue;
      const byBucket = groups.get(g) ?? groups.set(g, new Map()).get(g)!;
      const prev = byBucket.get(r.period);
      if (!prev) byBucket.set(r.period, { value: r.value, n: r.n, status: r.status, message: r.message });
      else if (k.additive) {
        // an implicit split (per activity type): the parts add up
        if (prev.status === 'ok' && r.status === 'ok') prev.value = (prev.value ?? 0) + (r.value ?? 0);
        else if (r.status !== 'ok' && r.status !== 'no_data') Object.assign(prev, { value: null, status: r.status, message: r.message });
      } else Object.assign(prev, { value: null, status: 'not_measurable', message: `${k.id} has more than one value per ${level}` });
    }
    return { groups, global, error: null };
  }
}

const STATUS_TEXT: Record<string, string> = {
  no_data: 'no records so far',
  zero_denominator: 'nothing to divide by yet (no records of the kind the rate or average counts)',
};

function reasonOf(m: Measured): string {
  if (m.message) return m.message;
  if (m.status.startsWith('needs_')) return `needs ${m.status.slice(6)} data (import it)`;
  return STATUS_TEXT[m.status] ?? m.status;
}

function groupKey(t: Target): string {
  return t.scope === 'company' ? COMPANY : (t.scope_id ?? '');
}

/** Formats a value of a KPI for sentences. */
export function formatIn(unit: Unit | null, x: number | null, currency: string): string {
  if (x === null) return '–';
  switch (unit) {
    case 'money':
      return `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
    case 'ratio':
      return `${(x * 100).toFixed(1)}%`;
    case 'days':
      return `${x.toFixed(1)} days`;
    default:
      return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
export const STATUS_WORDS: Record<PaceStatus, string> = { on_track: 'on track', at_risk: 'at risk', off_track: 'off track' };

export class Pacer {
  private readonly measurer: Measurer;
  private readonly forecasts = new Map<string, Promise<ForecastResult | string>>();

  constructor(
    private readonly store: Store,
    readonly asOf: string,
    readonly limits: Thresholds,
    readonly currency: string,
    private readonly useForecast: boolean,
  ) {
    this.measurer = new Measurer(store, asOf);
  }

  private forecast(from: string, to: string, level: Level): Promise<ForecastResult | string> {
    const key = `${from}|${to}|${level}`;
    let hit = this.forecasts.get(key);
    if (!hit) {
      hit = forecastRevenue(this.store, { from, to, asOf: this.asOf, by: level === 'company' ? undefined : level }).catch((e: unknown) => {
        if (isUserError(e)) return `the forecast cannot be made: ${e.message}`;
        throw e;
      });
      this.forecasts.set(key, hit);
    }
    return hit;
  }

  /** The share of a period's value usually in after `elapsed` days, from the earlier periods of a group. */
  private async share(k: KpiDef, t: Target, level: Level, group: string, elapsed: number): Promise<{ share: number; periods: HistoryPeriod[] } | null> {
    const { periods } = earlierPeriods(t.period_start, t.period_end);
    const from = periods.at(-1)!.from;
    const to = periods[0].to;
    const m = await this.measurer.load(k, from, to, level, 'day');
    if (m.error || m.global) return null;
    const days = m.groups.get(group) ?? new Map<string, Measured>();
    let byCut = 0;
    let total = 0;
    let withValue = 0;
    const out: HistoryPeriod[] = [];
    for (const p of periods) {
      const cut = addDays(p.from, elapsed - 1) < p.to ? addDays(p.from, elapsed - 1) : p.to;
      let c = 0;
      let s = 0;
      for (const [day, v] of days) {
        if (day < p.from || day > p.to) continue;
        if (v.status !== 'ok' && v.status !== 'no_data') return null;
        s += v.value ?? 0;
        if (day <= cut) c += v.value ?? 0;
      }
      out.push({ from: p.from, to: p.to, cut, by_cut: roundTo(c, DIGITS[k.unit])!, total: roundTo(s, DIGITS[k.unit])! });
      byCut += c;
      total += s;
      if (s > 0) withValue++;
    }
    if (withValue < MIN_HISTORY || total <= 0) return null;
    return { share: Math.min(1, Math.max(0, byCut / total)), periods: out };
  }

  async pace(t: Target): Promise<Pacing> {
    const k = findKpi(t.kpi);
    const days = daysBetween(t.period_start, t.period_end) + 1;
    const state: PeriodState = this.asOf < t.period_start ? 'not_started' : this.asOf >= t.period_end ? 'ended' : 'in_progress';
    const elapsed = state === 'not_started' ? 0 : state === 'ended' ? days : daysBetween(t.period_start, this.asOf) + 1;
    const p: Pacing = {
      state, as_of: this.asOf, elapsed_days: elapsed, period_days: days, so_far: null, n: null, attainment: null,
      expected_share: null, share_basis: null, history: [], expected_by_now: null, run_rate_projection: null,
      forecast: null, forecast_note: null, projected: null, projected_attainment: null, status: null, reason: null, explanation: '',
    };
    const fail = (reason: string) => Object.assign(p, { reason, explanation: `No status: ${reason}.` });
    if (!k) return fail(`"${t.kpi}" is not a KPI of the catalog`);
    if (k.formula.kind === 'attainment' || k.formula.kind === 'all_attainments') return fail(`${k.id} is itself a share of a target; targets belong on the KPI it measures`);
    if (!measurableAt(k, t.scope) || (t.scope !== 'company' && !t.scope_id)) return fail(`${k.id} cannot be measured per ${t.scope}`);
    if (state === 'not_started') {
      p.so_far = k.additive ? 0 : null;
      return Object.assign(p, { reason: `the period starts on ${t.period_start}`, explanation: `The period starts on ${t.period_start}; nothing to judge yet.` });
    }
    const level = t.scope;
    const to = state === 'ended' ? t.period_end : this.asOf;
    const m = await this.measurer.load(k, t.period_start, to, level);
    if (m.error) return fail(m.error);
    if (m.global) return fail(reasonOf(m.global));
    const cell = [...(m.groups.get(groupKey(t))?.values() ?? [])][0] ?? null;
    if (cell && cell.status !== 'ok' && !(cell.status === 'no_data' && k.additive)) return fail(reasonOf(cell));
    if (!cell && !k.additive) return fail(STATUS_TEXT.no_data);
    p.so_far = cell?.value ?? 0;
    p.n = cell?.n ?? null;
    p.attainment = frac(attainmentOf(k, p.so_far, t.value));
    const unit = k.unit;
    const f = (x: number | null) => formatIn(unit, x, this.currency);
    const who = t.scope === 'company' ? 'the company' : scopeText(t);
    if (state === 'ended') {
      p.projected = p.so_far;
      p.projected_attainment = p.attainment;
      p.status = statusOf(p.attainment, this.limits);
      if (k.additive) Object.assign(p, { expected_share: 1, share_basis: 'complete' as const, expected_by_now: t.value });
      p.explanation = `Period ended: ${f(p.so_far)} against ${f(t.value)}, ${pct(p.attainment)} of the target: ${this.verdict(p)}.`;
      return p;
    }
    const head = `${f(p.so_far)} by ${this.asOf} (day ${elapsed} of ${days})${p.n !== null ? `, n = ${p.n}` : ''}: ${pct(p.attainment)} of the target ${f(t.value)}.`;
    if (!k.additive) {
      p.projected = p.so_far;
      p.projected_attainment = p.attainment;
      p.status = statusOf(p.attainment, this.limits);
      const what = k.formula.kind === 'ratio' && k.formula.style === 'rate' ? 'a rate' : k.formula.kind === 'ratio' ? 'an average' : 'a snapshot';
      p.explanation = `${head} For ${what} the value so far is the projection: ${this.verdict(p)}.`;
      return p;
    }
    // Additive: how much of a period's value is usually in by now.
    const { kind, periods } = earlierPeriods(t.period_start, t.period_end);
    let basis: ShareBasis = 'linear';
    let learned = await this.share(k, t, level, groupKey(t), elapsed);
    if (learned) basis = 'history';
    else if (level !== 'company') {
      learned = await this.share(k, t, 'company', COMPANY, elapsed);
      if (learned) basis = 'company_history';
    }
    const share = learned ? learned.share : elapsed / days;
    p.expected_share = frac(share);
    p.share_basis = basis;
    p.history = learned?.periods ?? [];
    p.expected_by_now = roundTo(t.value * share, DIGITS[unit]);
    const runRate = share > 0 ? p.so_far / share : null;
    p.run_rate_projection = roundTo(runRate, DIGITS[unit]);
    const basisText =
      basis === 'history'
        ? `Over the last ${periods.length} ${kind}s of ${who}, ${pct(share)} of a ${kind}’s ${k.id} was in by day ${elapsed}`
        : basis === 'company_history'
          ? `${who} has fewer than ${MIN_HISTORY} of the last ${periods.length} ${kind}s with ${k.id}; over the company’s, ${pct(share)} of a ${kind}’s ${k.id} was in by day ${elapsed}`
          : `Too little history (fewer than ${MIN_HISTORY} of the last ${periods.length} ${kind}s with ${k.id}), so linear: ${pct(share)} of the period has passed`;
    let text = `${head} ${basisText}${p.run_rate_projection !== null ? ` → run rate ${f(p.run_rate_projection)}` : ' → no run rate yet'}.`;
    let projected = runRate;
    if (k.id === 'revenue' && this.useForecast) {
      const fc = await this.forecastFor(t);
      if (typeof fc === 'string') p.forecast_note = fc;
      else {
        const w = projected === null ? 1 : 1 - share;
        p.forecast = { expected: fc.expected, low: fc.low, high: fc.high, weight: frac(w)! };
        projected = projected === null ? fc.expected : share * projected + w * fc.expected;
        text += ` Blended with the revenue forecast (${f(fc.expected)}, 80% interval ${f(fc.low)} to ${f(fc.high)}): ${pct(1 - w)} run rate + ${pct(w)} forecast.`;
      }
    }
    p.projected = roundTo(projected, DIGITS[unit]);
    p.projected_attainment = projected === null ? null : frac(attainmentOf(k, projected, t.value));
    p.status = statusOf(p.projected_attainment, this.limits);
    if (p.projected === null) {
      p.reason = `too early to project: nothing of a ${kind}’s ${k.id} is usually in by day ${elapsed}`;
      text += ` No status: ${p.reason}.`;
    } else text += ` Projected ${f(p.projected)}, ${pct(p.projected_attainment)} of the target: ${this.verdict(p)}.`;
    p.explanation = text;
    return p;
  }

  private verdict(p: Pacing): string {
    if (!p.status) return 'no status';
    if (p.state === 'ended') return p.status === 'on_track' ? 'met' : `missed (${STATUS_WORDS[p.status]})`;
    return STATUS_WORDS[p.status];
  }

  private async forecastFor(t: Target): Promise<{ expected: number; low: number; high: number } | string> {
    const r = await this.forecast(t.period_start, t.period_end, t.scope);
    if (typeof r === 'string') return r;
    if (r.method.training.opportunities === 0 && r.forecast.new_business.windows.length === 0) return 'the revenue forecast has no history to learn from yet';
    if (t.scope === 'company') return { expected: r.forecast.expected, low: r.forecast.low, high: r.forecast.high };
    const g = r.forecast.groups.find((x) => x.group[t.scope] === t.scope_id);
    if (!g) return `the revenue forecast has no open pipeline, won deals or new business for ${scopeText(t)}`;
    return { expected: g.expected, low: g.low, high: g.high };
  }
}

/** Roll-up of a team target from its reps' targets, or of a company target from team (else rep) targets. */
export function rollupOf(t: Target, all: readonly Target[], org: Org): Rollup | undefined {
  if (t.scope === 'rep') return undefined;
  const k = findKpi(t.kpi);
  const of = t.scope === 'team' ? 'reps' : 'teams';
  const empty = (note: string): Rollup => ({ of, sum: null, difference: null, mismatch: null, members: [], note });
  if (!k) return empty('not a KPI of the catalog');
  if (!k.additive) return empty(`${k.id} does not add up across reps or teams`);
  const overlapping = all.filter((x) => x.kpi === t.kpi && x.period_start <= t.period_end && x.period_end >= t.period_start);
  let children: Target[];
  let level: 'reps' | 'teams' = 'reps';
  if (t.scope === 'team') children = overlapping.filter((x) => x.scope === 'rep' && x.scope_id !== null && org.reps.get(x.scope_id)?.team_id === t.scope_id);
  else {
    children = overlapping.filter((x) => x.scope === 'team');
    level = children.length ? 'teams' : 'reps';
    if (!children.length) children = overlapping.filter((x) => x.scope === 'rep');
  }
  if (!children.length) return empty(`no ${t.scope === 'team' ? 'rep' : 'team or rep'} targets for ${t.kpi} overlap the period`);
  // Per child, the shortest length of target wins (as in the query layer).
  const shortest = new Map<string, number>();
  for (const c of children) shortest.set(c.scope_id ?? '', Math.min(shortest.get(c.scope_id ?? '') ?? 9, lengthClass(c.period_start, c.period_end)));
  const digits = k.unit === 'money' ? 2 : 4;
  const members: RollupMember[] = children
    .filter((c) => lengthClass(c.period_start, c.period_end) === shortest.get(c.scope_id ?? ''))
    .map((c) => {
      const from = c.period_start > t.period_start ? c.period_start : t.period_start;
      const to = c.period_end < t.period_end ? c.period_end : t.period_end;
      const counted = (c.value * (daysBetween(from, to) + 1)) / (daysBetween(c.period_start, c.period_end) + 1);
      return { target_id: c.target_id, scope: c.scope, scope_id: c.scope_id, value: c.value, counted: roundTo(counted, digits)! };
    });
  const sum = roundTo(members.reduce((a, m) => a + m.counted, 0), digits)!;
  const difference = roundTo(sum - t.value, digits)!;
  return { of: level, sum, difference, mismatch: Math.abs(difference) >= (k.unit === 'money' ? 0.005 : 0.00005), members, note: null };
}

/** Pacing (and roll-ups) of the given targets as of a date. */
export async function paceTargets(store: Store, targets: readonly Target[], o: PacingOptions = {}): Promise<TargetsReport> {
  const env = await engineContext(store);
  const asOf = o.asOf ?? env.today;
  const limits = await thresholds(store);
  const warnings: string[] = [];
  if (limits.at_risk > limits.on_track) warnings.push(`pacing_at_risk (${limits.at_risk}) is above pacing_on_track (${limits.on_track}): no target can be at risk; set it lower with quotient config set pacing_at_risk`);
  const pacer = new Pacer(store, asOf, limits, env.settings.currency, o.forecast !== false);
  const org = await loadOrg(store);
  const views: TargetView[] = [];
  let all: Target[] | null = null;
  for (const t of targets) {
    const k = findKpi(t.kpi);
    const view: TargetView = {
      ...t,
      name: t.scope === 'rep' ? (org.reps.get(t.scope_id ?? '')?.name ?? null) : t.scope === 'team' ? (org.teams.get(t.scope_id ?? '')?.name ?? null) : null,
      period: periodLabel(t.period_start, t.period_end, env.fiscalYearStartMonth),
      unit: k?.unit ?? null,
      direction: k?.direction ?? null,
      additive: k?.additive ?? null,
      pacing: await pacer.pace(t),
    };
    if (o.rollup && t.scope !== 'rep') {
      all ??= await store.query<Target & Record<string, string | number | null>>(
        `SELECT target_id, kpi, scope, scope_id, CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end, CAST(value AS DOUBLE PRECISION) AS value FROM targets ORDER BY target_id`,
      );
      view.rollup = rollupOf(t, all, org);
    }
    views.push(view);
  }
  return { as_of: asOf, currency: env.settings.currency, thresholds: limits, targets: views, method: METHOD, warnings };
}
