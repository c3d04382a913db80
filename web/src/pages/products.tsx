// Products: revenue of the won line items (revenue_per_product) and gross margin, by product and
// by product line — bars, and tables with each one's share of revenue, margin and gross profit;
// every value opens the line items behind it.
import { useMemo } from 'react';
import { api } from '../api';
import { Chart, type ChartOption } from '../components/chart';
import { PeriodLine, allMissing, useNarrow, rowProblem, useAvailability, useCompact, useDrill, ValueCell, withFilter, type Params } from '../components/report-kit';
import { kitMessages } from '../components/report-kit.i18n';
import { ReportTable, type Column } from '../components/report-table';
import { ErrorView, Loading } from '../components/status';
import { useI18n, usePageT } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams, type Filters } from '../state';
import type { KpiEntry, KpiResult, KpiRow } from '../types';
import { useApi } from '../use-api';
import { productsMessages } from './products.i18n';

const REVENUE = 'revenue_per_product';
const MARGIN = 'gross_margin';

interface Item {
  key: string;
  name: string;
  line: string | null;
  products: number;
  revenue: KpiRow | undefined;
  margin: KpiRow | undefined;
  share: number | null;
}

const sum = (xs: (number | null | undefined)[]) => Math.round(xs.reduce<number>((a, b) => a + (b ?? 0), 0) * 100) / 100;

/** Products, or product lines, with their revenue, margin and share of the total. */
function items(allRevenue: KpiRow[], allMargin: KpiRow[], dim: 'product' | 'product_line', lineOf: (id: string) => string | null, nameOf: (id: string | null) => string, period: string): Item[] {
  // Rows without the split (a KPI whose data is missing answers once) are no product.
  const revenue = allRevenue.filter((r) => dim in r.group);
  const margin = allMargin.filter((r) => dim in r.group);
  const keys = [...new Set([...revenue, ...margin].map((r) => r.group[dim] ?? null))];
  const total = sum(revenue.map((r) => r.value));
  return keys.map((k) => {
    const own = revenue.filter((r) => (r.group[dim] ?? null) === k);
    // A product line's revenue adds up its products' (revenue_per_product is always per product).
    const rev: KpiRow | undefined =
      dim === 'product' ? own[0] : own.length === 0 ? undefined : { kpi: REVENUE, period, group: { product_line: k }, value: sum(own.map((r) => r.value)), numerator: null, denominator: null, n: null, ci95: null, status: own.some((r) => r.status === 'ok') ? 'ok' : own[0].status, message: own[0].message };
    return {
      key: k ?? '',
      name: nameOf(k),
      line: dim === 'product' ? (k === null ? null : lineOf(k)) : k,
      products: dim === 'product' ? 1 : new Set(own.map((r) => r.group.product)).size,
      revenue: rev,
      margin: margin.find((r) => (r.group[dim] ?? null) === k),
      share: rev?.value !== null && rev?.value !== undefined && total > 0 ? rev.value / total : null,
    };
  });
}

