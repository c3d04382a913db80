// The backtest: the forecast replayed as of the first day of each of the last N complete periods
// of the same kind, with only what was known then, against the revenue KPI of each period and two
// baselines — the stage-weighted pipeline (CRM probabilities) and the revenue of the period before.
import { addDays, previousPeriod, type Period } from '../query/periods.js';
import { cents, forecastAt, frac, revenueOf, type Engine } from './forecast-core.js';
import { firstCreatedDay } from './forecast-data.js';

export interface Accuracy {
  /** Mean |forecast − actual| ÷ actual, and mean (forecast − actual) ÷ actual, as fractions. */
  mape: number | null;
  bias: number | null;
}

export interface BacktestRow {
  period: string;
  from: string;
  to: string;
  as_of: string;
  actual: number;
  forecast: number;
  low: number;
  high: number;
  weighted_pipeline: number;
  last_period: number;
  /** (forecast − actual) ÷ actual for the model and each baseline; null when the period was skipped. */
  error: number | null;
  weighted_pipeline_error: number | null;
  last_period_error: number | null;
  skipped: string | null;
}

export interface Backtest {
  /**
   * Periods asked for, and those compared: a period is skipped when it had no revenue, or when
   * the data does not reach back over the whole period before it (the model had less than a
   * period of history to learn from, and "last period" was not a whole period).
   */
  periods: number;
  evaluated: number;
  /** coverage: the share of the compared periods whose actual fell inside the 80% interval. */
  model: Accuracy & { coverage: number | null };
  baselines: { weighted_pipeline: Accuracy; last_period: Accuracy };
  beats_baselines: { weighted_pipeline: boolean; last_period: boolean } | null;
  rows: BacktestRow[];
  summary: string;
}

function accuracy(errors: number[]): Accuracy {
  if (!errors.length) return { mape: null, bias: null };
  return { mape: frac(errors.reduce((a, x) => a + Math.abs(x), 0) / errors.length), bias: frac(errors.reduce((a, x) => a + x, 0) / errors.length) };
}

/** The last `n` complete periods of the period's kind before it, each forecast at its first day. */
export async function runBacktest(e: Engine, period: Period, liveCut: string, n: number, warnings: string[]): Promise<Backtest> {
  const periods: Period[] = [];
  for (let p = previousPeriod(period, e.cal); periods.length < n; p = previousPeriod(p, e.cal)) {
    if (p.end <= liveCut) periods.push(p);
  }
  const rows: BacktestRow[] = [];
  const errs = { model: [] as number[], weighted: [] as number[], last: [] as number[] };
  let covered = 0;
  const first = await firstCreatedDay(e.store, e.ctx, { ...e.sel, by: null });
  for (const p of periods.reverse()) {
    const prev = previousPeriod(p, e.cal);
    const young = e.tuning.fullHistory && (first === null || first > prev.start);
    const actual = (await revenueOf(e, p.start, addDays(p.end, -1))).get(null) ?? 0;
    const last = (await revenueOf(e, prev.start, addDays(prev.end, -1))).get(null) ?? 0;
    const f = await forecastAt({ ...e, sel: { ...e.sel, by: null } }, p, p.start, false);
    const row: BacktestRow = {
      period: p.label,
      from: p.start,
      to: addDays(p.end, -1),
      as_of: p.start,
      actual: cents(actual),
      forecast: cents(f.total.expected),
      low: cents(f.total.low),
      high: cents(f.total.high),
      weighted_pipeline: cents(f.total.weighted_pipeline),
      last_period: cents(last),
      error: null,
      weighted_pipeline_error: null,
      last_period_error: null,
      skipped: young ? `less than a full period of history before it: data from ${first ?? "none"}` : actual > 0 ? null : 'no revenue in the period',
    };
    if (!row.skipped) {
      row.error = frac((f.total.expected - actual) / actual);
      row.weighted_pipeline_error = frac((f.total.weighted_pipeline - actual) / actual);
      row.last_period_error = frac((last - actual) / actual);
      errs.model.push((f.total.expected - actual) / actual);
      errs.weighted.push((f.total.weighted_pipeline - actual) / actual);
      errs.last.push((last - actual) / actual);
      if (actual >= f.total.low && actual <= f.total.high) covered++;
    }
    warnings.push(...f.warnings.filter((w) => !w.startsWith('no earlier period')).map((w) => `backtest ${p.label}: ${w}`));
    rows.push(row);
  }
  const model = accuracy(errs.model);
  const weighted = accuracy(errs.weighted);
  const last = accuracy(errs.last);
  const evaluated = errs.model.length;
  const beats = evaluated && model.mape !== null ? { weighted_pipeline: model.mape < weighted.mape!, last_period: model.mape < last.mape! } : null;
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const skipped = rows.filter((r) => r.skipped).map((r) => r.period);
  let summary: string;
  const skippedText = skipped.length ? ` Skipped: ${rows.filter((r) => r.skipped).map((r) => `${r.period} (${r.skipped})`).join('; ')}.` : '';
  if (!evaluated) summary = `No backtest period could be compared.${skippedText}`;
  else {
    const both = beats!.weighted_pipeline && beats!.last_period;
    const neither = !beats!.weighted_pipeline && !beats!.last_period;
    const verdict = both ? 'beats both baselines' : neither ? 'beats neither baseline' : `beats the ${beats!.weighted_pipeline ? 'weighted pipeline' : 'last period'} baseline only`;
    summary = `Over ${evaluated} period${evaluated === 1 ? '' : 's'} the forecast was off by ${pct(model.mape)} on average (bias ${model.bias! > 0 ? '+' : ''}${pct(model.bias)}) and ${verdict}: weighted pipeline ${pct(weighted.mape)}, last period ${pct(last.mape)}.${skippedText}`;
  }
  return {
    periods: n,
    evaluated,
    model: { ...model, coverage: evaluated ? frac(covered / evaluated) : null },
    baselines: { weighted_pipeline: weighted, last_period: last },
    beats_baselines: beats,
    rows,
    summary,
  };
}
