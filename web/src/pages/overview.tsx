// Overview: the KPIs that matter most, as cards — value, change against the previous period,
// target progress, a 12-month sparkline, intervals for rates — each opening its records.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { KpiCard } from '../components/kpi-card';
import { RecordsDialog } from '../components/records-dialog';
import { ErrorView, Loading } from '../components/status';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams, FILTER_DIMS, type Filters } from '../state';
import type { KpiResult } from '../types';
import { useApi } from '../use-api';

export const OVERVIEW_KPIS = ['revenue', 'win_rate', 'average_deal_size', 'sales_cycle_length', 'opportunities_created', 'open_pipeline_value', 'quota_attainment', 'nps'];

/** The first day of the month `months` before the month of `iso`. */
export function monthsBefore(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 - months, 1));
  return d.toISOString().slice(0, 10);
}

export function Overview({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const { kpis, fmt } = useSession();
  const [drill, setDrill] = useState<string | null>(null);
  const params = apiFilterParams(filters);
  const used = FILTER_DIMS.filter((d) => filters[d]);
  // KPIs that cannot be filtered by a dimension in use are shown as unavailable, not asked.
  const asked = OVERVIEW_KPIS.filter((id) => kpis.get(id) && used.every((d) => kpis.get(id)!.dimensions.includes(d)));
  const data = useApi(async () => {
    if (asked.length === 0) return null;
    const now = await api.get<KpiResult>('/api/report', { ...params, kpi: asked.join(','), compare: 'previous_period,target' });
    const trend = await api.get<KpiResult>('/api/report', { kpi: asked.join(','), from: monthsBefore(now.query.from, 11), to: now.query.to, as_of: now.query.as_of, grain: 'month', filter: params.filter });
    return { now, trend };
  }, [JSON.stringify(params), asked.join(',')]);
  const trends = useMemo(() => {
    const m = new Map<string, (number | null)[]>();
    for (const r of data.data?.trend.rows ?? []) m.set(r.kpi, [...(m.get(r.kpi) ?? []), r.value]);
    return m;
  }, [data.data]);
  const q = data.data?.now.query;
  const periodName = filters.period === 'custom' ? t('period_custom') : t(`period_${filters.period}` as MessageKey);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('overview_title')}</h1>
      {q && <p className="subtitle">{t('overview_subtitle', { period: periodName, from: fmt.date(q.from), to: fmt.date(q.to), asOf: fmt.date(q.as_of) })}</p>}
      {data.loading && <Loading />}
      {data.error && <ErrorView error={data.error} onRetry={data.reload} />}
      {!data.loading && !data.error && (
        <div className="cards">
          {OVERVIEW_KPIS.filter((id) => kpis.has(id)).map((id) => {
            const kpi = kpis.get(id)!;
            const row = data.data?.now.rows.find((r) => r.kpi === id && Object.keys(r.group).length === 0);
            const unavailable = asked.includes(id) ? undefined : t('kpi_not_filterable', { dims: used.filter((d) => !kpi.dimensions.includes(d)).map((d) => t(d)).join(', ') });
            return <KpiCard key={id} kpi={kpi} row={row} trend={trends.get(id) ?? []} unavailable={unavailable} onDrill={row?.status === 'ok' ? () => setDrill(id) : undefined} />;
          })}
        </div>
      )}
      {drill && <RecordsDialog kpi={drill} title={kpis.get(drill)!.name} params={params} onClose={() => setDrill(null)} />}
    </section>
  );
}
