// A KPI report in each output format: an aligned table, Markdown, CSV (raw numbers) or ONE
// JSON object.
import { findKpi, kpiText } from '../../metrics/catalog.js';
import type { Lang } from '../../metrics/types.js';
import type { KpiResult } from '../../query/engine.js';
import type { KpiRow } from '../../query/rows.js';
import type { Comparison } from '../../query/query.js';
import { label } from './labels.js';
import { formatDelta, formatNumber, formatValue } from './numbers.js';
import { renderCsv, renderMarkdown, renderText, type Table } from './table.js';

export type ReportFormat = 'table' | 'json' | 'csv' | 'md';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'md'];

function groupKeys(rows: readonly KpiRow[]): string[] {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.group)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

function beside(r: KpiRow, lang: Lang, currency: string): string {
  if (!r.beside) return '';
  const unit = findKpi(r.kpi)!.unit;
  return Object.entries(r.beside)
    .map(([n, v]) => `${label(lang, n)} ${n === 'mean_score' ? (v === null ? '—' : formatNumber(v, lang, 2)) : formatValue(v, unit, lang, currency)}`)
    .join(', ');
}

export function reportTable(result: KpiResult, lang: Lang): Table {
  const { rows, query } = result;
  const dims = groupKeys(rows);
  const compare = query.compare as Comparison[];
  const headers = [label(lang, 'kpi'), label(lang, 'period'), ...dims.map((d) => (d === 'kpi' ? label(lang, 'kpi') : label(lang, d))), label(lang, 'value'), label(lang, 'n'), label(lang, 'ci95')];
  for (const c of compare) headers.push(label(lang, c), `${label(lang, 'delta')} ${label(lang, c)}`);
  headers.push(label(lang, 'status'));
  const right = new Set<number>();
  const first = 2 + dims.length;
  for (let i = first; i < headers.length - 1; i++) right.add(i);
  const body = rows.map((r) => {
    const k = findKpi(r.kpi)!;
    const cur = query.currency;
    const fmt = (v: number | null) => formatValue(v, k.unit, lang, cur);
    const groupCells = dims.map((d) => (d === 'kpi' && r.group.kpi ? kpiText(r.group.kpi, lang).name : (r.group[d] ?? '—')));
    const ci = r.ci95 ? `${fmt(r.ci95[0])}–${fmt(r.ci95[1])}` : '';
    const extra = beside(r, lang, cur);
    const cells = [kpiText(r.kpi, lang).name, r.period, ...groupCells, fmt(r.value) + (extra ? ` (${extra})` : ''), r.n === null ? '' : formatNumber(r.n, lang, 0), ci];
    for (const c of compare) {
      const v = r.comparisons?.[c];
      const shown = c === 'target' ? fmt(v?.value ?? null) : fmt(v?.value ?? null);
      const delta = c === 'target' && v?.attainment != null ? formatValue(v.attainment, 'ratio', lang, cur) : formatDelta(v?.delta ?? null, k.unit, lang, cur);
      cells.push(shown, delta + (v?.significant ? ' *' : ''));
    }
    cells.push(r.status + (r.message ? `: ${r.message}` : ''));
    return cells;
  });
  return { headers, rows: body, right };
}

export function reportCsv(result: KpiResult): string {
  const dims = groupKeys(result.rows);
  const compare = result.query.compare as Comparison[];
  const headers = ['kpi', 'period', ...dims, 'value', 'numerator', 'denominator', 'n', 'ci95_low', 'ci95_high'];
  for (const c of compare) headers.push(`${c}_value`, `${c}_delta`);
  headers.push('status', 'message');
  const rows = result.rows.map((r) => {
    const cells: unknown[] = [r.kpi, r.period, ...dims.map((d) => r.group[d] ?? null), r.value, r.numerator, r.denominator, r.n, r.ci95?.[0] ?? null, r.ci95?.[1] ?? null];
    for (const c of compare) cells.push(r.comparisons?.[c]?.value ?? null, r.comparisons?.[c]?.delta ?? null);
    cells.push(r.status, r.message ?? null);
    return cells;
  });
  return renderCsv(headers, rows);
}

export function renderReport(result: KpiResult, format: ReportFormat, lang: Lang): string {
  switch (format) {
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'csv':
      return reportCsv(result);
    case 'md':
      return renderMarkdown(reportTable(result, lang));
    case 'table':
      return renderText(reportTable(result, lang));
  }
}
