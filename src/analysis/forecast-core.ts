// One forecast at one as-of moment T: what is won so far, what the open pipeline is expected to
// add, what opportunities not yet created are expected to add (forecast-model.ts), and an 80%
// interval. forecast.ts runs it once for the asked period and once per backtest period; nothing
// here reads a fact dated at or after T except the revenue already won in the period before T.
import type { Dim } from '../metrics/types.js';
import { runKpiQuery } from '../query/engine.js';
import type { SqlContext } from '../query/context.js';
import { shiftMonthsClamped } from '../query/calendar.js';
import { addDays, daysBetween, previousPeriod, type CalendarSettings, type Period } from '../query/periods.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { createdCounts, firstCreatedDay, hazardTable, newBusiness, openPipeline, type NewBusinessWindow, type PipelineCell, type Selection } from './forecast-data.js';
import { AGE_BUCKETS, SHRINK, WinModel, ageBucketLabel, interval80, newBusinessEstimate, shrinkCalibration } from './forecast-model.js';

/** Constants of the model (tests may change them; the product uses the defaults). */
export interface ForecastTuning {
  /** Weeks of weekly pipeline snapshots the win model learns from. */
  weeks: number;
  /** Earlier periods whose new business (and, for months, calibration) is learned from. */
  windows: number;
  /** Days of recent opportunity creation that give the expected creation rate. */
  volumeDays: number;
  shrink: number;
  /** Backtest only periods whose previous period the data covers whole (off only in tests on tiny stores). */
  fullHistory: boolean;
}

export const DEFAULT_TUNING: ForecastTuning = { weeks: 104, windows: 4, volumeDays: 91, shrink: SHRINK, fullHistory: true };

export interface Engine {
  store: Store;
  ctx: SqlContext;
  cal: CalendarSettings;
  sel: Selection;
  /** Filters and scope of the revenue KPI queries (the same records the SQL here reads). */
  kpiBase: { filters?: Readonly<Record<string, readonly string[]>>; scope: Selection['scope'] };
  tuning: ForecastTuning;
}

export interface StageForecast {
  stage: string;
  count: number;
  value: number;
  /** Learned P(won) of the stage as a whole, and P(won inside the period | won). */
  p_win: number;
  p_in_time: number;
  /** The stage's CRM probability (pipeline_stages), if set. */
  crm_probability: number | null;
  expected: number;
  /** The same per age bucket (days since the opportunity was created), with the cell's own probabilities. */
  ages: { age: string; count: number; value: number; p_win: number; p_in_time: number; expected: number }[];
}

export interface Part {
  won_so_far: number;
  open_count: number;
  open_value: number;
  from_pipeline: number;
  from_new_business: number;
  expected: number;
  low: number;
  high: number;
  /** Σ open value × the stage's CRM probability (the learned P(won) where the stage has none). */
  weighted_pipeline: number;
}

export interface NewBusinessInfo {
  /** Opportunities expected to be created in the window, and how that was estimated. */
  expected_created: number;
  volume_basis: 'last_year' | 'recent_rate';
  /** Value won inside the window per opportunity created in it, in the earlier windows. */
  won_per_created: number;
  windows: { created_from: string; won_from: string; to: string; created: number; won_value: number }[];
}

export interface CoreResult {
  total: Part;
  groups: Map<string | null, Part>;
  stages: StageForecast[];
  /** Factor applied to the pipeline part (1 unless a month is calibrated on the same month of earlier quarters). */
  calibration: number;
  newBusiness: NewBusinessInfo;
  training: { snapshots_from: string; opportunities: number };
  warnings: string[];
}

/** Revenue KPI of [from, to] (both inclusive), total or by a dimension. */
export async function revenueOf(e: Engine, from: string, to: string, by: Dim | null = null): Promise<Map<string | null, number>> {
  const r = await runKpiQuery(e.store, { kpis: ['revenue'], from, to, asOf: e.cal.asOf, ...e.kpiBase, by: by ? [by] : [] });
  const out = new Map<string | null, number>();
  for (const row of r.rows) {
    if (row.status === 'missing_fx_rate') throw new UserError('missing_fx_rate', row.message ?? 'an exchange rate is missing');
    const key = by ? (row.group[by] ?? null) : null;
    out.set(key, (out.get(key) ?? 0) + (row.value ?? 0));
  }
  return out;
}

/** Money to the cent and fractions to 6 decimals, as the result reports them. */
export const cents = (x: number) => Math.round(x * 100) / 100 || 0;
export const frac = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6 || 0);

const AGE_ORDER = [...AGE_BUCKETS, 0].map((_, i) => ageBucketLabel(i));
const emptyPart = (): Part => ({ won_so_far: 0, open_count: 0, open_value: 0, from_pipeline: 0, from_new_business: 0, expected: 0, low: 0, high: 0, weighted_pipeline: 0 });
const maxDate = (a: string, b: string) => (a > b ? a : b);

