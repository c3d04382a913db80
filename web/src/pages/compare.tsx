// Compare: a rate KPI split by a dimension, each group tested against the rest — its value with
// the 95% interval and n, the rest, the difference, the q-value and a verdict (significantly
// higher or lower, not significant, too small to judge) — as a dot-and-range chart and a table,
// with the result said in sentences. A group's rate opens its records.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { AnalysisError, Drill, FilterRefused, PeriodLine, Picker, ScopeNote, refusedFilters, useAnalysisT, useDimLabel, useFormatQ, useGroupName, useInSentence, useKpiInSentence, usePageParam, withFilter, type ApiParams } from '../components/analysis';
import { Chart, type ChartOption } from '../components/chart';
import { RecordsDialog } from '../components/records-dialog';
import { Loading } from '../components/status';
import { usePageT } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams } from '../state';
import { useApi } from '../use-api';
import type { PageProps } from './index';
import { COMPARE_MESSAGES } from './compare.i18n';
import type { CompareResult, GroupComparison } from '../api-types';

/** KPIs that are rates (a share of records), the only ones compare tests. */
export const RATE_KPIS = ['win_rate', 'opportunity_win_ratio', 'lead_conversion_rate', 'stage_conversion', 'retention_rate', 'churn_rate', 'csat'];
export const COMPARE_DIMS = ['technique', 'source', 'rep', 'team', 'segment'];
/** Below this many records in a group or its rest, compare does not judge (src/analysis/compare.ts). */
const MIN_GROUP_SIZE = 20;

type Verdict = 'higher' | 'lower' | 'not' | 'small';
const verdictOf = (g: GroupComparison): Verdict => (g.status === 'too_small' ? 'small' : g.significant ? (g.direction === 'lower' ? 'lower' : 'higher') : 'not');
const COLORS: Record<Verdict, string> = { higher: '#1b7a3d', lower: '#b3261e', not: '#5b6675', small: '#9aa6b5' };

