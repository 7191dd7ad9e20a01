// Draws pension coverage and 60+ benefit take-up by area; the table below carries the same numbers.
(function () {
  var holder = document.getElementById('insurance-coverage-chart');
  var source = document.getElementById('insurance-coverage-data');
  if (!holder || !source || typeof window.echarts === 'undefined') return;
  var data = JSON.parse(source.textContent || '{}');
  if (!data.labels || !data.labels.length) return;
  holder.classList.add('is-drawn');
  var chart = window.echarts.init(holder);
  chart.setOption({
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: function (v) {
        return v + '%';
      },
    },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: data.labels, inverse: true },
    series: [
      {
        type: 'bar',
        name: data.names[0],
        data: data.coverage,
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
      {
        type: 'bar',
        name: data.names[1],
        data: data.receiving,
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  });
  holder.style.height = Math.max(180, data.labels.length * 44 + 48) + 'px';
  chart.resize();
  window.addEventListener('resize', function () {
    chart.resize();
  });
})();
