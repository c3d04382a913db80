// Trends: the chosen KPIs over the last 12 months up to the end of the period, by week, month or
// quarter — a line per KPI with the previous year beside it, and the values in a table under
// each chart, every value opening the records of its bucket. The choice is remembered.
import { useState } from 'react';
import { api } from '../api';
import { ErrorView, Loading } from '../components/status';
import { PeriodLine, alwaysSplitBy, useAvailability, useDrill } from '../components/report-kit';
import { kitMessages } from '../components/report-kit.i18n';
import { fiscalStartMonth, loadTrend, TrendPanel } from '../components/trend-panel';
import type { TrendGrain } from '../components/trend-window';
import { usePageT } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams, type Filters } from '../state';
import type { KpiEntry, KpiResult } from '../types';
import { useApi } from '../use-api';
import { trendsMessages } from './trends.i18n';

export const TREND_DEFAULTS = ['revenue', 'win_rate', 'average_deal_size', 'opportunities_created', 'sales_cycle_length'];
const GRAINS: TrendGrain[] = ['week', 'month', 'quarter'];
const FAMILIES = ['revenue', 'pipeline', 'activity', 'customers'] as const;
const KEY = 'quotient.trends';

/** KPIs with one value per bucket: not those always split (per product, stage, …) or per target. */
export function trendable(k: KpiEntry): boolean {
  return alwaysSplitBy(k).length === 0 && k.id !== 'target_attainment';
}

function remembered(): { kpis?: string[]; grain?: TrendGrain } {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}') as { kpis?: unknown; grain?: unknown };
    return {
      kpis: Array.isArray(v.kpis) ? v.kpis.filter((x): x is string => typeof x === 'string') : undefined,
      grain: GRAINS.includes(v.grain as TrendGrain) ? (v.grain as TrendGrain) : undefined,
    };
  } catch {
    return {};
  }
}

export function Trends({ filters }: { filters: Filters }) {
  const pt = usePageT(trendsMessages);
  const kt = usePageT(kitMessages);
  const { kpis, fmt } = useSession();
  const drill = useDrill();
  const [chosen, setChosen] = useState<string[]>(() => remembered().kpis ?? TREND_DEFAULTS);
  const [grain, setGrain] = useState<TrendGrain>(() => remembered().grain ?? 'month');
  const save = (k: string[], g: TrendGrain) => {
    setChosen(k);
    setGrain(g);
    localStorage.setItem(KEY, JSON.stringify({ kpis: k, grain: g }));
  };
  const options = [...kpis.values()].filter(trendable);
  // In the catalog's order, whatever the order of the clicks.
  const shown = options.filter((k) => chosen.includes(k.id));
  const params = apiFilterParams(filters);
  const { asked, why } = useAvailability(
    shown.map((k) => k.id),
    filters,
  );
  const data = useApi(async () => {
    if (asked.length === 0) return null;
    const [fiscal, now] = await Promise.all([fiscalStartMonth(), api.get<KpiResult>('/api/report', { ...params, kpi: asked[0] })]);
    return { now, trend: await loadTrend(asked, now.query, grain, params.filter, fiscal) };
  }, [JSON.stringify(params), asked.join(','), grain]);
  const toggle = (id: string, on: boolean) => save(on ? [...chosen, id] : chosen.filter((x) => x !== id), grain);
  const range = data.data?.trend.range;
  return (
    <section aria-labelledby="page-title" className="trends-page">
      <h1 id="page-title">{pt('title')}</h1>
      <PeriodLine filters={filters} query={data.data?.now.query} />
      <p className="rpt-intro">{pt('intro')}</p>
      <div className="trends-controls">
        <details className="trends-picker">
          <summary>{pt('choose', { count: shown.length })}</summary>
          <div className="trends-families">
            {FAMILIES.map((f) => {
              const list = options.filter((k) => k.family === f);
              return list.length === 0 ? null : (
                <fieldset key={f}>
                  <legend>{pt(`family_${f}`)}</legend>
                  {list.map((k) => (
                    <label key={k.id} className="trends-check">
                      <input type="checkbox" name="kpi" value={k.id} checked={chosen.includes(k.id)} onChange={(e) => toggle(k.id, e.target.checked)} />
                      {k.name}
                    </label>
                  ))}
                </fieldset>
              );
            })}
          </div>
          <button type="button" className="link" onClick={() => save(TREND_DEFAULTS, grain)}>
            {pt('defaults')}
          </button>
        </details>
        <label htmlFor="trends-grain" className="trends-grain">
          {pt('grain')}
          <select id="trends-grain" value={grain} onChange={(e) => save(chosen, e.target.value as TrendGrain)}>
            {GRAINS.map((g) => (
              <option key={g} value={g}>
                {pt(`grain_${g}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {range && <p className="note">{pt('window', { from: fmt.date(range.from), to: fmt.date(range.to), per: kt(`per_${grain}`) })}</p>}
      {shown.length === 0 && <p className="kpi-missing">{pt('none')}</p>}
      {data.loading && asked.length > 0 && <Loading />}
      {data.error && <ErrorView error={data.error} onRetry={data.reload} />}
      {!data.loading && !data.error && (
        <div className="rpt-grid">
          {shown.map((k) => (
            <TrendPanel key={k.id} kpi={k} data={data.data?.trend ?? null} unavailable={why(k.id)} filter={params.filter} onDrill={drill.allowed ? drill.open : undefined} />
          ))}
        </div>
      )}
      {drill.dialog}
    </section>
  );
}
