// Explain: what drove a change in revenue against the previous period or the same period a year
// before — before → after, the change split into closed opportunities × win rate × average deal
// size (Shapley values, summing to the total) as a waterfall and a table, and the segments (rep,
// team, lead source, segment) that moved most. Revenue figures open the won deals behind them.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { AnalysisError, Drill, FilterRefused, PeriodLine, Picker, ScopeNote, refusedFilters, useDimLabel, useGroupName, usePageParam, withFilter, type ApiParams } from '../components/analysis';
import { Chart, type ChartOption } from '../components/chart';
import { RecordsDialog } from '../components/records-dialog';
import { Loading } from '../components/status';
import { useI18n, usePageT } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams } from '../state';
import { useApi } from '../use-api';
import type { PageProps } from './index';
import { EXPLAIN_MESSAGES } from './explain.i18n';
import type { ExplainResult, SegmentChange } from '../api-types';

export const DRIVERS = ['opportunities', 'win_rate', 'average_deal_size'] as const;
type Driver = (typeof DRIVERS)[number];

const GREEN = '#1b7a3d';
const RED = '#b3261e';
const BLUE = '#1f4fd8';

export function Explain({ filters, navigate }: PageProps) {
  const t = usePageT(EXPLAIN_MESSAGES);
  const dimLabel = useDimLabel();
  const groupName = useGroupName();
  const { locale } = useI18n();
  const { kpis, fmt, currency } = useSession();
  const [vs, setVs] = usePageParam('explain_vs', 'previous_period');
  const [drill, setDrill] = useState<{ title: string; params: ApiParams } | null>(null);
  const params = apiFilterParams(filters);
  const revenue = kpis.get('revenue');
  const revenueName = revenue?.name ?? 'revenue';
  const refused = refusedFilters(filters, revenue?.dimensions);
  const data = useApi<ExplainResult | null>(
    () => (refused.length ? Promise.resolve(null) : api.get<ExplainResult>('/api/explain', { ...params, vs, top: 5 })),
    [JSON.stringify(params), vs, refused.join(',')],
  );
  const r = data.data;
  const driverName = (d: Driver) => t(`driver_${d}`);
  const beforeParams = r ? { ...params, period: undefined, from: r.vs.from, to: r.vs.to } : params;

  const option = useMemo<ChartOption | null>(() => {
    if (!r) return null;
    const compact = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 });
    const signed = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${compact.format(Math.abs(x))}`;
    let running = r.before;
    const base: (number | null)[] = [null];
    const up: (number | null)[] = [null];
    const down: (number | null)[] = [null];
    for (const d of r.drivers) {
      const c = d.contribution;
      base.push(c >= 0 ? running : running + c);
      up.push(c >= 0 ? c : null);
      down.push(c < 0 ? -c : null);
      running += c;
    }
    base.push(null);
    up.push(null);
    down.push(null);
    const totals = [r.before, null, null, null, r.after];
    // Long names wrap at spaces (about 12 characters a line), never inside a word.
    const wrap = (x: string) =>
      x
        .split(' ')
        .reduce<string[]>((lines, word) => (lines.length && (lines[lines.length - 1] + ' ' + word).length <= 12 ? [...lines.slice(0, -1), `${lines[lines.length - 1]} ${word}`] : [...lines, word]), [])
        .join('\n');
    const categories = [t('before'), ...r.drivers.map((d) => driverName(d.driver)), t('after')].map(wrap);
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const i = ps[0].dataIndex;
          if (i === 0) return `${t('before')}: ${fmt.money(r.before)}`;
          if (i === 4) return `${t('after')}: ${fmt.money(r.after)}`;
          const d = r.drivers[i - 1];
          return `${driverName(d.driver)}: ${fmt.delta(d.contribution, 'money')}`;
        },
      },
      xAxis: { type: 'category', data: categories, axisTick: { show: false }, axisLabel: { interval: 0, fontSize: 11, lineHeight: 14, margin: 10, color: '#1b2330' } },
      yAxis: { type: 'value', axisLabel: { formatter: (x: number) => compact.format(x) }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      series: [
        { type: 'bar', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: base },
        { type: 'bar', stack: 'w', name: 'up', itemStyle: { color: GREEN }, label: { show: true, position: 'top', formatter: (p: { value: number }) => signed(p.value) }, data: up },
        { type: 'bar', stack: 'w', name: 'down', itemStyle: { color: RED }, label: { show: true, position: 'top', formatter: (p: { value: number }) => signed(-p.value) }, data: down },
        { type: 'bar', stack: 'w', name: 'total', itemStyle: { color: BLUE }, label: { show: true, position: 'top', formatter: (p: { value: number }) => compact.format(p.value) }, data: totals },
      ],
    };
  }, [r, fmt, t, locale, currency]);

  const vsPhrase = r ? t(r.vs.kind === 'previous_year' ? 'phrase_previous_year' : 'phrase_previous_period', { period: fmt.period(r.vs.label) }) : '';
  const ranked = r ? [...r.drivers].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)) : [];
  const fromKey = (d: Driver) => (d === 'opportunities' ? 'from_opportunities' : d === 'win_rate' ? 'from_win_rate' : 'from_average_deal_size');
  const seg = (s: SegmentChange) => groupName(s.dimension, s.value);
  const share = (x: number) => `${x < 0 ? '−' : ''}${fmt.percent(Math.abs(x), 0)}`;

  return (
    <section aria-labelledby="page-title" className="an-page an-explain">
      <h1 id="page-title">{t('title')}</h1>
      {r ? <PeriodLine filters={filters} from={r.period.from} to={r.period.to} asOf={filters.as_of} /> : <p className="subtitle">{t('intro')}</p>}
      <form className="an-controls" aria-label={t('title')} onSubmit={(e) => e.preventDefault()}>
        <Picker id="explain-vs" label={t('vs')} value={vs} options={[{ value: 'previous_period', label: t('vs_previous_period') }, { value: 'previous_year', label: t('vs_previous_year') }]} onChange={setVs} />
      </form>
      {refused.length > 0 && <FilterRefused dims={refused} filters={filters} navigate={navigate} />}
      {data.loading && <Loading />}
      {data.error && <AnalysisError error={data.error} onRetry={data.reload} />}
      {r && !data.loading && (
        <>
          <ScopeNote />
          <div className="an-totals">
            <div className="an-total" data-side="before">
              <span className="an-total-label">{t('before')}</span>
              <span className="an-total-period">{fmt.period(r.vs.label)}</span>
              <span className="an-total-value">
                <Drill text={fmt.money(r.before)} what={t('what_period', { kpi: revenueName, period: fmt.period(r.vs.label) })} onClick={r.before !== 0 ? () => setDrill({ title: t('what_period', { kpi: revenueName, period: fmt.period(r.vs.label) }), params: beforeParams }) : undefined} />
              </span>
            </div>
            <span className="an-arrow" aria-hidden="true">
              →
            </span>
            <div className="an-total" data-side="after">
              <span className="an-total-label">{t('after')}</span>
              <span className="an-total-period">{fmt.period(r.period.label)}</span>
              <span className="an-total-value">
                <Drill text={fmt.money(r.after)} what={t('what_period', { kpi: revenueName, period: fmt.period(r.period.label) })} onClick={r.after !== 0 ? () => setDrill({ title: t('what_period', { kpi: revenueName, period: fmt.period(r.period.label) }), params }) : undefined} />
              </span>
            </div>
            <div className={`an-total an-change ${r.total_change > 0 ? 'good' : r.total_change < 0 ? 'bad' : ''}`} data-side="change">
              <span className="an-total-label">{t('change')}</span>
              <span className="an-total-period">{r.before !== 0 ? `${r.total_change > 0 ? '+' : r.total_change < 0 ? '−' : '±'}${fmt.percent(Math.abs(r.total_change / r.before), 1)}` : ' '}</span>
              <span className="an-total-value">{fmt.delta(r.total_change, 'money')}</span>
            </div>
          </div>
          {r.before === 0 && r.after === 0 ? (
            <p className="an-empty">{t('nothing')}</p>
          ) : (
            <>
              <div className="an-card">
                <ul className="an-sentences">
                  <li>{r.total_change === 0 ? t('headline_same', { vs: vsPhrase, value: fmt.money(r.after) }) : t('headline', { change: fmt.delta(r.total_change, 'money'), vs: vsPhrase, before: fmt.money(r.before), after: fmt.money(r.after) })}</li>
                  {ranked.map((d) => (
                    <li key={d.driver}>{t(fromKey(d.driver), { amount: fmt.delta(d.contribution, 'money') })}</li>
                  ))}
                  {r.segments.slice(0, 3).map((s) => (
                    <li key={`${s.dimension}:${s.value}`}>{t('segment_sentence', { dim: dimLabel(s.dimension), segment: seg(s), change: fmt.delta(s.change, 'money') })}</li>
                  ))}
                </ul>
              </div>
              <section className="an-card an-drivers-card" aria-labelledby="explain-drivers-title">
                <h2 id="explain-drivers-title">{t('drivers_title')}</h2>
                <div className="an-explain-grid">
                  {option && (
                    <Chart
                      option={option}
                      label={t('chart_label', { before: fmt.money(r.before), after: fmt.money(r.after), drivers: r.drivers.map((d) => t('chart_driver', { driver: driverName(d.driver), amount: fmt.delta(d.contribution, 'money') })).join('; ') })}
                      height={300}
                    />
                  )}
                  <div>
                    <div className="table-scroll">
                      <table className="data an-table an-drivers">
                        <thead>
                          <tr>
                            <th scope="col">{t('col_driver')}</th>
                            <th scope="col" className="num">{t('col_contribution')}</th>
                            <th scope="col" className="num">{t('col_share')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {r.drivers.map((d) => (
                            <tr key={d.driver} data-driver={d.driver}>
                              <th scope="row">{driverName(d.driver)}</th>
                              <td className={`num ${d.contribution > 0 ? 'an-good' : d.contribution < 0 ? 'an-bad' : ''}`} data-col="contribution">{fmt.delta(d.contribution, 'money')}</td>
                              <td className="num" data-col="share">{r.total_change !== 0 ? share(d.contribution / r.total_change) : '–'}</td>
                            </tr>
                          ))}
                        </tbody>
                        <tfoot>
                          <tr data-driver="total">
                            <th scope="row">{t('total')}</th>
                            <td className="num" data-col="contribution">{fmt.delta(r.total_change, 'money')}</td>
                            <td className="num">{r.total_change !== 0 ? fmt.percent(1, 0) : '–'}</td>
                          </tr>
                        </tfoot>
                      </table>
                    </div>
                    <p className="note">{t('drivers_hint')}</p>
                  </div>
                </div>
              </section>
              <section className="an-card" aria-labelledby="explain-segments-title">
                <h2 id="explain-segments-title">{t('segments_title')}</h2>
                <p className="note">{t('segments_hint')}</p>
                {r.segments.length === 0 ? (
                  <p className="an-empty">{t('no_segments')}</p>
                ) : (
                  <div className="table-scroll">
                    <table className="data an-table an-segments">
                      <thead>
                        <tr>
                          <th scope="col">{t('col_dimension')}</th>
                          <th scope="col">{t('col_segment')}</th>
                          <th scope="col" className="num">{t('col_before')}</th>
                          <th scope="col" className="num">{t('col_after')}</th>
                          <th scope="col" className="num">{t('col_change')}</th>
                          {DRIVERS.map((d) => (
                            <th key={d} scope="col" className="num">
                              {driverName(d)}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {r.segments.map((s) => {
                          const name = seg(s);
                          const can = s.value !== null;
                          const whatBefore = t('what_segment', { kpi: revenueName, segment: name, period: fmt.period(r.vs.label) });
                          const whatAfter = t('what_segment', { kpi: revenueName, segment: name, period: fmt.period(r.period.label) });
                          return (
                            <tr key={`${s.dimension}:${s.value}`} data-segment={`${s.dimension}:${s.value ?? ''}`}>
                              <td>{dimLabel(s.dimension)}</td>
                              <th scope="row">{name}</th>
                              <td className="num" data-col="before">
                                <Drill text={fmt.money(s.before)} what={whatBefore} onClick={can && s.before !== 0 ? () => setDrill({ title: whatBefore, params: withFilter(beforeParams, s.dimension, s.value!) }) : undefined} />
                              </td>
                              <td className="num" data-col="after">
                                <Drill text={fmt.money(s.after)} what={whatAfter} onClick={can && s.after !== 0 ? () => setDrill({ title: whatAfter, params: withFilter(params, s.dimension, s.value!) }) : undefined} />
                              </td>
                              <td className={`num ${s.change > 0 ? 'an-good' : 'an-bad'}`} data-col="change">
                                {fmt.delta(s.change, 'money')}
                              </td>
                              {DRIVERS.map((d) => (
                                <td key={d} className="num" data-col={d}>
                                  {fmt.delta(s.drivers.find((x) => x.driver === d)?.contribution ?? null, 'money')}
                                </td>
                              ))}
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
            </>
          )}
        </>
      )}
      {drill && <RecordsDialog kpi="revenue" title={drill.title} params={drill.params} onClose={() => setDrill(null)} />}
    </section>
  );
}
