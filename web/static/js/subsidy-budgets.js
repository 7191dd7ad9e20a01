// Draws budget, approved and paid yuan per programme and region; the table beside it carries the same numbers.
window.workbridgeChart({
  holder: 'subsidy-budgets-chart',
  source: 'subsidy-budgets-data',
  reveal: 'class',
  ready: function (data) {
    return data.labels && data.labels.length;
  },
  draw: function (chart, data, holder) {
    chart.setOption({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: data.labels, inverse: true },
      series: data.series.map(function (s) {
        return { type: 'bar', name: s.name, data: s.data };
      }),
    });
    holder.style.height = Math.max(180, data.labels.length * 56 + 60) + 'px';
    chart.resize();
  },
});
