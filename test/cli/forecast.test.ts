// quotient forecast on a store file holding the hand-computed forecast fixture.
import { describe, expect, it } from 'vitest';
import { useCliStore } from '../fixtures/kpi/cli-store.js';
import { handDataLater } from '../fixtures/forecast/stores.js';

const run = useCliStore(handDataLater());

describe('quotient forecast', () => {
  it('prints ONE JSON object with the forecast and the backtest', async () => {
    const r = await run('forecast', '--period', '2027-Q1', '--as-of', '2027-01-15', '--backtest', '3', '--format', 'json');
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out);
    expect(Object.keys(o)).toEqual(['query', 'forecast', 'backtest', 'method', 'warnings']);
    for (const k of ['period', 'expected', 'low', 'high', 'won_so_far']) expect(o.forecast).toHaveProperty(k);
    expect(o.forecast.period).toBe('2027-Q1');
    expect(o.forecast.interval).toBe(0.8);
    expect(o.backtest).toMatchObject({ periods: 3, evaluated: 0 });
    expect(o.backtest.rows.map((x: { period: string }) => x.period)).toEqual(['2026-Q2', '2026-Q3', '2026-Q4']);
    for (const k of ['mape', 'bias']) {
      expect(o.backtest.model).toHaveProperty(k);
      expect(o.backtest.baselines.weighted_pipeline).toHaveProperty(k);
      expect(o.backtest.baselines.last_period).toHaveProperty(k);
    }
    // The data starts on 2026-09-10: no quarter before it is whole, so none is compared, and it says
    // why (the backtest arithmetic itself is checked in test/analysis/forecast.test.ts).
    for (const row of o.backtest.rows) expect(row).toMatchObject({ skipped: 'less than a full period of history before it: data from 2026-09-10', error: null });
    expect(o.backtest.rows[2]).toMatchObject({ actual: 7000, forecast: 2923.08, last_period: 2000, weighted_pipeline: 1200 });
    expect(o.backtest.summary).toMatch(/^No backtest period could be compared\. Skipped: 2026-Q2 \(less than a full period/);
  });

  it('prints a table with the forecast, the stages and the backtest', async () => {
    const r = await run('forecast', '--period', '2026-Q4', '--as-of', '2026-09-30', '--by', 'rep');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Revenue forecast 2026-Q4 (2026-10-01 to 2026-12-31) as of 2026-09-30, USD');
    expect(r.out).toMatch(/Expected revenue\s+2,923\.08/);
    expect(r.out).toMatch(/S\s+2\s+6,000\.00\s+50\.0%\s+100\.0%\s+20\.0%\s+2,923\.08/);
    expect(r.out).toMatch(/R2\s+0\.00\s+1\s+4,000\.00\s+1,923\.08/);
    const b = await run('forecast', '--period', '2027-Q1', '--as-of', '2027-01-15', '--backtest', '1');
    // Not compared (the data does not cover the quarter before it), and the table says why.
    expect(b.out).toMatch(/2026-Q4\s+7,000\.00\s+2,923\.08\s+1,200\.00\s+2,000\.00\s+skipped: less than a full period of history before it: data from 2026-09-10/);
    expect(b.out).toMatch(/No backtest period could be compared/);
  });

  it('exits 2 with a clear message on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['--backtest', '0'], /--backtest: expected a whole number of periods from 1 to 36, got "0"/],
      [['--backtest', 'abc'], /--backtest: expected a whole number of periods from 1 to 36, got "abc"/],
      [['--backtest', '2.5'], /--backtest/],
      [['--by', 'product'], /--by: the forecast can be split by rep, team, manager, region, source, channel, segment, industry, technique, currency; got "product"/],
      [['--by', 'nope'], /--by: the forecast can be split by .*; got "nope"/],
      [['--by', 'rep,team'], /--by: give one dimension/],
      [['--format', 'csv'], /--format: expected one of table, json/],
      [['--period', 'someday'], /period "someday"/],
    ];
    for (const [args, message] of cases) {
      const r = await run('forecast', '--as-of', '2026-09-30', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^quotient: /);
      expect(r.err).toMatch(message);
      expect(r.out).toBe('');
    }
  });
});
