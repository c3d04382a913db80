// Sources and channels: lead conversion by source with 95% intervals and sample sizes (and the
// best and worst converting source in a sentence), then by channel what a new customer cost
// (spend ÷ new customers) and what customers are worth (lifetime value, and its historical
// variant) — totals as cards, bars and tables; every number opens its records.
import { useMemo } from 'react';
import { api } from '../api';
import { Chart, type ChartOption } from '../components/chart';
import { IntervalChart, type IntervalItem } from '../components/interval-chart';
import { KpiCard } from '../components/kpi-card';
import { ChartLegend, PeriodLine, allMissing, useNarrow, rowProblem, useAvailability, useCompact, useDrill, DrillButton, ValueCell, withFilter, type Params } from '../components/report-kit';
import { kitMessages } from '../components/report-kit.i18n';
import { ReportTable, type Column } from '../components/report-table';
import { fiscalStartMonth, loadTrend, trendRows } from '../components/trend-panel';
import { ErrorView, Loading } from '../components/status';
import { useI18n, usePageT } from '../i18n';
import { useSession } from '../session';
import { apiFilterParams, type Filters } from '../state';
import type { KpiEntry, KpiResult, KpiRow } from '../types';
import { useApi } from '../use-api';
import { sourcesMessages } from './sources.i18n';

const CONVERSION = 'lead_conversion_rate';
const CARDS = [CONVERSION, 'cac', 'clv', 'clv_historical'];
const CHANNEL_KPIS = ['cpa_by_channel', 'clv', 'clv_historical'];
/** Sources with fewer leads are left out of the best-and-worst sentence. */
export const MIN_LEADS = 10;

interface ChannelRow {
  channel: string;
  rows: Record<string, KpiRow | undefined>;
}

