// Revenue forecast of a period (`quotient forecast`, later the HTTP API), with a backtest.
//
// expected = won so far (the revenue KPI from the period's start to as-of)
//          + Σ open opportunity value × P(won inside the period | stage, age), learned from the
//            store's own history before as-of (forecast-model.ts, forecast-data.ts)
//          + new business: what opportunities not yet created will win inside the period
//            (expected creation volume × value won per opportunity created, from earlier periods);
// with an 80% interval (forecast-core.ts). The backtest (forecast-backtest.ts) replays it as of
// the first day of each of the last N complete periods of the same kind. The result is plain,
// deterministic JSON: the CLI prints it with --format json as it is.
import { OPP_DIMS, type Dim } from '../metrics/types.js';
import { engineContext } from '../query/engine.js';
import { addDays } from '../query/periods.js';
import { resolveQuery, type Scope } from '../query/query.js';
import { stageOrder } from '../query/stage-order.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { runBacktest, type Backtest } from './forecast-backtest.js';
import { DEFAULT_TUNING, cents, forecastAt, frac, type Engine, type ForecastTuning, type NewBusinessInfo, type Part, type StageForecast } from './forecast-core.js';
import { AGE_BUCKETS, SHRINK, ageBucketLabel } from './forecast-model.js';

export const FORECAST_DIMS: readonly Dim[] = OPP_DIMS;
export const MAX_BACKTEST = 36;

export interface ForecastOptions {
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  by?: string;
  backtest?: number;
  scope?: Scope;
  filters?: Readonly<Record<string, readonly string[]>>;
  /** Model constants (tests and experiments only). */
  tuning?: Partial<ForecastTuning>;
}

export interface ForecastFigures {
  expected: number;
  low: number;
  high: number;
  won_so_far: number;
  from_pipeline: number;
  from_new_business: number;
  open_count: number;
  open_value: number;
  weighted_pipeline: number;
}

export type { Accuracy, Backtest, BacktestRow } from './forecast-backtest.js';

export interface ForecastResult {
  query: {
    period: string;
    from: string;
    to: string;
    as_of: string;
    by: string | null;
    filters: Record<string, string[]>;
    scope: { reps: readonly string[] | 'all' };
    currency: string;
    timezone: string;
  };
  forecast: ForecastFigures & {
    period: string;
    from: string;
    to: string;
    as_of: string;
    /** The interval's coverage: 0.8 (10% below low, 10% above high). */
    interval: number;
    stages: StageForecast[];
    groups: (ForecastFigures & { group: Record<string, string | null> })[];
    /** Factor on the pipeline part: for a month, how the model did on the same month of earlier quarters (shrunk toward 1); else 1. */
    pipeline_calibration: number;
    new_business: NewBusinessInfo;
  };
  backtest: Backtest | null;
  method: { model: string; interval: string; backtest: string; age_buckets: string[]; shrinkage: number; training: { snapshots_from: string; opportunities: number } };
  warnings: string[];
}


function figures(p: Part): ForecastFigures {
  return {
    expected: cents(p.expected),
    low: cents(p.low),
    high: cents(p.high),
    won_so_far: cents(p.won_so_far),
    from_pipeline: cents(p.from_pipeline),
    from_new_business: cents(p.from_new_business),
    open_count: p.open_count,
    open_value: cents(p.open_value),
    weighted_pipeline: cents(p.weighted_pipeline),
  };
}

function checkOptions(o: ForecastOptions): { by: Dim | null; backtest: number } {
  let by: Dim | null = null;
  if (o.by !== undefined && o.by !== '') {
    if (!(FORECAST_DIMS as readonly string[]).includes(o.by)) {
      throw new UserError('bad_argument', `--by: the forecast can be split by ${FORECAST_DIMS.join(', ')}; got "${o.by}"`, { by: o.by, valid: FORECAST_DIMS });
    }
    by = o.by as Dim;
  }
  const backtest = o.backtest ?? 0;
  if (o.backtest !== undefined && (!Number.isInteger(backtest) || backtest < 1 || backtest > MAX_BACKTEST)) {
    throw new UserError('bad_argument', `--backtest: expected a whole number of periods from 1 to ${MAX_BACKTEST}, got "${o.backtest}"`);
  }
  return { by, backtest };
}

