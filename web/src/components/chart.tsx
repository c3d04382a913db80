// Apache ECharts in a React element: one chart per element, resized with it, disposed with it.
// Only the chart types and components the dashboard uses are bundled.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, FunnelChart, GaugeChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A chart; `label` says in words what it shows (charts are images to assistive technology). */
export function Chart({ option, label, height = 240, className }: { option: ChartOption; label: string; height?: number; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={ref} className={className} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}

/** A small line of the trend, no axes. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const option: ChartOption = {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 2 },
    xAxis: { type: 'category', show: false, data: values.map((_, i) => i) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: values, showSymbol: false, smooth: true, lineStyle: { width: 2, color: '#1f4fd8' }, areaStyle: { color: 'rgba(31,79,216,0.08)' } }],
  };
  return <Chart option={option} label={label} height={44} className="sparkline" />;
}

/** Attainment as a gauge from 0 to 150%: red below 85%, amber to 100%, green from there. */
export function Gauge({ value, label }: { value: number; label: string }) {
  const option: ChartOption = {
    animation: false,
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 1.5,
        startAngle: 180,
        endAngle: 0,
        radius: '170%',
        center: ['50%', '92%'],
        splitNumber: 3,
        axisLine: { lineStyle: { width: 12, color: [[0.85 / 1.5, '#d9534f'], [1 / 1.5, '#e0a000'], [1, '#1b7a3d']] } },
        pointer: { width: 4, length: '70%', itemStyle: { color: '#1b2330' } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        detail: { show: false },
        data: [{ value: Math.min(1.5, Math.max(0, value)) }],
      },
    ],
  };
  return <Chart option={option} label={label} height={90} className="gauge" />;
}