export function Sources({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const pt = usePageT(sourcesMessages);
  const kt = usePageT(kitMessages);
  const { kpis, fmt } = useSession();
  const short = useCompact();
  const narrow = useNarrow();
  const drill = useDrill();
  const params = apiFilterParams(filters) as Params;
  const cards = useAvailability(CARDS, filters);
  const channels = useAvailability(CHANNEL_KPIS, filters);
  const conversionOn = cards.asked.includes(CONVERSION);
  const data = useApi(async () => {
    const get = (kpi: string[], extra: Params) => (kpi.length === 0 ? Promise.resolve(null) : api.get<KpiResult>('/api/report', { ...params, ...extra, kpi: kpi.join(',') }));
    const [totals, conversion, byChannel, fiscal] = await Promise.all([get(cards.asked, { compare: 'previous_period' }), get(conversionOn ? [CONVERSION] : [], { by: 'source', compare: 'previous_period' }), get(channels.asked, { by: 'channel' }), fiscalStartMonth()]);
    // The cards' sparklines: the last 12 months, as the Overview's.
    const trend = totals ? await loadTrend(cards.asked, totals.query, 'month', params.filter, fiscal) : null;
    return { totals, conversion, byChannel, trend };
  }, [JSON.stringify(params), cards.asked.join(','), channels.asked.join(',')]);
  const d = data.data;
  const conv = kpis.get(CONVERSION);
  const open = (kpi: KpiEntry, dim: string, value: string, what: string) => (drill.allowed ? () => drill.open({ kpi: kpi.id, title: kt('records_of', { kpi: kpi.name, what }), params: withFilter(params, dim, value) }) : undefined);

  // Lead conversion by source.
  const sources = (d?.conversion?.rows ?? []).filter((r) => r.kpi === CONVERSION && r.group.source !== undefined);
  const ranked = sources.filter((r) => r.status === 'ok' && r.value !== null && r.ci95 && r.n !== null).sort((a, b) => b.value! - a.value!);
  const items: IntervalItem[] = ranked.map((r) => ({ name: r.group.source ?? '–', value: r.value!, low: r.ci95![0], high: r.ci95![1], n: r.n! }));
  const eligible = ranked.filter((r) => r.n! >= MIN_LEADS);
  const best = eligible[0];
  const worst = eligible[eligible.length - 1];
  const pct = (x: number | null) => fmt.value(x, 'ratio');
  const convColumns: Column<KpiRow>[] = conv
    ? [
        { id: 'source', label: pt('col_source'), sort: (r) => r.group.source, cell: (r) => r.group.source ?? '–' },
        { id: 'leads', label: pt('col_leads'), num: true, sort: (r) => r.denominator, cell: (r) => (r.denominator !== null && open(conv, 'source', r.group.source ?? '', r.group.source ?? '') ? <DrillButton text={fmt.count(r.denominator)} what={`${conv.name} (${r.group.source})`} onClick={open(conv, 'source', r.group.source ?? '', r.group.source ?? '')!} /> : fmt.count(r.denominator)) },
        { id: 'converted', label: pt('col_converted'), num: true, sort: (r) => r.numerator, cell: (r) => fmt.count(r.numerator) },
        { id: 'rate', label: conv.name, num: true, sort: (r) => r.value, cell: (r) => <ValueCell kpi={conv} row={r} what={r.group.source ?? ''} onDrill={r.status === 'ok' && r.group.source ? open(conv, 'source', r.group.source, r.group.source) : undefined} /> },
        { id: 'interval', label: pt('col_interval'), num: true, sort: (r) => r.ci95?.[0], cell: (r) => (r.ci95 ? pt('interval', { low: pct(r.ci95[0]), high: pct(r.ci95[1]) }) : '–') },
        { id: 'change', label: kt('col_change_previous'), num: true, sort: (r) => r.comparisons?.previous_period?.delta, cell: (r) => fmt.delta(r.comparisons?.previous_period?.delta ?? null, 'ratio') },
      ]
    : [];
  const convTotal = d?.totals?.rows.find((r) => r.kpi === CONVERSION && Object.keys(r.group).length === 0);

  // Cost and value by channel.
  const cpa = kpis.get('cpa_by_channel');
  const valueKpis = ['clv', 'clv_historical'].map((id) => kpis.get(id)).filter((k): k is KpiEntry => !!k && channels.asked.includes(k.id));
  const channelRows: ChannelRow[] = useMemo(() => {
    const m = new Map<string, ChannelRow>();
    for (const r of d?.byChannel?.rows ?? []) {
      const c = r.group.channel;
      if (c === undefined || c === null) continue;
      if (!m.has(c)) m.set(c, { channel: c, rows: {} });
      m.get(c)!.rows[r.kpi] = r;
    }
    return [...m.values()];
  }, [d]);
  // A KPI without any value (its data is not imported) says so once instead of a column of dashes.
  const channelMissing = CHANNEL_KPIS.map((id) => ({ id, row: d?.byChannel ? allMissing(d.byChannel.rows, id) : null })).filter((x) => x.row);
  const shownValue = valueKpis.filter((k) => !channelMissing.some((x) => x.id === k.id));
  const cpaOn = !!cpa && channels.asked.includes(cpa.id) && !channelMissing.some((x) => x.id === cpa.id);
  const channelColumns: Column<ChannelRow>[] = [
    { id: 'channel', label: pt('col_channel'), sort: (c) => c.channel, cell: (c) => c.channel },
    ...(cpaOn && cpa
      ? [
          { id: 'spend', label: pt('col_spend'), num: true, sort: (c: ChannelRow) => c.rows[cpa.id]?.numerator, cell: (c: ChannelRow) => (c.rows[cpa.id]?.numerator !== null && c.rows[cpa.id]?.numerator !== undefined && open(cpa, 'channel', c.channel, c.channel) ? <DrillButton text={fmt.money(c.rows[cpa.id]!.numerator)} what={`${cpa.name} (${c.channel})`} onClick={open(cpa, 'channel', c.channel, c.channel)!} /> : fmt.money(c.rows[cpa.id]?.numerator ?? null)) },
          { id: 'new', label: pt('col_new'), num: true, sort: (c: ChannelRow) => c.rows[cpa.id]?.denominator, cell: (c: ChannelRow) => fmt.count(c.rows[cpa.id]?.denominator ?? null) },
          { id: cpa.id, label: cpa.name, num: true, sort: (c: ChannelRow) => c.rows[cpa.id]?.value, cell: (c: ChannelRow) => <ValueCell kpi={cpa} row={c.rows[cpa.id]} what={c.channel} onDrill={c.rows[cpa.id]?.status === 'ok' ? open(cpa, 'channel', c.channel, c.channel) : undefined} /> },
        ]
      : []),
    ...shownValue.map((k) => ({ id: k.id, label: k.name, num: true, sort: (c: ChannelRow) => c.rows[k.id]?.value, cell: (c: ChannelRow) => <ValueCell kpi={k} row={c.rows[k.id]} what={c.channel} onDrill={c.rows[k.id]?.status === 'ok' ? open(k, 'channel', c.channel, c.channel) : undefined} /> })),
  ];
  const valueKpi = shownValue[0];
  const charted = channelRows.filter((c) => (cpaOn && cpa && c.rows[cpa.id]?.value != null) || (valueKpi && c.rows[valueKpi.id]?.value != null));
  const channelChart = useMemo<ChartOption>(() => {
    const series = [
      ...(cpaOn && cpa ? [{ name: cpa.name, kpi: cpa.id, color: '#e07b00' }] : []),
      ...(valueKpi ? [{ name: valueKpi.name, kpi: valueKpi.id, color: '#1f4fd8' }] : []),
    ];
    return {
      animation: false,
      grid: { left: 8, right: 56, top: 8, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt.money(v) : '–') },
      xAxis: { type: 'value', splitNumber: narrow ? 2 : 5, axisLabel: { formatter: (v: number) => short(v, 'money'), color: '#5b6675' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', inverse: true, data: charted.map((c) => c.channel), axisLabel: { color: '#1b2330', width: narrow ? 80 : 140, overflow: 'truncate' } },
      series: series.map((s) => ({ name: s.name, type: 'bar', barMaxWidth: 14, data: charted.map((c) => c.rows[s.kpi]?.value ?? null), itemStyle: { color: s.color, borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '' : short(p.value, 'money')), color: '#1b2330', fontSize: 11 } })),
    };
  }, [charted, cpaOn, cpa, valueKpi, fmt, short, narrow]);

  const cardRow = (id: string) => d?.totals?.rows.find((r) => r.kpi === id && Object.keys(r.group).length === 0);
  return (
    <section aria-labelledby="page-title" className="sources-page">
      <h1 id="page-title">{pt('title')}</h1>
      <PeriodLine filters={filters} query={d?.totals?.query ?? d?.byChannel?.query} />
      <p className="rpt-intro">{pt('intro')}</p>
      {data.loading && <Loading />}
      {data.error && <ErrorView error={data.error} onRetry={data.reload} />}
      {!data.loading && !data.error && (
        <>
          <h2 className="visually-hidden">{pt('totals')}</h2>
          <div className="cards">
            {CARDS.filter((id) => kpis.has(id)).map((id) => {
              const row = cardRow(id);
              return <KpiCard key={id} kpi={kpis.get(id)!} row={row} trend={trendRows(d?.trend, id).map((r) => r.value)} unavailable={cards.why(id)} onDrill={drill.allowed && row?.status === 'ok' ? () => drill.open({ kpi: id, title: kpis.get(id)!.name, params }) : undefined} />;
            })}
          </div>

          {conv && (
            <section className="rpt-panel" aria-labelledby="sources-conv">
              <h2 id="sources-conv">{pt('conv_heading')}</h2>
              {!conversionOn ? (
                <p className="kpi-missing">{cards.why(CONVERSION)}</p>
              ) : sources.length === 0 || (convTotal && convTotal.value === null && sources.every((r) => r.value === null)) ? (
                <p className="kpi-missing">{convTotal && convTotal.status !== 'ok' && convTotal.status !== 'zero_denominator' ? rowProblem(convTotal, conv, t) : pt('no_leads')}</p>
              ) : (
                <>
                  {best && worst && best !== worst && best.value! > worst.value! && (
                    <p className="sources-highlight">
                      {pt('highlight', { best: best.group.source ?? '–', rate: pct(best.value), n: fmt.count(best.n), worst: worst.group.source ?? '–', rate2: pct(worst.value), n2: fmt.count(worst.n) })} {best.ci95![0] > worst.ci95![1] ? pt('highlight_apart') : pt('highlight_overlap')}
                      {eligible.length < ranked.length ? ` ${pt('highlight_min', { min: MIN_LEADS })}` : ''}
                    </p>
                  )}
                  {items.length > 0 && (
                    <>
                      <h3 className="rpt-chart-title">{pt('chart_conv')}</h3>
                      <IntervalChart items={items} rateName={conv.name} intervalName={pt('interval_legend')} label={pt('chart_conv_label', { list: items.map((i) => pt('chart_conv_item', { name: i.name, rate: pct(i.value), low: pct(i.low), high: pct(i.high), n: fmt.count(i.n) })).join('; ') })} />
                    </>
                  )}
                  <ReportTable caption={pt('caption_conv')} columns={convColumns} rows={sources} rowKey={(r) => r.group.source ?? ''} initialSort={{ id: 'rate', dir: -1 }} foot={convTotal ? [kt('total'), fmt.count(convTotal.denominator), fmt.count(convTotal.numerator), pct(convTotal.value), convTotal.ci95 ? pt('interval', { low: pct(convTotal.ci95[0]), high: pct(convTotal.ci95[1]) }) : '–', fmt.delta(convTotal.comparisons?.previous_period?.delta ?? null, 'ratio')] : undefined} />
                </>
              )}
            </section>
          )}

          <section className="rpt-panel" aria-labelledby="sources-channels">
            <h2 id="sources-channels">{pt('channels_heading')}</h2>
            {CHANNEL_KPIS.filter((id) => kpis.has(id) && !channels.asked.includes(id)).map((id) => (
              <p key={id} className="kpi-missing">{`${kpis.get(id)!.name}: ${channels.why(id)}`}</p>
            ))}
            {channelMissing.map((x) => (
              <p key={x.id} className="kpi-missing">{`${kpis.get(x.id)!.name}: ${rowProblem(x.row!, kpis.get(x.id)!, t)}`}</p>
            ))}
            {channels.asked.length > 0 && channelColumns.length > 1 && (channelRows.length === 0 ? (
              <p className="kpi-missing">{pt('no_channels')}</p>
            ) : (
              <>
                {charted.length > 0 && (
                  <>
                    <h3 className="rpt-chart-title">{pt('chart_channels')}</h3>
                    <ChartLegend items={[...(cpaOn && cpa ? [{ name: cpa.name, color: '#e07b00' }] : []), ...(valueKpi ? [{ name: valueKpi.name, color: '#1f4fd8' }] : [])]} />
                    <Chart option={channelChart} height={Math.max(140, charted.length * 40 + 50)} label={pt('chart_channels_label', { names: [cpaOn && cpa ? cpa.name : null, valueKpi?.name ?? null].filter(Boolean).join(', '), list: charted.map((c) => `${c.channel}: ${[cpaOn && cpa ? fmt.money(c.rows[cpa.id]?.value ?? null) : null, valueKpi ? fmt.money(c.rows[valueKpi.id]?.value ?? null) : null].filter(Boolean).join(' / ')}`).join('; ') })} />
                  </>
                )}
                <ReportTable caption={pt('caption_channels')} columns={channelColumns} rows={channelRows} rowKey={(c) => c.channel} initialSort={{ id: 'channel', dir: 1 }} />
                <p className="note">{pt('channel_note')}</p>
              </>
            ))}
          </section>
        </>
      )}
      {drill.dialog}
    </section>
  );
}