export async function forecastRevenue(store: Store, o: ForecastOptions): Promise<ForecastResult> {
  const { by, backtest } = checkOptions(o);
  const env = await engineContext(store);
  const q = resolveQuery({ kpis: ['revenue'], period: o.period, from: o.from, to: o.to, asOf: o.asOf, filters: o.filters, scope: o.scope }, env.fiscalYearStartMonth, env.today);
  const scope = q.scope;
  const e: Engine = {
    store,
    ctx: env.ctx,
    cal: q.cal,
    sel: { scope, filters: q.filters, by },
    kpiBase: { filters: o.filters, scope },
    tuning: { ...DEFAULT_TUNING, ...o.tuning },
  };
  const period = q.period;
  const asOf = q.cal.asOf;
  // T: the end of the as-of day, but no later than the period's end.
  const liveCut = addDays(asOf, 1) < period.end ? addDays(asOf, 1) : period.end;
  const now = await forecastAt(e, period, liveCut, true);
  const order = new Map((await stageOrder(store)).map((s, i) => [s.stage, i]));
  const stages = now.stages
    .map((s) => ({
      ...s,
      value: cents(s.value),
      expected: cents(s.expected),
      p_win: frac(s.p_win)!,
      p_in_time: frac(s.p_in_time)!,
      ages: s.ages.map((a) => ({ ...a, value: cents(a.value), expected: cents(a.expected), p_win: frac(a.p_win)!, p_in_time: frac(a.p_in_time)! })),
    }))
    .sort((a, b) => (order.get(a.stage) ?? 1e9) - (order.get(b.stage) ?? 1e9) || (a.stage < b.stage ? -1 : 1));
  const groups = by
    ? [...now.groups.entries()]
        .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
        .map(([g, p]) => ({ group: { [by]: g }, ...figures(p) }))
    : [];
  const warnings = [...now.warnings];
  const result: ForecastResult = {
    query: {
      period: period.label,
      from: period.start,
      to: addDays(period.end, -1),
      as_of: asOf,
      by,
      filters: Object.fromEntries(q.filters.map((f) => [f.dim, [...f.values]])),
      scope: { reps: scope.reps },
      currency: env.settings.currency,
      timezone: env.settings.timezone,
    },
    forecast: {
      period: period.label,
      from: period.start,
      to: addDays(period.end, -1),
      as_of: asOf,
      interval: 0.8,
      ...figures(now.total),
      stages,
      groups,
      pipeline_calibration: frac(now.calibration)!,
      new_business: {
        ...now.newBusiness,
        expected_created: Math.round(now.newBusiness.expected_created * 100) / 100,
        won_per_created: cents(now.newBusiness.won_per_created),
        windows: now.newBusiness.windows.map((w) => ({ ...w, won_value: cents(w.won_value) })),
      },
    },
    backtest: backtest > 0 ? await runBacktest(e, period, liveCut, backtest, warnings) : null,
    method: {
      model:
        'expected = won so far (the revenue KPI) + Σ open value × P(won inside the period | stage, age) + new business. ' +
        'The probabilities are learned from weekly snapshots of the pipeline before as-of: survival curves of winning and losing (competing risks, still-open deals censored at as-of), weighted by deal value, per stage × age bucket, thin cells shrunk toward their stage. ' +
        'A month’s pipeline part is calibrated on the same month of the earlier quarters (wins cluster at quarter ends). ' +
        'New business = opportunities expected to be created before the period ends (the recent creation rate, shaped like last year when the history reaches back a year) × the value won inside the period per opportunity created in the same part of the earlier periods.',
      interval: '80%: ±1.28 standard deviations of the Bernoulli variance of the open opportunities plus the variance of the new business (its deals, its rate and its volume), never below what is won',
      backtest:
        'as of the first day of each of the last complete periods of the same kind, with only what was known then; actual = the revenue KPI of the period; baselines: Σ open value × the stage’s CRM probability (pipeline_stages; the learned P(win) where a stage has none) and the revenue of the period before',
      age_buckets: [...AGE_BUCKETS.map((_, i) => ageBucketLabel(i)), ageBucketLabel(AGE_BUCKETS.length)],
      shrinkage: SHRINK,
      training: now.training,
    },
    warnings: [...new Set(warnings)],
  };
  return result;
}
