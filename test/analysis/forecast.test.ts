// forecast: the win/timing model on known data, a hand-computed forecast, no leakage in the
// backtest, and the demo store's backtest against both baselines.
import { testDb } from '../helpers/test-store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeWith } from '../fixtures/kpi/store.js';
import { KNOWN, handData, handDataLater, knownWinRateData } from '../fixtures/forecast/stores.js';
import { forecastRevenue, type ForecastResult } from '../../src/analysis/forecast.js';
import { Z80, curveOf, interval80, newBusinessEstimate, shrinkCalibration } from '../../src/analysis/forecast-model.js';
import { runKpiQuery } from '../../src/query/engine.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { isUserError } from '../../src/util/errors.js';
import { runCli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/tmp.js';

describe('the model’s arithmetic', () => {
  it('cumulative incidence with competing risks and censoring (hand-computed)', () => {
    // 8 observations: on day 3 two are won and two lost; two are censored at day 7 (observed through day 6);
    // on day 10 one is won and one lost. Day 3: 8 at risk → CIF_won = 2/8, survival 1/2. Day 10: 2 at risk →
    // CIF_won = 1/4 + 1/2 · 1/2 = 1/2, CIF_lost the same.
    const c = curveOf([
      { day: 3, outcome: 'won', n: 2 },
      { day: 3, outcome: 'lost', n: 2 },
      { day: 7, outcome: 'open', n: 2 },
      { day: 10, outcome: 'won', n: 1 },
      { day: 10, outcome: 'lost', n: 1 },
    ], 8);
    expect(c.won[3]).toBe(0); // within 3 days: closes on day 3 are not yet in
    expect(c.won[4]).toBe(0.25);
    expect(c.won[10]).toBe(0.25);
    expect(c.won[11]).toBe(0.5);
    expect(c.lost[11]).toBe(0.5);
  });

  it('new business: volume × value won per opportunity created, with compound-Poisson and rate variance', () => {
    // Two windows: 100 created, 5,000 won (Σv² 1e7); 200 created, 6,000 won (Σv² 2e7). Rate = 11,000 / 300;
    // the windows' rates 50 and 30 spread around it: s² = ((50 − r)² + (30 − r)²) / 1, divided by 2 windows.
    const e = newBusinessEstimate([{ created: 100, value: 5000, valueSq: 1e7 }, { created: 200, value: 6000, valueSq: 2e7 }], 150);
    const r = 11000 / 300;
    expect(e.perCreated).toBeCloseTo(r, 12);
    expect(e.expected).toBeCloseTo(150 * r, 9);
    const spread = ((50 - r) ** 2 + (30 - r) ** 2) / 2;
    expect(e.variance).toBeCloseTo(150 * (3e7 / 300) + 150 ** 2 * spread, 6);
    expect(newBusinessEstimate([], 150)).toEqual({ perCreated: 0, expected: 0, variance: 0 });
  });

  it('calibration is shrunk toward 1 by its noise; the interval never goes below what is won', () => {
    expect(shrinkCalibration(90, 100, 0)).toBe(0.9);
    // Noise variance (sd 15% of the prediction) equal to the prior: halfway.
    expect(shrinkCalibration(90, 100, 225)).toBeCloseTo(0.95, 12);
    expect(shrinkCalibration(5, 0, 1)).toBe(1);
    expect(interval80(100, 50, 400)).toEqual({ low: 100 + 50 - Z80 * 20, high: 100 + 50 + Z80 * 20 });
    expect(interval80(100, 10, 400).low).toBe(100);
  });
});

describe('forecastRevenue on a history with a known win probability', () => {
  let store: Store;
  beforeAll(async () => {
    store = await storeWith(knownWinRateData());
  });
  afterAll(() => store.close());

  it('recovers P(win) = 0.3 within ±0.03 (3 standard errors of 2,000 deals) and the expected pipeline value', async () => {
    // The quarter (92 days) outlasts every close (at most 40 days after creation): P(in time) = 1 and the
    // pipeline is worth 500 × 1,000 × 0.3 = 150,000.
    const r = await forecastRevenue(store, { period: '2026-Q4', asOf: KNOWN.asOf });
    const qual = r.forecast.stages.find((s) => s.stage === 'Qual')!;
    expect(qual.count).toBe(KNOWN.open);
    expect(Math.abs(qual.p_win - KNOWN.pWin)).toBeLessThan(0.03);
    expect(qual.p_in_time).toBeGreaterThan(0.99);
    const truth = KNOWN.open * KNOWN.amount * KNOWN.pWin;
    expect(Math.abs(r.forecast.from_pipeline - truth) / truth).toBeLessThan(0.1);
    expect(r.forecast.won_so_far).toBe(0);
    expect(r.forecast.weighted_pipeline).toBe(KNOWN.open * KNOWN.amount * 0.1);
    expect(r.forecast.expected).toBeCloseTo(r.forecast.won_so_far + r.forecast.from_pipeline + r.forecast.from_new_business, 1);
    expect(r.forecast.low).toBeLessThan(r.forecast.expected);
    expect(r.forecast.high).toBeGreaterThan(r.forecast.expected);
  });

  it('recovers the timing: deals 3.5 days old close 6.5–36.5 days on, so 16.5/30 of them within 23 days', async () => {
    // Truth: 500 × 1,000 × 0.3 × 0.55 = 82,500; tolerance ±15% (the error of P(win) plus the age bucket's spread).
    const r = await forecastRevenue(store, { from: '2026-10-01', to: '2026-10-23', asOf: KNOWN.asOf });
    const truth = KNOWN.open * KNOWN.amount * KNOWN.pWin * (16.5 / 30);
    expect(Math.abs(r.forecast.from_pipeline - truth) / truth).toBeLessThan(0.15);
  });
});

describe('forecastRevenue by hand', () => {
  // Snapshots at 09-17 and 09-24 (and 09-10, before anything was open). In the cell (S, 7–20 days):
  // day 3 won 2,000 and lost 2,000 of 6,000, day 10 won 1,000 and lost 1,000 → CIF_won(92) = 1/3 + 1/3 · 1/2 = 1/2.
  // In the cell (S, 0–6 days) only E, censored at T → CIF 0, shrunk toward the stage (1/2) with weight 25 against
  // 1 opportunity: 25 · 0.5 / 26. E (2,000, 11 days old) is worth 1,000; F (4,000, 1 day old) 4,000 · 12.5/26.
  const pF = (25 * 0.5) / 26;
  const expectedE = 2000 * 0.5;
  const expectedF = 4000 * pF;
  const cents = (x: number) => Math.round(x * 100) / 100;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    a = await storeWith(handData());
    b = await storeWith(handDataLater());
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('values the open pipeline, the interval and the CRM baseline as computed by hand', async () => {
    const r = await forecastRevenue(a, { period: '2026-Q4', asOf: '2026-09-30' });
    expect(r.forecast).toMatchObject({
      period: '2026-Q4',
      from: '2026-10-01',
      to: '2026-12-31',
      won_so_far: 0,
      open_count: 2,
      open_value: 6000,
      from_pipeline: cents(expectedE + expectedF),
      from_new_business: 0,
      expected: cents(expectedE + expectedF),
      weighted_pipeline: 1200,
    });
    const sd = Math.sqrt(2000 ** 2 * 0.25 + 4000 ** 2 * pF * (1 - pF));
    expect(r.forecast.low).toBe(cents(expectedE + expectedF - Z80 * sd));
    expect(r.forecast.high).toBe(cents(expectedE + expectedF + Z80 * sd));
    // F's cell: won and lost both shrunk to 25 · 0.5 / 26, so P(win) = 0.5 and P(in time) = (12.5/26) / 0.5.
    expect(r.forecast.stages).toEqual([
      {
        stage: 'S', count: 2, value: 6000, p_win: 0.5, p_in_time: 1, crm_probability: 0.2, expected: cents(expectedE + expectedF),
        ages: [
          { age: '0-6 days', count: 1, value: 4000, p_win: 0.5, p_in_time: Math.round((pF / 0.5) * 1e6) / 1e6, expected: cents(expectedF) },
          { age: '7-20 days', count: 1, value: 2000, p_win: 0.5, p_in_time: 1, expected: expectedE },
        ],
      },
    ]);
    expect(r.warnings.some((w) => w.includes('new business'))).toBe(true);
  });

  it('splits by rep: E belongs to R1, F to R2', async () => {
    const r = await forecastRevenue(a, { period: '2026-Q4', asOf: '2026-09-30', by: 'rep' });
    expect(r.forecast.groups.map((g) => [g.group.rep, g.expected, g.open_count])).toEqual([['R1', expectedE, 1], ['R2', cents(expectedF), 1]]);
    expect(r.forecast.expected).toBe(cents(expectedE + expectedF));
  });

  it('reads only the reps in scope', async () => {
    const r = await forecastRevenue(a, { period: '2026-Q4', asOf: '2026-09-30', scope: { reps: ['R2'] } });
    // Only F is visible, and no history: the model falls back to nothing learned.
    expect(r.forecast.open_count).toBe(1);
    expect(r.forecast.open_value).toBe(4000);
  });

  it('does not leak: what happened after the as-of moment changes no forecast', async () => {
    const fields = (r: ForecastResult) => ({ ...r.forecast, as_of: null });
    const ra = await forecastRevenue(a, { period: '2026-Q4', asOf: '2026-09-30' });
    const rb = await forecastRevenue(b, { period: '2026-Q4', asOf: '2026-09-30' });
    expect(fields(rb)).toEqual(fields(ra));
    // The backtest of 2026-Q4 (as of its first day) seen from 2027: same forecast, different actual.
    const ba = await forecastRevenue(a, { period: '2027-Q1', asOf: '2027-01-15', backtest: 1 });
    const bb = await forecastRevenue(b, { period: '2027-Q1', asOf: '2027-01-15', backtest: 1 });
    const [rowA] = ba.backtest!.rows;
    const [rowB] = bb.backtest!.rows;
    expect(rowA.period).toBe('2026-Q4');
    expect(rowB.forecast).toBe(rowA.forecast);
    expect([rowB.low, rowB.high, rowB.weighted_pipeline]).toEqual([rowA.low, rowA.high, rowA.weighted_pipeline]);
    expect(rowB.forecast).toBe(cents(expectedE + expectedF));
    expect(rowA.actual).toBe(0);
    expect(rowB.actual).toBe(2000 + 5000);
    // The data starts in September, so the quarter before 2026-Q4 is not whole: not compared.
    expect([rowA.skipped, rowB.skipped]).toEqual(['less than a full period of history before it: data from 2026-09-10', 'less than a full period of history before it: data from 2026-09-10']);
    expect([ba.backtest!.evaluated, bb.backtest!.evaluated]).toEqual([0, 0]);
    // Compared all the same (tests only), 2026-Q4 has revenue seen from 2027 and none before.
    const loose = { tuning: { fullHistory: false } };
    const ca = await forecastRevenue(a, { period: '2027-Q1', asOf: '2027-01-15', backtest: 1, ...loose });
    const cb = await forecastRevenue(b, { period: '2027-Q1', asOf: '2027-01-15', backtest: 1, ...loose });
    expect(cb.backtest!.rows[0].forecast).toBe(ca.backtest!.rows[0].forecast);
    expect(ca.backtest!.rows[0].skipped).toBe('no revenue in the period');
    expect([ca.backtest!.evaluated, cb.backtest!.evaluated]).toEqual([0, 1]);
  });

  it('backtest arithmetic by hand: errors, MAPE, bias and both baselines (history rule off for this tiny store)', async () => {
    const r = await forecastRevenue(b, { period: '2027-Q1', asOf: '2027-01-15', backtest: 3, tuning: { fullHistory: false } });
    const bt = r.backtest!;
    expect(bt).toMatchObject({ periods: 3, evaluated: 2 });
    expect(bt.rows.map((x) => x.period)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    // 2026-Q2 had no revenue: skipped and said so. 2026-Q3: nothing to learn from on 07-01 (forecast 0) against
    // A + C = 2,000. 2026-Q4: 2,923.08 (by hand) against E + G = 7,000, with 2,000 the quarter before.
    expect(bt.rows[0]).toMatchObject({ skipped: 'no revenue in the period', error: null });
    expect(bt.rows[1]).toMatchObject({ actual: 2000, forecast: 0, error: -1, last_period: 0 });
    expect(bt.rows[2]).toMatchObject({ actual: 7000, forecast: 2923.08, last_period: 2000, weighted_pipeline: 1200 });
    const e4 = (2923.08 - 7000) / 7000;
    expect(bt.model.mape).toBeCloseTo((1 - e4) / 2, 6);
    expect(bt.model.bias).toBeCloseTo((-1 + e4) / 2, 6);
    expect(bt.baselines.weighted_pipeline.mape).toBeCloseTo((1 + 5800 / 7000) / 2, 6);
    expect(bt.baselines.last_period).toEqual({ mape: 0.857143, bias: -0.857143 });
    expect(bt.beats_baselines).toEqual({ weighted_pipeline: true, last_period: true });
    expect(bt.summary).toMatch(/Skipped: 2026-Q2 \(no revenue in the period\)/);
  });

  it('refuses bad options with a clear message', async () => {
    const bad = [
      [{ backtest: 0 }, /--backtest: expected a whole number of periods from 1 to 36, got "0"/],
      [{ backtest: 2.5 }, /--backtest/],
      [{ by: 'product' }, /--by: the forecast can be split by rep, team, .*; got "product"/],
      [{ period: 'someday' }, /period "someday"/],
      [{ filters: { product: ['P1'] } }, /cannot be filtered by "product"/],
    ] as const;
    for (const [opts, message] of bad) {
      const e = await forecastRevenue(a, { asOf: '2026-09-30', ...opts }).catch((x: unknown) => x);
      expect(isUserError(e), JSON.stringify(opts)).toBe(true);
      expect((e as Error).message).toMatch(message);
    }
  });
});

describe('forecastRevenue on the demo store (as of 2026-11-23)', () => {
  const tmp = useTempDir('quotient-forecast-');
  let store: Store;
  beforeAll(async () => {
    const db = testDb(tmp, 'demo.duckdb');
    const demo = await runCli(['--db', db, 'demo', '--as-of', '2026-11-23']);
    expect(demo.code).toBe(0);
    store = await openStore(db);
  });
  afterAll(() => store?.close());

  it('beats both baselines on the last 8 months', async () => {
    const r = await forecastRevenue(store, { period: 'this_month', asOf: '2026-11-23', backtest: 8 });
    const b = r.backtest!;
    expect(b.evaluated).toBe(8);
    expect(b.model.mape!).toBeLessThan(b.baselines.weighted_pipeline.mape!);
    expect(b.model.mape!).toBeLessThan(b.baselines.last_period.mape!);
    expect(b.beats_baselines).toEqual({ weighted_pipeline: true, last_period: true });
    expect(b.summary).toMatch(/beats both baselines/);
  });

  it('on quarters: beats both over 6 quarters, the weighted pipeline over the last 4', async () => {
    // 2025-Q4 … 2026-Q3 were unusually flat (16.8M, 16.7M, 17.9M, 18.2M), so repeating the last quarter
    // was off by only 3% there; over six quarters, and on other demo seeds, the model does better.
    const four = (await forecastRevenue(store, { period: 'this_quarter', asOf: '2026-11-23', backtest: 4 })).backtest!;
    expect(four.rows.map((x) => x.period)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    expect(four.model.mape!).toBeLessThan(four.baselines.weighted_pipeline.mape!);
    expect(four.model.mape!).toBeLessThan(0.12);
    const six = (await forecastRevenue(store, { period: 'this_quarter', asOf: '2026-11-23', backtest: 6 })).backtest!;
    expect(six.beats_baselines).toEqual({ weighted_pipeline: true, last_period: true });
    // As the product's own example asks (--backtest 8): the demo's first two quarters have no whole
    // quarter of data before them, so six are compared, and the model beats both.
    const eight = (await forecastRevenue(store, { period: 'this_quarter', asOf: '2026-11-23', backtest: 8 })).backtest!;
    expect([eight.periods, eight.evaluated]).toEqual([8, 6]);
    expect(eight.rows.filter((x) => x.skipped).map((x) => x.period)).toEqual(['2024-Q4', '2025-Q1']);
    expect(eight.beats_baselines).toEqual({ weighted_pipeline: true, last_period: true });
    expect(eight.model.mape!).toBeLessThan(0.1);
  });

  it('won so far is the revenue KPI up to as-of, and the split adds up to the total', async () => {
    const r = await forecastRevenue(store, { period: 'this_quarter', asOf: '2026-11-23', by: 'team' });
    const kpi = await runKpiQuery(store, { kpis: ['revenue'], from: '2026-10-01', to: '2026-11-23', asOf: '2026-11-23' });
    expect(r.forecast.won_so_far).toBe(kpi.rows[0].value);
    const qtd = await runKpiQuery(store, { kpis: ['revenue'], period: 'qtd', asOf: '2026-11-23' });
    expect(r.forecast.won_so_far).toBe(qtd.rows[0].value);
    expect(r.forecast.groups.length).toBe(4);
    const sum = (k: 'won_so_far' | 'expected' | 'open_value') => r.forecast.groups.reduce((a, g) => a + g[k], 0);
    expect(sum('won_so_far')).toBeCloseTo(r.forecast.won_so_far, 1);
    expect(sum('open_value')).toBeCloseTo(r.forecast.open_value, 1);
    expect(sum('expected')).toBeCloseTo(r.forecast.expected, 0);
    expect(r.forecast.expected).toBeGreaterThan(r.forecast.won_so_far);
    expect(r.forecast.low).toBeLessThan(r.forecast.expected);
    expect(r.forecast.high).toBeGreaterThan(r.forecast.expected);
  });

  it('gives the same result every time', async () => {
    const x = await forecastRevenue(store, { period: 'this_quarter', asOf: '2026-11-23', backtest: 2 });
    const y = await forecastRevenue(store, { period: 'this_quarter', asOf: '2026-11-23', backtest: 2 });
    expect(JSON.stringify(y)).toBe(JSON.stringify(x));
  });
});
