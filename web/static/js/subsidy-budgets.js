// Draws budget, approved and paid yuan per programme and region; the table beside it carries the same numbers.
(function () {
  var holder = document.getElementById('subsidy-budgets-chart');
  var source = document.getElementById('subsidy-budgets-data');
  if (!holder || !source || typeof window.echarts === 'undefined') return;
  var data = JSON.parse(source.textContent || '{}');
  if (!data.labels || !data.labels.length) return;
  holder.classList.add('is-drawn');
  var chart = window.echarts.init(holder);
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
  window.addEventListener('resize', function () {
    chart.resize();
  });
})();
