// Forecast: revenue expected for the period with its interval — what is won, what the open
// pipeline should add, what new business should add — split by a dimension if asked, the open
// pipeline by stage with the learned probabilities beside the CRM's, and the backtest's accuracy
// beside the two baselines.
import { useState } from 'react';
import { api } from '../api';
import { Chart, type ChartOption } from '../components/chart';
import { ErrorView, Loading } from '../components/status';
import { useI18n, usePageT, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams } from '../state';
import { useApi } from '../use-api';
import { messages } from './forecast.i18n';
import type { PageProps } from './index';
import type { BacktestRow, ForecastFigures as Figures, ForecastResult } from '../api-types';

const BY = ['', 'team', 'rep', 'source', 'segment'] as const;
const BACKTESTS = [0, 4, 8, 12];

export function Forecast({ filters }: PageProps) {
  const { t } = useI18n();
  const pt = usePageT(messages);
  const { fmt, nameOf } = useSession();
  const [by, setBy] = useState<string>('');
  const [backtest, setBacktest] = useState(8);
  const params = apiFilterParams(filters);
  const data = useApi(() => api.get<ForecastResult>('/api/forecast', { ...params, by: by || undefined, backtest: backtest || undefined }), [JSON.stringify(params), by, backtest]);
  const r = data.data;
  const f = r?.forecast;
  const money = (x: number | null) => fmt.value(x, 'money');
  const pctErr = (x: number | null) => (x === null ? '–' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${fmt.percent(Math.abs(x), 1)}`);
  const reason = (s: string) => pt('skipped', { reason: s.startsWith('less than a full period') ? pt('skipped_history') : s.startsWith('no revenue') ? pt('skipped_no_revenue') : s });
  const groupName = (g: Record<string, string | null>) => {
    const [dim, id] = Object.entries(g)[0] ?? ['', null];
    return dim === 'rep' || dim === 'team' ? nameOf(dim, id) : (id ?? '–');
  };
  const partsOption = (x: Figures): ChartOption => ({
    animation: false,
    grid: { left: 8, right: 24, top: 26, bottom: 28, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => money(Number(v)) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.value(v, 'money') } },
    yAxis: { type: 'category', data: [pt('expected')] },
    series: [
      { name: pt('won_so_far'), type: 'bar', stack: 'e', data: [x.won_so_far], itemStyle: { color: '#1b7a3d' } },
      { name: pt('from_pipeline'), type: 'bar', stack: 'e', data: [x.from_pipeline], itemStyle: { color: '#1f4fd8' } },
      { name: pt('from_new_business'), type: 'bar', stack: 'e', data: [x.from_new_business], itemStyle: { color: '#7aa2f7' }, markLine: { symbol: 'none', lineStyle: { color: '#b3261e', type: 'dashed' }, data: [{ xAxis: x.low }, { xAxis: x.high }], label: { formatter: (p: { value: number }) => money(p.value) } } },
    ],
    legend: { bottom: 0 },
  });
  const backtestOption = (rows: BacktestRow[]): ChartOption => {
    const shown = rows.filter((x) => !x.skipped);
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => money(Number(v)) },
      xAxis: { type: 'category', data: shown.map((x) => fmt.period(x.period)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => fmt.value(v, 'money') } },
      series: [
        { name: pt('actual'), type: 'bar', data: shown.map((x) => x.actual), itemStyle: { color: '#9aa6b5' } },
        { name: pt('model'), type: 'line', data: shown.map((x) => x.forecast), itemStyle: { color: '#1f4fd8' } },
        { name: pt('weighted'), type: 'line', data: shown.map((x) => x.weighted_pipeline), lineStyle: { type: 'dashed' }, itemStyle: { color: '#e07b00' } },
        { name: pt('last_period'), type: 'line', data: shown.map((x) => x.last_period), lineStyle: { type: 'dotted' }, itemStyle: { color: '#7a3db8' } },
      ],
    };
  };
  const verdict = () => {
    const b = r?.backtest;
    if (!b || !b.evaluated || !b.beats_baselines) return pt('none_compared');
    const mape = fmt.percent(b.model.mape, 1);
    const { weighted_pipeline: w, last_period: l } = b.beats_baselines;
    if (w && l) return pt('beats_both', { n: b.evaluated, mape });
    if (!w && !l) return pt('beats_none', { n: b.evaluated, mape });
    return pt('beats_one', { n: b.evaluated, mape, which: w ? pt('weighted') : pt('last_period') });
  };
  return (
    <section aria-labelledby="page-title" className="forecast-page">
      <h1 id="page-title">{pt('title')}</h1>
      {f && <p className="subtitle">{pt('subtitle', { period: fmt.period(f.period), from: fmt.date(f.from), to: fmt.date(f.to), asOf: fmt.date(f.as_of) })}</p>}
      <div className="page-controls">
        <label htmlFor="fc-by">
          {pt('by')}
          <select id="fc-by" value={by} onChange={(e) => setBy(e.target.value)}>
            {BY.map((d) => (
              <option key={d} value={d}>
                {d === '' ? pt('none') : d === 'segment' ? pt('segment') : t(d as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="fc-backtest">
          {pt('backtest_periods')}
          <select id="fc-backtest" value={backtest} onChange={(e) => setBacktest(Number(e.target.value))}>
            {BACKTESTS.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? pt('none') : n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.loading && <Loading />}
      {data.error && <ErrorView error={data.error} onRetry={data.reload} />}
      {f && !data.loading && (
        <>
          <div className="forecast-head">
            <div className="forecast-big">
              <h2>{pt('expected')}</h2>
              <p className="kpi-value" data-testid="forecast-expected">
                {money(f.expected)}
              </p>
              <p className="forecast-interval">{pt('interval', { pct: fmt.percent(f.interval), low: money(f.low), high: money(f.high) })}</p>
            </div>
            <dl className="forecast-parts">
              <dt>{pt('won_so_far')}</dt>
              <dd data-testid="forecast-won">{money(f.won_so_far)}</dd>
              <dt>{pt('from_pipeline')}</dt>
              <dd>{money(f.from_pipeline)}</dd>
              <dt>{pt('from_new_business')}</dt>
              <dd>{money(f.from_new_business)}</dd>
            </dl>
            <div className="forecast-notes">
              <p>{pt('open_pipeline', { count: fmt.count(f.open_count), value: money(f.open_value) })}</p>
              <p>{pt('weighted_pipeline', { value: money(f.weighted_pipeline) })}</p>
            </div>
          </div>
          <Chart option={partsOption(f)} label={pt('parts_chart')} height={150} />
          {f.groups.length > 0 && (
            <>
              <h2>{pt('group_chart')}</h2>
              <div className="table-scroll">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{pt('group')}</th>
                      <th scope="col">{pt('expected')}</th>
                      <th scope="col">{pt('won_so_far')}</th>
                      <th scope="col">{pt('from_pipeline')}</th>
                      <th scope="col">{pt('from_new_business')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {f.groups.map((g) => (
                      <tr key={JSON.stringify(g.group)}>
                        <th scope="row">{groupName(g.group)}</th>
                        <td className="num">
                          {money(g.expected)} <span className="muted">({money(g.low)} – {money(g.high)})</span>
                        </td>
                        <td className="num">{money(g.won_so_far)}</td>
                        <td className="num">{money(g.from_pipeline)}</td>
                        <td className="num">{money(g.from_new_business)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <h2>{pt('stages')}</h2>
          <div className="table-scroll">
            <table className="data" data-testid="forecast-stages">
              <thead>
                <tr>
                  <th scope="col">{pt('stage')}</th>
                  <th scope="col">{pt('count')}</th>
                  <th scope="col">{pt('value')}</th>
                  <th scope="col">{pt('p_win')}</th>
                  <th scope="col">{pt('p_in_time')}</th>
                  <th scope="col">{pt('crm')}</th>
                  <th scope="col">{pt('stage_expected')}</th>
                </tr>
              </thead>
              <tbody>
                {f.stages.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{s.stage}</th>
                    <td className="num">{fmt.count(s.count)}</td>
                    <td className="num">{money(s.value)}</td>
                    <td className="num">{fmt.percent(s.p_win, 1)}</td>
                    <td className="num">{fmt.percent(s.p_in_time, 1)}</td>
                    <td className="num">{s.crm_probability === null ? '–' : fmt.percent(s.crm_probability, 0)}</td>
                    <td className="num">{money(s.expected)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.backtest && (
            <>
              <h2>{pt('backtest')}</h2>
              <p className="note">{pt('backtest_intro')}</p>
              <p className="forecast-verdict" data-testid="forecast-verdict">
                {verdict()}
              </p>
              <table className="data accuracy" data-testid="forecast-accuracy">
                <thead>
                  <tr>
                    <th scope="col">{pt('method')}</th>
                    <th scope="col">{pt('mape')}</th>
                    <th scope="col">{pt('bias')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(
                    [
                      [pt('model'), r.backtest.model],
                      [pt('weighted'), r.backtest.baselines.weighted_pipeline],
                      [pt('last_period'), r.backtest.baselines.last_period],
                    ] as const
                  ).map(([name, a]) => (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td className="num">{a.mape === null ? '–' : fmt.percent(a.mape, 1)}</td>
                      <td className="num">{pctErr(a.bias)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {r.backtest.evaluated > 0 && <Chart option={backtestOption(r.backtest.rows)} label={pt('backtest_chart')} height={260} />}
              <div className="table-scroll">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{pt('period')}</th>
                      <th scope="col">{pt('actual')}</th>
                      <th scope="col">{pt('forecast')}</th>
                      <th scope="col">{pt('error')}</th>
                      <th scope="col">{pt('weighted')}</th>
                      <th scope="col">{pt('error')}</th>
                      <th scope="col">{pt('last_period')}</th>
                      <th scope="col">{pt('error')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.backtest.rows.map((x) => (
                      <tr key={x.period}>
                        <th scope="row">{fmt.period(x.period)}</th>
                        <td className="num">{money(x.actual)}</td>
                        <td className="num">{money(x.forecast)}</td>
                        {x.skipped ? (
                          <td colSpan={5} className="muted">
                            {reason(x.skipped)}
                          </td>
                        ) : (
                          <>
                            <td className="num">{pctErr(x.error)}</td>
                            <td className="num">{money(x.weighted_pipeline)}</td>
                            <td className="num">{pctErr(x.weighted_pipeline_error)}</td>
                            <td className="num">{money(x.last_period)}</td>
                            <td className="num">{pctErr(x.last_period_error)}</td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