export function Products({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const pt = usePageT(productsMessages);
  const kt = usePageT(kitMessages);
  const { kpis, fmt, dims, nameOf } = useSession();
  const short = useCompact();
  const narrow = useNarrow();
  const drill = useDrill();
  const params = apiFilterParams(filters);
  const { asked, why } = useAvailability([REVENUE, MARGIN], filters);
  const data = useApi(async () => {
    if (asked.length === 0) return null;
    const [byProduct, byLine] = await Promise.all([
      api.get<KpiResult>('/api/report', { ...params, kpi: asked.join(','), by: 'product', compare: 'previous_period' }),
      api.get<KpiResult>('/api/report', { ...params, kpi: asked.join(','), by: 'product_line' }),
    ]);
    return { byProduct, byLine };
  }, [JSON.stringify(params), asked.join(',')]);
  const rev = kpis.get(REVENUE);
  const mar = kpis.get(MARGIN);
  const lineOfProduct = useMemo(() => new Map(dims.products.map((p) => [p.id, p.product_line])), [dims]);
  const noLine = pt('no_line');
  const result = data.data;
  const period = result?.byProduct.query.period ?? '';
  const products = result ? items(result.byProduct.rows.filter((r) => r.kpi === REVENUE), result.byProduct.rows.filter((r) => r.kpi === MARGIN), 'product', (id) => lineOfProduct.get(id) ?? null, (id) => nameOf('product', id), period) : [];
  const lines = result ? items(result.byLine.rows.filter((r) => r.kpi === REVENUE), result.byLine.rows.filter((r) => r.kpi === MARGIN), 'product_line', () => null, (l) => l ?? noLine, period) : [];
  const byRevenue = (a: Item, b: Item) => (b.revenue?.value ?? -Infinity) - (a.revenue?.value ?? -Infinity);
  products.sort(byRevenue);
  lines.sort(byRevenue);
  const open = (kpi: KpiEntry, item: Item, dim: 'product' | 'product_line', row: KpiRow | undefined) =>
    drill.allowed && row?.status === 'ok' && (dim === 'product' || item.line !== null) ? () => drill.open({ kpi: kpi.id, title: kt('records_of', { kpi: kpi.name, what: item.name }), params: withFilter(params as Params, dim, item.key) }) : undefined;

  const columns = (dim: 'product' | 'product_line'): Column<Item>[] => [
    { id: 'name', label: dim === 'product' ? pt('col_product') : pt('col_line'), sort: (i) => i.name, cell: (i) => i.name },
    dim === 'product' ? { id: 'line', label: pt('col_line'), sort: (i) => i.line, cell: (i) => i.line ?? noLine } : { id: 'products', label: pt('col_products'), num: true, sort: (i) => i.products, cell: (i) => fmt.count(i.products) },
    ...(rev ? [{ id: 'revenue', label: pt('col_revenue'), num: true, sort: (i: Item) => i.revenue?.value, cell: (i: Item) => <ValueCell kpi={rev} row={i.revenue} what={i.name} onDrill={open(rev, i, dim, i.revenue)} /> }] : []),
    ...(rev ? [{ id: 'share', label: pt('col_share'), num: true, sort: (i: Item) => i.share, cell: (i: Item) => fmt.percent(i.share, 1) }] : []),
    ...(rev && dim === 'product' ? [{ id: 'change', label: kt('col_change_previous'), num: true, sort: (i: Item) => i.revenue?.comparisons?.previous_period?.delta, cell: (i: Item) => fmt.delta(i.revenue?.comparisons?.previous_period?.delta ?? null, 'money') }] : []),
    ...(mar
      ? [
          { id: 'margin', label: pt('col_margin'), num: true, sort: (i: Item) => i.margin?.value, cell: (i: Item) => <ValueCell kpi={mar} row={i.margin} what={i.name} onDrill={open(mar, i, dim, i.margin)} /> },
          { id: 'profit', label: pt('col_profit'), num: true, sort: (i: Item) => (i.margin?.status === 'ok' ? i.margin.numerator : null), cell: (i: Item) => fmt.money(i.margin?.status === 'ok' ? i.margin.numerator : null) },
        ]
      : []),
  ];
  const foot = (list: Item[], dim: 'product' | 'product_line') => {
    const costed = list.map((i) => i.margin).filter((m): m is KpiRow => m?.status === 'ok' && m.numerator !== null && m.denominator !== null);
    const den = sum(costed.map((m) => m.denominator));
    return [
      kt('total'),
      dim === 'product' ? '' : fmt.count(sum(list.map((i) => i.products))),
      ...(rev ? [fmt.money(sum(list.map((i) => i.revenue?.value))), fmt.percent(list.some((i) => i.share !== null) ? 1 : null, 1)] : []),
      ...(rev && dim === 'product' ? [''] : []),
      ...(mar ? [costed.length ? fmt.value(Math.round((sum(costed.map((m) => m.numerator)) / den) * 1e6) / 1e6, 'ratio') : '–', fmt.money(costed.length ? sum(costed.map((m) => m.numerator)) : null)] : []),
    ];
  };

  const listOf = (list: Item[], value: (i: Item) => string) => list.map((i) => `${i.name} ${value(i)}`).join('; ');
  const withRevenue = products.filter((i) => i.revenue?.value !== null && i.revenue?.value !== undefined);
  const productChart = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 64, top: 8, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.money(v) : '–') },
      xAxis: { type: 'value', splitNumber: narrow ? 2 : 5, axisLabel: { formatter: (v: number) => short(v, 'money'), color: '#5b6675' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', inverse: true, data: withRevenue.map((i) => i.name), axisLabel: { color: '#1b2330', width: narrow ? 110 : 190, overflow: 'truncate' } },
      series: [{ type: 'bar', data: withRevenue.map((i) => i.revenue!.value), barMaxWidth: 22, itemStyle: { color: '#1f4fd8', borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', formatter: (p: { value: number }) => short(p.value, 'money'), color: '#1b2330' } }],
    }),
    [JSON.stringify(withRevenue.map((i) => [i.name, i.revenue?.value])), fmt, short, narrow],
  );
  const lineChart = (value: (i: Item) => number | null | undefined, unit: 'money' | 'ratio', color: string): ChartOption => ({
    animation: false,
    grid: { left: 8, right: 8, top: 24, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.value(v, unit) : '–') },
    xAxis: { type: 'category', data: lines.map((i) => i.name), axisLabel: { color: '#1b2330', interval: 0, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => short(v, unit), color: '#5b6675' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
    series: [{ type: 'bar', data: lines.map((i) => value(i) ?? null), barMaxWidth: 48, itemStyle: { color, borderRadius: [3, 3, 0, 0] }, label: { show: true, position: 'top', formatter: (p: { value: number }) => short(p.value, unit), color: '#1b2330' } }],
  });
  const missing = result && rev && allMissing(result.byProduct.rows, REVENUE);
  return (
    <section aria-labelledby="page-title" className="products-page">
      <h1 id="page-title">{pt('title')}</h1>
      <PeriodLine filters={filters} query={result?.byProduct.query} />
      <p className="rpt-intro">{pt('intro')}</p>
      {[REVENUE, MARGIN].map((id) => (why(id) ? <p key={id} className="kpi-missing">{`${kpis.get(id)?.name}: ${why(id)}`}</p> : null))}
      {data.loading && asked.length > 0 && <Loading />}
      {data.error && <ErrorView error={data.error} onRetry={data.reload} />}
      {result && !data.loading && (
        <>
          {missing && rev ? <p className="kpi-missing">{`${rev.name}: ${rowProblem(missing, rev, t)}`}</p> : null}
          {!missing && products.length === 0 && <p className="kpi-missing">{pt('empty')}</p>}
          {products.length > 0 && (
            <>
              <section className="rpt-panel" aria-labelledby="products-by-product">
                <h2 id="products-by-product">{pt('by_product')}</h2>
                {withRevenue.length > 0 && (
                  <>
                    <h3 className="rpt-chart-title">{pt('chart_products')}</h3>
                    <Chart option={productChart} height={Math.max(120, withRevenue.length * 32 + 40)} label={pt('chart_products_label', { list: listOf(withRevenue, (i) => fmt.money(i.revenue!.value)) })} />
                  </>
                )}
                <ReportTable caption={pt('caption_products')} columns={columns('product')} rows={products} rowKey={(i) => i.key} foot={foot(products, 'product')} initialSort={{ id: 'revenue', dir: -1 }} />
                {mar && <p className="note">{pt('margin_note')}</p>}
              </section>
              <section className="rpt-panel" aria-labelledby="products-by-line">
                <h2 id="products-by-line">{pt('by_line')}</h2>
                <div className="products-charts">
                  {rev && (
                    <div>
                      <h3 className="rpt-chart-title">{pt('chart_lines')}</h3>
                      <Chart option={lineChart((i) => i.revenue?.value, 'money', '#1f4fd8')} height={220} label={pt('chart_lines_label', { list: listOf(lines, (i) => fmt.money(i.revenue?.value ?? null)) })} />
                    </div>
                  )}
                  {mar && (
                    <div>
                      <h3 className="rpt-chart-title">{pt('chart_margin')}</h3>
                      <Chart option={lineChart((i) => i.margin?.value, 'ratio', '#1b7a3d')} height={220} label={pt('chart_margin_label', { list: listOf(lines, (i) => fmt.value(i.margin?.value ?? null, 'ratio')) })} />
                    </div>
                  )}
                </div>
                <ReportTable caption={pt('caption_lines')} columns={columns('product_line')} rows={lines} rowKey={(i) => i.key} foot={foot(lines, 'product_line')} initialSort={{ id: 'revenue', dir: -1 }} />
              </section>
            </>
          )}
        </>
      )}
      {drill.dialog}
    </section>
  );
}