/**
 * Months step back a quarter at a time, so that each earlier window sits in the same month of its
 * quarter (wins cluster at quarter ends); other periods step back one period at a time.
 */
const strideOf = (p: Period) => (p.grain === 'month' ? 3 : 1);

/** The window of `period` seen from T (created from T, won from the later of T and the start), and the same part of earlier periods. */
function windowsFor(e: Engine, period: Period, cut: string, first: string): NewBusinessWindow[] {
  const lead = Math.max(0, daysBetween(cut, period.start));
  const remaining = daysBetween(maxDate(cut, period.start), period.end);
  const out: NewBusinessWindow[] = [];
  let p = period;
  for (let k = 0; k < 60 && out.length < e.tuning.windows; k++) {
    for (let i = 0; i < strideOf(period); i++) p = previousPeriod(p, e.cal);
    const wonFrom = cut <= period.start ? p.start : maxDate(p.start, addDays(p.end, -remaining));
    const w = { createdFrom: addDays(wonFrom, -lead), wonFrom, end: p.end };
    if (w.end > cut) continue; // its outcome is not known at T yet
    if (w.createdFrom < first) break;
    out.push(w);
  }
  return out;
}

function pipelineValue(cells: readonly PipelineCell[], model: WinModel, d0: number, d1: number): { expected: number; variance: number } {
  let expected = 0;
  let variance = 0;
  for (const c of cells) {
    const { p } = model.probability(c, d0, d1);
    expected += c.value * p;
    variance += c.valueSq * p * (1 - p);
  }
  return { expected, variance };
}

/**
 * The forecast of `period` as it stands at the start of the `cut` day (T, local midnight). `live`
 * marks today's forecast, where an open opportunity without stage history takes its record's stage.
 */
