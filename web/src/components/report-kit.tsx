// What the report pages (Trends, Products, Sources and channels, Customers) share: which KPIs
// can follow the filters in use, why a value is missing in words, a value that opens the
// records behind it, the records dialog itself, the period line under a title, and compact
// axis labels for charts.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { useSession } from '../session';
import { FILTER_DIMS, type Filters } from '../state';
import type { KpiEntry, KpiResult, KpiRow, Unit } from '../types';
import { RecordsDialog } from './records-dialog';

type T = ReturnType<typeof useI18n>['t'];
export type Params = Record<string, string | string[] | undefined>;

/** The dimensions a KPI is always split by (the catalog's `implicit`, e.g. product for revenue_per_product). */
export function alwaysSplitBy(kpi: KpiEntry | undefined): string[] {
  return (kpi as (KpiEntry & { implicit?: string[] }) | undefined)?.implicit ?? [];
}

/**
 * Which of `ids` the filters in use allow: `asked` are the KPIs to request, `why(id)` says in
 * words why another cannot be shown (a dimension it cannot be filtered by), as the Overview does.
 */
export function useAvailability(ids: readonly string[], filters: Filters): { asked: string[]; why(id: string): string | undefined } {
  const { t } = useI18n();
  const { kpis } = useSession();
  const used = FILTER_DIMS.filter((d) => filters[d]);
  const known = ids.filter((id) => kpis.has(id));
  const asked = known.filter((id) => used.every((d) => kpis.get(id)!.dimensions.includes(d)));
  const why = (id: string) => {
    const kpi = kpis.get(id);
    if (!kpi || asked.includes(id)) return undefined;
    return t('kpi_not_filterable', { dims: used.filter((d) => !kpi.dimensions.includes(d)).map((d) => t(d)).join(', ') });
  };
  return { asked, why };
}

/** Why a row has no value, in words (null when it has one). */
export function rowProblem(row: KpiRow | undefined, kpi: KpiEntry, t: T): string | null {
  const needs = (entities: string[]) => t('no_data', { needs: entities.map((e) => t(`entity_${e}` as MessageKey)).join(', ') });
  if (!row) return t('kpi_status_no_data');
  if (row.status === 'ok') return row.value === null ? t('kpi_status_no_data') : null;
  if (row.status === 'no_data') return t('kpi_status_no_data');
  if (row.status.startsWith('needs_')) return needs([row.status.slice(6)]);
  if (row.status === 'missing_fx_rate') return t('kpi_status_missing_fx', { currency: /for ([A-Z]{3})/.exec(row.message ?? '')?.[1] ?? '?' });
  if (row.status === 'zero_denominator') return t('kpi_status_zero_denominator');
  if (row.status === 'out_of_scope') return t('kpi_status_out_of_scope');
  if (row.status === 'no_target') return t('kpi_status_no_target');
  return t('kpi_status_other', { message: row.message ?? row.status });
}

/** A KPI with no value at all in a result says so once, instead of a column of dashes. */
export function allMissing(rows: readonly KpiRow[], kpi: string): KpiRow | null {
  const own = rows.filter((r) => r.kpi === kpi);
  if (own.length === 0) return null;
  return own.every((r) => r.value === null) ? own[0] : null;
}

export interface Drill {
  kpi: string;
  title: string;
  params: Params;
}

/** The records dialog of a page: `open` a KPI's records for some parameters, `dialog` renders it. */
export function useDrill(): { open(d: Drill): void; dialog: ReactNode; allowed: boolean } {
  const { me } = useSession();
  const [drill, setDrill] = useState<Drill | null>(null);
  const close = useCallback(() => setDrill(null), []);
  return {
    open: setDrill,
    // Viewers see totals only; the API lists no records for them, so no number offers them.
    allowed: me.user.role !== 'viewer',
    dialog: drill ? <RecordsDialog kpi={drill.kpi} title={drill.title} params={drill.params} onClose={close} /> : null,
  };
}

/** Filter parameters plus one more dimension value (a row's group), for the records behind it. */
export function withFilter(params: Params, dim: string, value: string): Params {
  const filter = ([] as string[]).concat(params.filter ?? []).filter((f) => !f.startsWith(`${dim}=`));
  return { ...params, filter: [...filter, `${dim}=${value}`] };
}

/**
 * A KPI's value in a table cell: formatted in the chosen language; a button to the records
 * behind it when `onDrill` is given; a dash with the reason in words when there is no value.
 */
export function ValueCell({ kpi, row, what, onDrill }: { kpi: KpiEntry; row: KpiRow | undefined; what?: string; onDrill?: () => void }) {
  const { t } = useI18n();
  const { fmt } = useSession();
  const problem = row && row.value !== null ? null : rowProblem(row, kpi, t);
  if (problem !== null || !row || row.value === null) {
    return (
      <span className="rpt-none" title={problem ?? undefined}>
        –<span className="visually-hidden"> {problem}</span>
      </span>
    );
  }
  const text = fmt.value(row.value, kpi.unit);
  if (!onDrill) return <>{text}</>;
  return <DrillButton text={text} what={what ? `${kpi.name} (${what})` : kpi.name} onClick={onDrill} />;
}

/** A number that opens the records behind it; `what` names them ("Revenue (March)"). */
export function DrillButton({ text, what, onClick }: { text: string; what: string; onClick(): void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="rpt-drill" onClick={onClick} title={t('show_records', { kpi: what })} aria-label={`${text} — ${t('show_records', { kpi: what })}`}>
      {text}
    </button>
  );
}

/** "Custom: Mar 1, 2026 – Mar 31, 2026, as of Mar 31, 2026" under a page's title. */
export function PeriodLine({ filters, query }: { filters: Filters; query: KpiResult['query'] | undefined }) {
  const { t } = useI18n();
  const { fmt } = useSession();
  if (!query) return null;
  const period = filters.period === 'custom' ? t('period_custom') : t(`period_${filters.period}` as MessageKey);
  return <p className="subtitle">{t('overview_subtitle', { period, from: fmt.date(query.from), to: fmt.date(query.to), asOf: fmt.date(query.as_of) })}</p>;
}

/** Short labels for chart axes: $1.2M, 45%, 3.4K. */
export function useCompact(): (x: number, unit: Unit) => string {
  const { locale } = useI18n();
  const { currency } = useSession();
  return useMemo(() => {
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const num = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    return (x, unit) => (unit === 'money' ? money.format(x) : unit === 'ratio' ? pct.format(x) : num.format(x));
  }, [locale, currency]);
}

/** Whether the window is phone-narrow (charts then give their labels less room). */
export function useNarrow(): boolean {
  const query = '(max-width: 640px)';
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
}

/** A chart's legend in HTML: it wraps on a narrow screen instead of covering the chart. */
export function ChartLegend({ items }: { items: { name: string; color: string; shape?: 'line' | 'dashed' | 'dot' | 'bar' }[] }) {
  return (
    <ul className="rpt-legend" aria-hidden="true">
      {items.map((i) => (
        <li key={i.name}>
          <span className={`rpt-swatch rpt-swatch-${i.shape ?? 'bar'}`} style={{ color: i.color }} />
          {i.name}
        </li>
      ))}
    </ul>
  );
}
