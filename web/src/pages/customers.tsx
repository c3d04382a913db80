// Customers: NPS, satisfaction, retention, churn and new customers — a card each (value, change
// against the previous period, target, interval of a rate) and each one's last 12 months as a
// line with the previous year, the values in a table; every number opens its records.
import { api } from '../api';
import { KpiCard } from '../components/kpi-card';
import { PeriodLine, useAvailability, useDrill } from '../components/report-kit';
import { ErrorView, Loading } from '../components/status';
import { fiscalStartMonth, loadTrend, TrendPanel, trendRows } from '../components/trend-panel';
import { usePageT } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams, type Filters } from '../state';
import type { KpiResult } from '../types';
import { useApi } from '../use-api';
import { customersMessages } from './customers.i18n';

export const CUSTOMER_KPIS = ['nps', 'csat', 'retention_rate', 'churn_rate', 'new_customers'];

export function Customers({ filters }: { filters: Filters }) {
  const pt = usePageT(customersMessages);
  const { kpis, fmt } = useSession();
  const drill = useDrill();
  const params = apiFilterParams(filters);
  const { asked, why } = useAvailability(CUSTOMER_KPIS, filters);
  const data = useApi(async () => {
    if (asked.length === 0) return null;
    const [fiscal, now] = await Promise.all([fiscalStartMonth(), api.get<KpiResult>('/api/report', { ...params, kpi: asked.join(','), compare: 'previous_period,target' })]);
    return { now, trend: await loadTrend(asked, now.query, 'month', params.filter, fiscal) };
  }, [JSON.stringify(params), asked.join(',')]);
  const shown = CUSTOMER_KPIS.filter((id) => kpis.has(id));
  const range = data.data?.trend.range;
  return (
    <section aria-labelledby="page-title" className="customers-page">
      <h1 id="page-title">{pt('title')}</h1>
      <PeriodLine filters={filters} query={data.data?.now.query} />
      <p className="rpt-intro">{pt('intro')}</p>
      {data.loading && asked.length > 0 && <Loading />}
      {data.error && <ErrorView error={data.error} onRetry={data.reload} />}
      {!data.loading && !data.error && (
        <>
          <h2 className="visually-hidden">{pt('cards')}</h2>
          <div className="cards">
            {shown.map((id) => {
              const row = data.data?.now.rows.find((r) => r.kpi === id && Object.keys(r.group).length === 0);
              return <KpiCard key={id} kpi={kpis.get(id)!} row={row} trend={trendRows(data.data?.trend, id).map((r) => r.value)} unavailable={why(id)} onDrill={drill.allowed && row?.status === 'ok' ? () => drill.open({ kpi: id, title: kpis.get(id)!.name, params }) : undefined} />;
            })}
          </div>
          <h2 className="customers-trends">{pt('trends')}</h2>
          {range && <p className="note">{pt('window', { from: fmt.date(range.from), to: fmt.date(range.to) })}</p>}
          <div className="rpt-grid">
            {shown.map((id) => (
              <TrendPanel key={id} kpi={kpis.get(id)!} data={data.data?.trend ?? null} unavailable={why(id)} filter={params.filter} onDrill={drill.allowed ? drill.open : undefined} compact heading={3} />
            ))}
          </div>
        </>
      )}
      {drill.dialog}
    </section>
  );
}
