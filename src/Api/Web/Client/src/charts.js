// Charts of the figures a dashboard's server-rendered JSON block holds (<script type="application/json">, which is
// data, never run). Apache ECharts, only the parts used, rendered to canvas; tooltips drawn in the canvas too, so no
// inline style reaches the DOM (the Content-Security-Policy refuses inline styles).
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

const palette = ['#005f73', '#ca6702', '#0a9396', '#ae2012', '#94a3b8', '#3d405b'];
const base = {
  color: palette,
  animation: false,
  textStyle: { fontFamily: 'system-ui, sans-serif' },
  tooltip: { renderMode: 'richText', trigger: 'axis' },
  grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
};

export function renderCharts(root) {
  const block = root.querySelector('script[type="application/json"][data-charts]');
  if (!block) return;
  const data = JSON.parse(block.textContent);
  for (const element of root.querySelectorAll('[data-chart]')) {
    const spec = data[element.dataset.chart];
    if (!spec) continue;
    echarts.getInstanceByDom(element)?.dispose();
    const chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption(spec.kind === 'pie' ? pie(spec) : bars(spec));
    new ResizeObserver(() => chart.resize()).observe(element);
  }
}

function bars(spec) {
  return {
    ...base,
    legend: spec.series.length > 1 ? { top: 0 } : undefined,
    xAxis: { type: 'category', data: spec.labels, axisLabel: { interval: 0, rotate: spec.labels.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', max: spec.percent ? 100 : undefined },
    series: spec.series.map((s) => ({ type: 'bar', name: s.name, data: s.values })),
  };
}

function pie(spec) {
  return {
    ...base,
    tooltip: { renderMode: 'richText', trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: spec.labels.map((name, i) => ({ name, value: spec.series[0].values[i] })) }],
  };
}