export async function forecastAt(e: Engine, period: Period, cut: string, live: boolean): Promise<CoreResult> {
  const warnings: string[] = [];
  const by = e.sel.by;
  const groups = new Map<string | null, Part>();
  const part = (g: string | null) => groups.get(g) ?? groups.set(g, emptyPart()).get(g)!;
  const total = emptyPart();
  const variance = new Map<string | null, number>();
  const addVariance = (g: string | null, v: number) => variance.set(g, (variance.get(g) ?? 0) + v);
  let totalVariance = 0;
  if (cut > period.start) {
    for (const [g, v] of await revenueOf(e, period.start, addDays(cut, -1), by)) {
      if (by) part(g).won_so_far += v;
      total.won_so_far += v;
    }
  }
  const result: CoreResult = {
    total,
    groups,
    stages: [],
    calibration: 1,
    newBusiness: { expected_created: 0, volume_basis: 'recent_rate', won_per_created: 0, windows: [] },
    training: { snapshots_from: cut, opportunities: 0 },
    warnings,
  };
  const first = await firstCreatedDay(e.store, e.ctx, e.sel);
  if (first === null && live) warnings.push('no opportunities to learn from or to forecast (check the filters and the access scope)');
  if (cut < period.end && first !== null && first < cut) {
    // The open pipeline.
    const weeks = Math.min(e.tuning.weeks, Math.floor(daysBetween(first, cut) / 7));
    const table = await hazardTable(e.store, e.ctx, e.sel, cut, weeks);
    const model = new WinModel(table.rows, table.sizes, e.tuning.shrink);
    result.training = { snapshots_from: addDays(cut, -7 * weeks), opportunities: model.opportunities({ stage: null, age: null }) };
    if (weeks === 0) warnings.push(`less than a week of history before ${cut}: the open pipeline cannot be valued`);
    const d0 = Math.max(0, daysBetween(cut, period.start));
    const d1 = daysBetween(cut, period.end);
    const cells = await openPipeline(e.store, e.ctx, e.sel, cut, live);
    const byStage = new Map<string, StageForecast>();
    for (const c of cells) {
      if (c.fxMissing > 0) warnings.push(`${c.fxMissing} open opportunities in ${c.fxNote} have no exchange rate on or before ${addDays(cut, -1)} and count as 0`);
      const { expected, variance: v } = pipelineValue([c], model, d0, d1);
      const stagePr = model.probability({ stage: c.stage, age: null }, d0, d1);
      const weighted = c.value * (c.crmProbability ?? stagePr.pWin);
      for (const t of by ? [total, part(c.group)] : [total]) {
        t.open_count += c.count;
        t.open_value += c.value;
        t.from_pipeline += expected;
        t.weighted_pipeline += weighted;
      }
      if (by) addVariance(c.group, v);
      totalVariance += v;
      const s = byStage.get(c.stage) ?? { stage: c.stage, count: 0, value: 0, p_win: stagePr.pWin, p_in_time: stagePr.pInTime, crm_probability: c.crmProbability, expected: 0, ages: [] };
      s.count += c.count;
      s.value += c.value;
      s.expected += expected;
      const label = ageBucketLabel(c.age);
      let a = s.ages.find((x) => x.age === label);
      if (!a) {
        const pr = model.probability(c, d0, d1);
        s.ages.push((a = { age: label, count: 0, value: 0, p_win: pr.pWin, p_in_time: pr.pInTime, expected: 0 }));
      }
      a.count += c.count;
      a.value += c.value;
      a.expected += expected;
      byStage.set(c.stage, s);
    }
    result.stages = [...byStage.values()];
    for (const st of result.stages) st.ages.sort((x, y) => AGE_ORDER.indexOf(x.age) - AGE_ORDER.indexOf(y.age));
    // The same part of earlier periods: new business, and for months a calibration of the pipeline part.
    const past = windowsFor(e, period, cut, first);
    const rows = await newBusiness(e.store, e.ctx, e.sel, past);
    const sumOf = (k: number, f: (r: (typeof rows)[number]) => number, g?: string | null) =>
      rows.filter((r) => r.window === k && (g === undefined || r.group === g)).reduce((acc, r) => acc + f(r), 0);
    if (strideOf(period) > 1 && past.length) {
      let predicted = 0;
      let realised = 0;
      let noise = 0;
      for (const [k, w] of past.entries()) {
        const then = pipelineValue(await openPipeline(e.store, e.ctx, e.sel, w.createdFrom, false), model, daysBetween(w.createdFrom, w.wonFrom), daysBetween(w.createdFrom, w.end));
        predicted += then.expected;
        noise += then.variance;
        realised += sumOf(k, (r) => r.pipelineWon);
      }
      const c = shrinkCalibration(realised, predicted, noise);
      result.calibration = c;
      for (const t of [total, ...groups.values()]) t.from_pipeline *= c;
      totalVariance *= c * c;
      for (const [g, v] of variance) variance.set(g, v * c * c);
    }
    // Opportunities expected to be created in the window: the recent creation rate, or — when the history reaches a
    // year back — the recent count scaled by how last year's same window compared with the days before it.
    const vol = e.tuning.volumeDays;
    const targetDays = daysBetween(cut, period.end);
    const ly = (d: string) => shiftMonthsClamped(d, -12);
    const lastYear = addDays(ly(cut), -vol) >= first;
    const spans = [{ from: addDays(cut, -vol), to: cut }];
    if (lastYear) spans.push({ from: ly(cut), to: ly(period.end) }, { from: addDays(ly(cut), -vol), to: ly(cut) });
    // How far off the recent rate was for the earlier windows gives the uncertainty of the volume.
    const checked = past.filter((w) => addDays(w.createdFrom, -vol) >= first);
    spans.push(...checked.map((w) => ({ from: addDays(w.createdFrom, -vol), to: w.createdFrom })));
    const counts = await createdCounts(e.store, e.ctx, e.sel, spans);
    const recentDays = Math.min(vol, daysBetween(first, cut));
    const volume = lastYear && counts[2] > 0 ? (counts[0] * counts[1]) / counts[2] : (counts[0] * targetDays) / recentDays;
    const misses = checked
      .map((w, i) => ({ predicted: (counts[spans.length - checked.length + i] * daysBetween(w.createdFrom, w.end)) / vol, actual: sumOf(past.indexOf(w), (r) => r.created) }))
      .filter((m) => m.actual > 0)
      .map((m) => (m.predicted / m.actual - 1) ** 2);
    const volumeCv2 = misses.length ? misses.reduce((a, x) => a + x, 0) / misses.length : 0;
    const samples = (g?: string | null) => past.map((_, k) => ({ created: sumOf(k, (r) => r.created), value: sumOf(k, (r) => r.value, g), valueSq: sumOf(k, (r) => r.valueSq, g) }));
    const nb = newBusinessEstimate(samples(), volume);
    total.from_new_business = nb.expected;
    totalVariance += nb.variance + nb.expected ** 2 * volumeCv2;
    if (by) {
      for (const g of new Set(rows.map((r) => r.group))) {
        const est = newBusinessEstimate(samples(g), volume);
        part(g).from_new_business = est.expected;
        addVariance(g, est.variance + est.expected ** 2 * volumeCv2);
      }
    }
    result.newBusiness = {
      expected_created: volume,
      volume_basis: lastYear ? 'last_year' : 'recent_rate',
      won_per_created: nb.perCreated,
      windows: past.map((w, k) => ({ created_from: w.createdFrom, won_from: w.wonFrom, to: addDays(w.end, -1), created: sumOf(k, (r) => r.created), won_value: sumOf(k, (r) => r.value) })),
    };
    if (!past.length) warnings.push(`no earlier period before ${cut} has the history to learn new business from; the forecast counts only the open pipeline`);
  }
  const finish = (t: Part, v: number) => {
    t.expected = t.won_so_far + t.from_pipeline + t.from_new_business;
    const iv = interval80(t.won_so_far, t.from_pipeline + t.from_new_business, v);
    t.low = iv.low;
    t.high = iv.high;
  };
  finish(total, totalVariance);
  for (const [g, t] of groups) finish(t, variance.get(g) ?? 0);
  return result;
}
