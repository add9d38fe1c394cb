// Charts of the figures a dashboard's server-rendered JSON block holds (<script type="application/json">, which is
// data, never run). Apache ECharts, only the parts used, rendered to canvas; tooltips drawn in the canvas too, so no
// inline style reaches the DOM (the Content-Security-Policy refuses inline styles).
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

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
    chart.setOption(spec.kind === 'line' ? line(spec) : bars(spec));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    observers.set(element, observer);
  }
}

// Frees the charts of a view about to be replaced (its canvases and resize observers), so a day of live refreshes does not pile them up.
export function disposeCharts(root) {
  for (const element of root.querySelectorAll('[data-chart]')) {
    observers.get(element)?.disconnect();
    echarts.getInstanceByDom(element)?.dispose();
  }
}

const observers = new WeakMap();

// Numbers on axes as the page's language writes them (the charts' own default is English).
const numbers = new Intl.NumberFormat(document.documentElement.lang || 'kk');

// A daily series: a gap where a day was not recorded (null), never a line drawn across it.
function line(spec) {
  const narrow = window.matchMedia('(max-width: 40rem)').matches;
  return {
    ...base,
    xAxis: { type: 'category', data: spec.labels, axisLabel: { fontSize: narrow ? 10 : 12 } },
    yAxis: { type: 'value', max: spec.percent ? 100 : undefined, splitNumber: narrow ? 3 : 5, axisLabel: { formatter: (v) => numbers.format(v) } },
    series: spec.series.map((s) => ({ type: 'line', name: s.name, data: s.values, connectNulls: false, showSymbol: spec.labels.length <= 40 })),
  };
}

function bars(spec) {
  // Long labels (subjects, absence codes) wrap beside horizontal bars; below a phone's width fewer value ticks.
  const narrow = window.matchMedia('(max-width: 40rem)').matches;
  const category = {
    type: 'category', data: spec.labels, inverse: spec.horizontal,
    axisLabel: spec.horizontal
      ? { interval: 0, width: narrow ? 100 : 150, overflow: 'truncate', fontSize: narrow ? 10 : 12 }
      : { interval: spec.labels.length <= 8 ? 0 : 'auto', fontSize: narrow ? 10 : 12 },
  };
  const value = {
    type: 'value', max: spec.percent ? 100 : undefined, splitNumber: narrow ? 3 : 5, axisLabel: { formatter: (v) => numbers.format(v) },
  };
  return {
    ...base,
    legend: spec.series.length > 1 ? { top: 0 } : undefined,
    xAxis: spec.horizontal ? value : category,
    yAxis: spec.horizontal ? category : value,
    series: spec.series.map((s) => ({ type: 'bar', name: s.name, data: s.values })),
  };
}
