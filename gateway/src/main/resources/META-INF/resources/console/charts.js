// Charts drawn by ECharts (a webjar the gateway serves). A chart is a picture for the eye only (aria-hidden): the
// same figures always stand beside it in a table, which screen readers, keyboards and tests read.
import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';

const COLOURS = ['#1f5f8b', '#d9822b', '#3a7d44', '#8e3b6e', '#6b6b6b'];

function draw(node, option) {
  const chart = echarts.init(node, null, { renderer: 'svg' });
  // tooltips as rich text on the chart itself: no HTML made from the data, nothing for the page's CSP to refuse
  chart.setOption({ color: COLOURS, animation: false, tooltip: { trigger: 'axis', renderMode: 'richText' }, ...option });
  new ResizeObserver(() => chart.resize()).observe(node);
  return chart;
}

/**
 * A bar per label: counts by country, size class or kind; or shares, with a unit after each axis value (suffix) and
 * the axis' top fixed (max: 100 for percentages, so that bars of different campaigns compare at a glance).
 */
export function bars(node, labels, values, { suffix = '', max } = {}) {
  return draw(node, {
    grid: { left: 56, right: 10, top: 10, bottom: 30 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, overflow: 'truncate', width: 90 } },
    yAxis: { type: 'value', minInterval: 1, max, axisLabel: suffix ? { formatter: `{value}${suffix}` } : {} },
    series: [{ type: 'bar', data: values }],
  });
}

/** One line per named series over the same labels: joins and lapses per month. */
export function lines(node, labels, series) {
  return draw(node, {
    grid: { left: 40, right: 10, top: 30, bottom: 30 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map(({ name, values }) => ({ type: 'line', name, data: values })),
  });
}

/** A chart's container: sized by the style sheet, hidden from assistive technology (the table says it all). */
export function canvas() {
  const node = document.createElement('div');
  node.className = 'chart';
  node.setAttribute('aria-hidden', 'true');
  return node;
}
