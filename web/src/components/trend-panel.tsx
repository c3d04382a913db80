// A KPI over time: a line chart of the last 12 months (or the period, when longer) in buckets of
// a grain, the previous year as a dashed second line, and a table of the values under it —
// each value opening the records of its bucket.
import { useId, useMemo } from 'react';
import { api } from '../api';
import { useI18n, usePageT } from '../i18n';
import { useSession } from '../session';
import type { KpiEntry, KpiResult, KpiRow } from '../types';
import { Chart, type ChartOption } from './chart';
import { kitMessages } from './report-kit.i18n';
import { allMissing, ChartLegend, rowProblem, useCompact, ValueCell, type Drill, type Params } from './report-kit';
import { ReportTable, type Column } from './report-table';
import { bucketsOf, trendWindow, type Range, type TrendGrain } from './trend-window';

export interface TrendData {
  grain: TrendGrain;
  range: Range;
  /** The buckets of the range, in the order of the API's rows. */
  buckets: Range[];
  result: KpiResult;
}

/** The month the fiscal year starts in (quarters follow it). */
export async function fiscalStartMonth(): Promise<number> {
  const settings = await api.get<Record<string, string>>('/api/settings');
  return Number(settings.fiscal_year_start_month) || 1;
}

/** The trend of `ids` for a resolved period (the API's `query` of it), with the previous year. */
export async function loadTrend(ids: readonly string[], q: { from: string; to: string; as_of: string }, grain: TrendGrain, filter: Params['filter'], fiscal: number): Promise<TrendData> {
  const range = trendWindow(q, grain, fiscal);
  const result = await api.get<KpiResult>('/api/report', { kpi: ids.join(','), from: range.from, to: range.to, as_of: q.as_of, grain, filter, compare: 'previous_year' });
  return { grain, range, buckets: bucketsOf(range, grain, fiscal), result };
}

/** One KPI's ungrouped rows of a trend, in bucket order. */
export function trendRows(data: TrendData | null | undefined, kpi: string): KpiRow[] {
  return (data?.result.rows ?? []).filter((r) => r.kpi === kpi && Object.keys(r.group).length === 0);
}

interface Point {
  row: KpiRow;
  bucket: Range | undefined;
}

export function TrendPanel({ kpi, data, unavailable, filter, onDrill, compact = false, heading = 2 }: { kpi: KpiEntry; data: TrendData | null; unavailable?: string; filter: Params['filter']; onDrill?: (d: Drill) => void; compact?: boolean; heading?: 2 | 3 }) {
  const { t } = useI18n();
  const kt = usePageT(kitMessages);
  const { fmt } = useSession();
  const short = useCompact();
  const id = useId();
  const H = heading === 2 ? 'h2' : 'h3';
  const rows = trendRows(data, kpi.id);
  const points: Point[] = rows.map((row, i) => ({ row, bucket: data && data.buckets.length === rows.length ? data.buckets[i] : undefined }));
  const hasPrevious = rows.some((r) => r.comparisons?.previous_year);
  const per = data ? kt(`per_${data.grain}`) : '';
  const empty = data ? allMissing(rows, kpi.id) : null;
  const prevLabel = kt('previous_year');
  const option = useMemo<ChartOption>(() => {
    const labels = rows.map((r) => fmt.period(r.period));
    const value = (v: unknown) => (typeof v === 'number' ? fmt.value(v, kpi.unit) : '–');
    return {
      animation: false,
      grid: { left: 8, right: 16, top: 12, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: value },
      xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true, color: '#5b6675' }, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', scale: kpi.unit !== 'money' && kpi.unit !== 'count', axisLabel: { formatter: (v: number) => short(v, kpi.unit), color: '#5b6675' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      series: [
        { name: kpi.name, type: 'line', data: rows.map((r) => r.value), symbolSize: 6, lineStyle: { width: 2.5, color: '#1f4fd8' }, itemStyle: { color: '#1f4fd8' } },
        ...(hasPrevious
          ? [{ name: prevLabel, type: 'line', data: rows.map((r) => r.comparisons?.previous_year?.value ?? null), symbol: 'none', lineStyle: { width: 1.5, type: 'dashed', color: '#7b8594' }, itemStyle: { color: '#7b8594' } }]
          : []),
      ],
    };
  }, [data, kpi, fmt, short, hasPrevious, prevLabel]);
  const columns: Column<Point>[] = [
    { id: 'period', label: kt('col_period'), sort: (p) => p.row.period, cell: (p) => fmt.period(p.row.period) },
    {
      id: 'value',
      label: kt('col_value'),
      num: true,
      sort: (p) => p.row.value,
      cell: (p) => <ValueCell kpi={kpi} row={p.row} what={fmt.period(p.row.period)} onDrill={onDrill && p.bucket && p.row.status === 'ok' ? () => onDrill({ kpi: kpi.id, title: kt('records_of', { kpi: kpi.name, what: fmt.period(p.row.period) }), params: { from: p.bucket!.from, to: p.bucket!.to, as_of: data!.result.query.as_of, filter } }) : undefined} />,
    },
    ...(kpi.unit === 'ratio' ? [{ id: 'n', label: kt('col_n'), num: true, sort: (p: Point) => p.row.n, cell: (p: Point) => fmt.count(p.row.n) }] : []),
    ...(hasPrevious
      ? [
          { id: 'previous', label: kt('col_previous_year'), num: true, sort: (p: Point) => p.row.comparisons?.previous_year?.value ?? null, cell: (p: Point) => fmt.value(p.row.comparisons?.previous_year?.value ?? null, kpi.unit) },
          { id: 'change', label: kt('col_change'), num: true, sort: (p: Point) => p.row.comparisons?.previous_year?.delta ?? null, cell: (p: Point) => fmt.delta(p.row.comparisons?.previous_year?.delta ?? null, kpi.unit) },
        ]
      : []),
  ];
  const first = rows[0]?.period;
  const last = rows[rows.length - 1]?.period;
  const label = first && last ? kt(hasPrevious ? 'trend_chart_previous' : 'trend_chart', { kpi: kpi.name, per, from: fmt.period(first), to: fmt.period(last) }) : kpi.name;
  return (
    <article className={`rpt-panel rpt-trend${compact ? ' rpt-trend-compact' : ''}`} data-kpi={kpi.id} aria-labelledby={`${id}-h`}>
      <H id={`${id}-h`}>{kpi.name}</H>
      <p className="rpt-def">{kpi.definition}</p>
      {unavailable ? (
        <p className="kpi-missing">{unavailable}</p>
      ) : empty ? (
        <p className="kpi-missing">{rowProblem(empty, kpi, t)}</p>
      ) : data && rows.length > 0 ? (
        <>
          {hasPrevious && <ChartLegend items={[{ name: kpi.name, color: '#1f4fd8', shape: 'line' }, { name: prevLabel, color: '#7b8594', shape: 'dashed' }]} />}
          <Chart option={option} label={label} height={compact ? 200 : 230} />
          <ReportTable caption={kt('trend_caption', { kpi: kpi.name, per })} columns={columns} rows={points} rowKey={(p) => p.row.period} className={points.length > 14 ? 'rpt-trend-table' : undefined} />
        </>
      ) : null}
    </article>
  );
}