export function Compare({ filters, navigate }: PageProps) {
  const t = usePageT(COMPARE_MESSAGES);
  const w = useAnalysisT();
  const dimLabel = useDimLabel();
  const groupName = useGroupName();
  const formatQ = useFormatQ();
  const inSentence = useKpiInSentence();
  const lower = useInSentence();
  const { kpis, fmt } = useSession();
  const [kpi, setKpi] = usePageParam('compare_kpi', 'win_rate');
  const [by, setBy] = usePageParam('compare_by', 'technique');
  const [drill, setDrill] = useState<{ title: string; params: ApiParams } | null>(null);
  const params = apiFilterParams(filters);
  const rates = RATE_KPIS.filter((id) => kpis.get(id)?.unit === 'ratio');
  const def = kpis.get(kpi);
  const kpiName = def?.name ?? kpi;
  const refused = refusedFilters(filters, def?.dimensions);
  const splitOk = !def || def.dimensions.includes(by);
  const data = useApi<CompareResult | null>(
    () => (refused.length || !splitOk ? Promise.resolve(null) : api.get<CompareResult>('/api/compare', { ...params, kpi, by })),
    [JSON.stringify(params), kpi, by, refused.join(','), splitOk],
  );
  const r = data.data;
  const label = (g: GroupComparison) => groupName(by, g.group[by]);
  const named = (g: GroupComparison) => (by === 'rep' ? label(g) : t('group_named', { dim: dimLabel(by), name: label(g) }));
  const testName = (g: GroupComparison) => (g.test === 'fisher' ? w('test_fisher') : w('test_z'));
  const verdictText: Record<Verdict, string> = { higher: w('verdict_higher'), lower: w('verdict_lower'), not: w('verdict_not'), small: w('verdict_small') };

  const summary = useMemo(() => {
    if (!r) return [];
    const sig = r.groups.filter((g) => g.significant);
    if (sig.length)
      return sig.map((g) =>
        t(g.direction === 'lower' ? 'sentence_lower' : 'sentence_higher', { group: named(g), kpi: inSentence(kpi), value: fmt.percent(g.value, 1), n: fmt.count(g.denominator), rest: fmt.percent(g.rest.value, 1), q: formatQ(g.q), test: testName(g) }),
      );
    const tested = r.groups.filter((g) => g.status === 'tested').length;
    return [t('sentence_none', { dim: lower(dimLabel(by)), kpi: inSentence(kpi), tested: fmt.count(tested), small: fmt.count(r.groups.length - tested) })];
  }, [r, t, fmt, kpi, by]);

  const option = useMemo<ChartOption | null>(() => {
    if (!r || r.groups.length === 0) return null;
    const gs = r.groups;
    const pct = (x: number) => fmt.percent(x, 0);
    // The axis spans the intervals and the overall rate, on whole tens of percent.
    const ends = gs.flatMap((g) => (g.ci95 ? g.ci95 : g.value !== null ? [g.value] : [])).concat(r.overall.value !== null ? [r.overall.value] : []);
    const lo = Math.max(0, Math.floor(Math.min(...ends) * 10 - 0.5) / 10);
    const hi = Math.min(1, Math.ceil(Math.max(...ends) * 10 + 0.5) / 10);
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const g = gs[ps[0].dataIndex];
          const ci = g.ci95 ? ` (${fmt.percent(g.ci95[0], 1)} – ${fmt.percent(g.ci95[1], 1)})` : '';
          return `${label(g)}: ${fmt.percent(g.value, 1)}${ci}, n = ${fmt.count(g.denominator)}<br/>${verdictText[verdictOf(g)]}`;
        },
      },
      xAxis: { type: 'value', min: lo, max: hi, axisLabel: { formatter: pct }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', inverse: true, data: gs.map(label), axisTick: { show: false }, axisLabel: { width: 140, overflow: 'truncate' } },
      series: [
        { type: 'bar', stack: 'ci', silent: true, itemStyle: { color: 'transparent' }, barWidth: 10, data: gs.map((g) => (g.ci95 ? g.ci95[0] : null)) },
        { type: 'bar', stack: 'ci', silent: true, barWidth: 10, data: gs.map((g) => ({ value: g.ci95 ? g.ci95[1] - g.ci95[0] : null, itemStyle: { color: COLORS[verdictOf(g)], opacity: 0.35, borderRadius: 5 } })) },
        {
          type: 'line',
          symbol: 'circle',
          symbolSize: 12,
          lineStyle: { opacity: 0 },
          data: gs.map((g) => ({ value: g.value, itemStyle: { color: COLORS[verdictOf(g)], borderColor: '#fff', borderWidth: 1.5 } })),
          markLine: r.overall.value === null ? undefined : { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#1b2330' }, label: { formatter: t('chart_overall', { value: fmt.percent(r.overall.value, 1) }), position: 'start', color: '#1b2330' }, data: [{ xAxis: r.overall.value }] },
        },
      ],
    };
  }, [r, fmt, t, by]);

  const chartWords = r
    ? t('chart_label', {
        kpi: kpiName,
        dim: dimLabel(by),
        overall: fmt.percent(r.overall.value, 1),
        groups: r.groups.map((g) => t('chart_group', { group: label(g), value: fmt.percent(g.value, 1), low: g.ci95 ? fmt.percent(g.ci95[0], 1) : '–', high: g.ci95 ? fmt.percent(g.ci95[1], 1) : '–' })).join('; '),
      })
    : '';

  return (
    <section aria-labelledby="page-title" className="an-page an-compare">
      <h1 id="page-title">{t('title')}</h1>
      {r ? <PeriodLine filters={filters} from={r.query.from} to={r.query.to} asOf={r.query.as_of} /> : <p className="subtitle">{t('intro')}</p>}
      <form className="an-controls" aria-label={t('title')} onSubmit={(e) => e.preventDefault()}>
        <Picker id="compare-kpi" label={t('kpi')} value={kpi} options={(rates.includes(kpi) ? rates : [kpi, ...rates]).map((id) => ({ value: id, label: kpis.get(id)?.name ?? id }))} onChange={setKpi} />
        <Picker id="compare-by" label={t('by')} value={by} options={COMPARE_DIMS.map((d) => ({ value: d, label: dimLabel(d) }))} onChange={setBy} />
      </form>
      {refused.length > 0 && <FilterRefused dims={refused} filters={filters} navigate={navigate} />}
      {!splitOk && (
        <div className="an-notice" role="status">
          <p>{w('split_refused', { what: kpiName, dim: dimLabel(by) })}</p>
        </div>
      )}
      {data.loading && <Loading />}
      {data.error && <AnalysisError error={data.error} by={by} onRetry={data.reload} />}
      {r && !data.loading && (
        <>
          <ScopeNote scope={r.query.scope} />
          {r.groups.length === 0 ? (
            <p className="an-empty">{t('empty')}</p>
          ) : (
            <>
              <section className="an-card an-summary" aria-labelledby="compare-summary-title">
                <h2 id="compare-summary-title">{t('summary_title')}</h2>
                <p className="an-overall">{t('overall', { value: fmt.percent(r.overall.value, 1), k: fmt.count(r.overall.numerator), n: fmt.count(r.overall.denominator) })}</p>
                <ul className="an-sentences">
                  {summary.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </section>
              <section className="an-card">
                {option && <Chart option={option} label={chartWords} height={48 + 34 * r.groups.length} />}
                <p className="note">{t('legend')}</p>
              </section>
              <div className="table-scroll">
                <table className="data an-table an-groups">
                  <thead>
                    <tr>
                      <th scope="col">{dimLabel(by)}</th>
                      <th scope="col" className="num">{t('col_value')}</th>
                      <th scope="col" className="num">{t('col_interval')}</th>
                      <th scope="col" className="num">{t('col_n')}</th>
                      <th scope="col" className="num">{t('col_rest')}</th>
                      <th scope="col" className="num">{t('col_difference')}</th>
                      <th scope="col" className="num">{t('col_q')}</th>
                      <th scope="col">{t('col_verdict')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.groups.map((g) => {
                      const v = verdictOf(g);
                      const value = g.group[by];
                      const what = `${kpiName}, ${named(g)}`;
                      return (
                        <tr key={String(value)} data-group={value ?? ''}>
                          <th scope="row">{label(g)}</th>
                          <td className="num" data-col="value">
                            <Drill text={fmt.percent(g.value, 1)} what={what} onClick={value !== null && value !== undefined ? () => setDrill({ title: what, params: withFilter(params, by, value) }) : undefined} />
                          </td>
                          <td className="num" data-col="interval">{g.ci95 ? t('interval_cell', { low: fmt.percent(g.ci95[0], 1), high: fmt.percent(g.ci95[1], 1) }) : '–'}</td>
                          <td className="num" data-col="n">{w('of_n', { k: fmt.count(g.numerator), n: fmt.count(g.denominator) })}</td>
                          <td className="num" data-col="rest">{t('rest_cell', { value: fmt.percent(g.rest.value, 1), n: fmt.count(g.rest.denominator) })}</td>
                          <td className="num" data-col="difference">{fmt.delta(g.difference, 'ratio')}</td>
                          <td className="num" data-col="q">{g.status === 'tested' ? formatQ(g.q) : '–'}</td>
                          <td data-col="verdict">
                            <span className={`an-verdict an-verdict-${v}`} title={v === 'small' ? w('verdict_small_hint', { min: MIN_GROUP_SIZE }) : g.test ? testName(g) : undefined}>
                              {v === 'higher' || v === 'lower' ? <span aria-hidden="true">{v === 'higher' ? '▲ ' : '▼ '}</span> : null}
                              {verdictText[v]}
                            </span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <details className="an-rules">
                <summary>{t('how')}</summary>
                <ul>
                  <li>{t('how_test')}</li>
                  <li>{t('how_q')}</li>
                  <li>{t('how_small')}</li>
                </ul>
              </details>
            </>
          )}
          {r.warnings.length > 0 && (
            <ul className="note an-warnings" lang="en">
              {r.warnings.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {drill && <RecordsDialog kpi={kpi} title={drill.title} params={drill.params} onClose={() => setDrill(null)} />}
    </section>
  );
}
