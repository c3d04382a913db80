// Rates with their 95% intervals: a dot for the rate and a line from the interval's low to its
// high end, one row per group, highest first. Draws with the dashboard's ECharts (adds the
// scatter series it needs to the shared registry).
import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { useSession } from '../session';
import { Chart, type ChartOption } from './chart';
import { ChartLegend, useNarrow } from './report-kit';

echarts.use([ScatterChart]);

export interface IntervalItem {
  name: string;
  value: number;
  low: number;
  high: number;
  n: number;
}

export function IntervalChart({ items, label, rateName, intervalName }: { items: IntervalItem[]; label: string; rateName: string; intervalName: string }) {
  const { fmt } = useSession();
  const narrow = useNarrow();
  const option = useMemo<ChartOption>(() => {
    const pct = (x: number) => fmt.value(x, 'ratio');
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const it = items[ps[0]?.dataIndex ?? -1];
          if (!it) return '';
          return `${echarts.format.encodeHTML(it.name)}<br/>${echarts.format.encodeHTML(`${pct(it.value)} (${pct(it.low)} – ${pct(it.high)}), n = ${fmt.count(it.n)}`)}`;
        },
      },
      xAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.min(1, Math.ceil(v.max * 10) / 10), axisLabel: { formatter: (v: number) => fmt.percent(v), color: '#5b6675' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', inverse: true, data: items.map((i) => i.name), axisLabel: { color: '#1b2330', width: narrow ? 80 : 140, overflow: 'truncate' } },
      series: [
        // The interval: an invisible bar up to its low end, and a thin bar from low to high on top.
        { type: 'bar', stack: 'ci', silent: true, data: items.map((i) => i.low), itemStyle: { color: 'transparent' }, barWidth: 6, tooltip: { show: false } },
        { name: intervalName, type: 'bar', stack: 'ci', data: items.map((i) => Math.max(0, i.high - i.low)), itemStyle: { color: '#9db3ee', borderRadius: 3 }, barWidth: 6 },
        { name: rateName, type: 'scatter', data: items.map((i) => i.value), symbolSize: 12, itemStyle: { color: '#1f4fd8', borderColor: '#fff', borderWidth: 1.5 }, z: 3 },
      ],
    };
  }, [items, fmt, rateName, intervalName, narrow]);
  return (
    <>
      <ChartLegend items={[{ name: rateName, color: '#1f4fd8', shape: 'dot' }, { name: intervalName, color: '#9db3ee', shape: 'bar' }]} />
      <Chart option={option} label={label} height={Math.max(120, items.length * 34 + 30)} />
    </>
  );
}
