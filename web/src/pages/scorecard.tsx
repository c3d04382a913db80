// A rep's scorecard (/team/REP_ID): revenue, quota attainment, win rate, deal size, cycle and
// activities as cards — each against the previous period and its target, with a 12-month
// sparkline and the records behind it — and revenue and win rate per month as a chart. A rep
// the caller may not see answers "not allowed" (the server's 403), an unknown id "not found".
import { useMemo, useState } from 'react';
import { api } from '../api';
import { Chart, type ChartOption } from '../components/chart';
import { KpiCard } from '../components/kpi-card';
import { collapseImplicit, implicitDims, periodsOf, trendOf } from '../components/kpi-rows';
import { RecordsDialog } from '../components/records-dialog';
import { ErrorView, Loading } from '../components/status';
import { useI18n, usePageT, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams, FILTER_DIMS, type Filters } from '../state';
import type { KpiResult } from '../types';
import { useApi } from '../use-api';
import { monthsBefore } from './overview';
import { scorecardMessages } from './scorecard.i18n';

/** The KPIs of the leaderboard and the scorecard, in column order. */
export const TEAM_KPIS = ['revenue', 'quota_attainment', 'win_rate', 'average_deal_size', 'sales_cycle_length', 'activities'];

export function Scorecard({ repId, filters, navigate }: { repId: string; filters: Filters; navigate(path: string, search?: string): void }) {
  const { t } = useI18n();
  const pt = usePageT(scorecardMessages);
  const { kpis, fmt, dims, nameOf, me } = useSession();
  const [drill, setDrill] = useState<string | null>(null);
  // The scorecard is this rep's: the shared team and rep filters do not apply, the others do.
  const own: Filters = { ...filters, team: undefined, rep: undefined };
  const base = apiFilterParams(own);
  const params = { ...base, filter: [...(base.filter as string[]), `rep=${repId}`] };
  const used = FILTER_DIMS.filter((d) => own[d]);
  const asked = TEAM_KPIS.filter((id) => kpis.get(id) && used.every((d) => kpis.get(id)!.dimensions.includes(d)));
  // The reps the caller may see are the session's reps (the server lists only those): another
  // rep is refused here without asking, and the server's own 403 is handled the same way.
  const known = dims.reps.find((r) => r.id === repId);
  const data = useApi(async () => {
    if (!known) return null;
    const now = await api.get<KpiResult>('/api/report', { ...params, kpi: asked.join(','), compare: 'previous_period,target' });
    const trend = await api.get<KpiResult>('/api/report', { kpi: asked.join(','), from: monthsBefore(now.query.to, 11), to: now.query.to, as_of: now.query.as_of, grain: 'month', filter: params.filter });
    return { now: { ...now, rows: collapseImplicit(now.rows, kpis) }, trend: { ...trend, rows: collapseImplicit(trend.rows, kpis) } };
  }, [JSON.stringify(params), asked.join(',')]);
  const trends = useMemo(() => {
    const rows = data.data?.trend.rows ?? [];
    const periods = periodsOf(rows);
    return { periods, of: (id: string) => trendOf(rows, id, periods, implicitDims(kpis.get(id)).length > 0) };
  }, [data.data, kpis]);

  const name = nameOf('rep', repId);
  const link = (path: string) => (e: React.MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(path);
  };
  const back = (
    <a className="scorecard-back" href={`/team${window.location.search}`} onClick={link('/team')}>
      <span aria-hidden="true">← </span>
      {pt('back')}
    </a>
  );

  const option = useMemo<ChartOption>(() => {
    const revenue = trends.of('revenue');
    const win = trends.of('win_rate');
    return {
      animation: false,
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: [kpis.get('revenue')?.name ?? 'revenue', kpis.get('win_rate')?.name ?? 'win_rate'] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: trends.periods.map((p) => fmt.period(p)) },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => fmt.value(v, 'money') }, splitNumber: 4 },
        { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => fmt.percent(v) }, splitLine: { show: false } },
      ],
      series: [
        { name: kpis.get('revenue')?.name ?? 'revenue', type: 'bar', data: revenue, itemStyle: { color: '#1f4fd8', borderRadius: [4, 4, 0, 0] }, barMaxWidth: 28, tooltip: { valueFormatter: (v: unknown) => fmt.value(typeof v === 'number' ? v : null, 'money') } },
        { name: kpis.get('win_rate')?.name ?? 'win_rate', type: 'line', yAxisIndex: 1, data: win, connectNulls: true, itemStyle: { color: '#1b7a3d' }, lineStyle: { width: 2 }, tooltip: { valueFormatter: (v: unknown) => fmt.value(typeof v === 'number' ? v : null, 'ratio') } },
      ],
    };
  }, [trends, fmt, kpis]);

  if (data.error?.status === 403 || (!known && me.user.role !== 'admin')) {
    return (
      <section aria-labelledby="page-title" className="scorecard">
        {back}
        <div className="error scorecard-refused" role="alert">
          <h1 id="page-title">{pt('not_allowed_title')}</h1>
          <p>{pt('not_allowed', { id: repId })}</p>
          {me.user.rep_id && me.user.rep_id !== repId && (
            <p>
              <a href={`/team/${encodeURIComponent(me.user.rep_id)}${window.location.search}`} onClick={link(`/team/${encodeURIComponent(me.user.rep_id)}`)}>
                {pt('not_allowed_own')}
              </a>
            </p>
          )}
        </div>
      </section>
    );
  }
  if (!known || data.error?.status === 404) {
    return (
      <section aria-labelledby="page-title" className="scorecard">
        {back}
        <div className="error scorecard-refused" role="alert">
          <h1 id="page-title">{pt('not_found_title')}</h1>
          <p>{pt('not_found', { id: repId })}</p>
        </div>
      </section>
    );
  }
  const q = data.data?.now.query;
  const periodName = filters.period === 'custom' ? t('period_custom') : t(`period_${filters.period}` as MessageKey);
  const drillParams = { ...params };
  return (
    <section aria-labelledby="page-title" className="scorecard">
      {back}
      <h1 id="page-title">{pt('title', { name })}</h1>
      <p className="subtitle">
        {known?.team_id ? pt('team', { team: nameOf('team', known.team_id) }) : known ? pt('no_team') : null}
        {q && (known ? ' · ' : '') + t('overview_subtitle', { period: periodName, from: fmt.date(q.from), to: fmt.date(q.to), asOf: fmt.date(q.as_of) })}
      </p>
      {data.loading && <Loading />}
      {data.error && <ErrorView error={data.error} onRetry={data.reload} />}
      {data.data && !data.loading && !data.error && (
        <>
          <h2 className="visually-hidden">{pt('cards_title')}</h2>
          <div className="cards">
            {TEAM_KPIS.filter((id) => kpis.has(id)).map((id) => {
              const kpi = kpis.get(id)!;
              const row = data.data!.now.rows.find((r) => r.kpi === id && Object.keys(r.group).length === 0);
              const unavailable = asked.includes(id) ? undefined : t('kpi_not_filterable', { dims: used.filter((d) => !kpi.dimensions.includes(d)).map((d) => t(d)).join(', ') });
              return <KpiCard key={id} kpi={kpi} row={row} trend={trends.of(id)} unavailable={unavailable} onDrill={row?.status === 'ok' ? () => setDrill(id) : undefined} />;
            })}
          </div>
          {asked.includes('revenue') && asked.includes('win_rate') && trends.periods.length > 0 && (
            <section className="scorecard-trend" aria-labelledby="scorecard-trend-title">
              <h2 id="scorecard-trend-title">{pt('trend_title')}</h2>
              <Chart option={option} height={280} label={pt('trend_label', { name })} />
            </section>
          )}
        </>
      )}
      {drill && <RecordsDialog kpi={drill} title={kpis.get(drill)!.name} params={drillParams} onClose={() => setDrill(null)} />}
    </section>
  );
}
