// `quotient forecast [--period P | --from D --to D] [--as-of D] [--by DIM] [--filter dim=v]…
//  [--backtest N] [--format table|json]`: revenue expected for the period, with an 80% interval,
// and (with --backtest) its accuracy on the last N periods against two baselines.
import type { Command } from 'commander';
import { FORECAST_DIMS, MAX_BACKTEST, forecastRevenue, type ForecastFigures, type ForecastResult } from '../../analysis/forecast.js';
import { UserError } from '../../util/errors.js';
import type { Io } from '../context.js';
import { withStoreOrServer } from '../server-client.js';
import { apiPath, PERIOD_PARAMS } from '../remote.js';
import { renderText } from '../format/table.js';
import { checkFormat, precheck, queryOptions, toQuery, type QueryOptions } from './report.js';

const FORMATS = ['table', 'json'] as const;

export function parseBacktest(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n) || n < 1 || n > MAX_BACKTEST) {
    throw new UserError('bad_argument', `--backtest: expected a whole number of periods from 1 to ${MAX_BACKTEST}, got "${value}"`);
  }
  return n;
}

export function registerForecast(program: Command, io: Io): void {
  const cmd = program
    .command('forecast')
    .description('forecast revenue of a period: won so far + open pipeline × learned win and timing probabilities + new business, with an 80% interval and an optional backtest');
  queryOptions(cmd)
    .option('--backtest <n>', `replay the forecast at the start of each of the last n complete periods of the same kind (1 to ${MAX_BACKTEST}) and compare it with two baselines`)
    .option('--format <format>', 'table or json', 'table')
    .action(async (o: Omit<QueryOptions, 'kpi'> & { backtest?: string }) => {
      const format = checkFormat(o.format, FORMATS);
      const by = (o.by ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (by.length > 1) throw new UserError('bad_argument', `--by: give one dimension (${FORECAST_DIMS.join(', ')})`);
      if (by.length && !(FORECAST_DIMS as readonly string[]).includes(by[0])) {
        throw new UserError('bad_argument', `--by: the forecast can be split by ${FORECAST_DIMS.join(', ')}; got "${by[0]}"`);
      }
      const backtest = parseBacktest(o.backtest);
      const q = toQuery({ ...o, kpi: 'revenue' });
      precheck({ ...q, by });
      const r = await withStoreOrServer(
        program.opts().db,
        (store) => forecastRevenue(store, { period: q.period, from: q.from, to: q.to, asOf: q.asOf, filters: q.filters, by: by[0], backtest }),
        (api) => api.call<ForecastResult>('GET', apiPath('/api/forecast', { ...o, by: by[0] }, [...PERIOD_PARAMS, 'by'], { backtest })),
        io.err,
      );
      for (const w of r.warnings) io.err(`warning: ${w}\n`);
      io.out(format === 'json' ? JSON.stringify(r, null, 2) + '\n' : renderForecast(r));
    });
}

const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);
const signed = (x: number | null) => (x === null ? '' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x * 100).toFixed(1)}%`);

export function renderForecast(r: ForecastResult): string {
  const f = r.forecast;
  const cur = r.query.currency;
  const lines: string[] = [
    `Revenue forecast ${f.period} (${f.from} to ${f.to}) as of ${f.as_of}, ${cur}`,
    '',
    ...figureLines(f),
    `  80% interval               ${money(f.low)} to ${money(f.high)}`,
    `Weighted pipeline (CRM)      ${money(f.weighted_pipeline)}`,
    '',
  ];
  if (f.stages.length) {
    lines.push(
      renderText({
        headers: ['stage', 'open', 'value', 'P(win)', 'P(in time)', 'CRM prob.', 'expected'],
        rows: f.stages.map((s) => [s.stage || '(no stage history)', String(s.count), money(s.value), pct(s.p_win), pct(s.p_in_time), pct(s.crm_probability), money(s.expected)]),
        right: new Set([1, 2, 3, 4, 5, 6]),
      }),
    );
  }
  if (f.pipeline_calibration !== 1) lines.push(`Pipeline part × ${f.pipeline_calibration.toFixed(3)}: how the model did on the same month of the earlier quarters.`);
  const nb = f.new_business;
  if (nb.windows.length) {
    lines.push(
      `New business: ${nb.expected_created.toFixed(0)} opportunities expected to be created (${nb.volume_basis === 'last_year' ? 'recent rate, shaped like last year' : 'recent rate'}) × ${money(nb.won_per_created)} won in the period per opportunity created, as in ${nb.windows.length} earlier period${nb.windows.length === 1 ? '' : 's'}.`,
    );
  }
  if (f.groups.length && r.query.by) {
    const dim = r.query.by;
    lines.push(
      '',
      renderText({
        headers: [dim, 'won so far', 'open', 'open value', 'expected', 'low', 'high'],
        rows: f.groups.map((g) => [g.group[dim] ?? '(none)', money(g.won_so_far), String(g.open_count), money(g.open_value), money(g.expected), money(g.low), money(g.high)]),
        right: new Set([1, 2, 3, 4, 5, 6]),
      }),
    );
  }
  const b = r.backtest;
  if (b) {
    lines.push(
      '',
      `Backtest: the forecast as of the first day of each of the last ${b.periods} periods, against the revenue KPI`,
      renderText({
        headers: ['period', 'actual', 'forecast', 'error', '80% interval', 'weighted pipeline', 'error', 'last period', 'error'],
        rows: b.rows.map((x) =>
          x.skipped
            ? [x.period, money(x.actual), money(x.forecast), '', '', money(x.weighted_pipeline), '', money(x.last_period), `skipped: ${x.skipped}`]
            : [x.period, money(x.actual), money(x.forecast), signed(x.error), `${money(x.low)} to ${money(x.high)}`, money(x.weighted_pipeline), signed(x.weighted_pipeline_error), money(x.last_period), signed(x.last_period_error)],
        ),
        right: new Set([1, 2, 3, 5, 6, 7, 8]),
      }),
      renderText({
        headers: ['', 'MAPE', 'bias'],
        rows: [
          ['model', pct(b.model.mape), signed(b.model.bias)],
          ['weighted pipeline', pct(b.baselines.weighted_pipeline.mape), signed(b.baselines.weighted_pipeline.bias)],
          ['last period', pct(b.baselines.last_period.mape), signed(b.baselines.last_period.bias)],
        ],
        right: new Set([1, 2]),
      }),
      b.summary,
    );
  }
  lines.push('');
  return lines.join('\n');
}

function figureLines(f: ForecastFigures): string[] {
  return [
    `Won so far                   ${money(f.won_so_far)}`,
    `Open pipeline                ${f.open_count} opportunities, ${money(f.open_value)}`,
    `  expected from the pipeline ${money(f.from_pipeline)}`,
    `Expected from new business   ${money(f.from_new_business)}`,
    `Expected revenue             ${money(f.expected)}`,
  ];
}
