// Draws a report's approved and paid yuan per subsidy programme from the figures stored with the
// report; the table under it carries the same numbers (and the claims and people) without JavaScript.
window.workbridgeChart({
  holder: 'report-programmes-chart',
  source: 'report-programmes-data',
  reveal: 'class',
  ready: function (data) {
    return data.labels && data.labels.length;
  },
  draw: function (chart, data, holder) {
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 56, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: data.labels, inverse: true, axisLabel: { width: 110, overflow: 'break' } },
      series: data.series.map(function (s) {
        return { type: 'bar', name: s.name, data: s.data, label: { show: true, position: 'right' } };
      }),
    });
    holder.style.height = Math.max(180, data.labels.length * 56 + 60) + 'px';
    chart.resize();
  },
});
