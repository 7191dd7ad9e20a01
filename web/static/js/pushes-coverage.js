// Draws the coverage by county as a bar chart; the table beside it carries the same numbers.
(function () {
  var holder = document.getElementById('pushes-coverage-chart');
  var source = document.getElementById('pushes-coverage-data');
  if (!holder || !source || typeof window.echarts === 'undefined') return;
  var data = JSON.parse(source.textContent || '{}');
  if (!data.labels || !data.labels.length) return;
  holder.classList.add('is-drawn');
  var chart = window.echarts.init(holder);
  chart.setOption({
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      valueFormatter: function (v) {
        return v + '%';
      },
    },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: data.labels, inverse: true },
    series: [
      { type: 'bar', name: data.title, data: data.shares, label: { show: true, position: 'right', formatter: '{c}%' } },
    ],
  });
  holder.style.height = Math.max(160, data.labels.length * 28 + 40) + 'px';
  chart.resize();
  window.addEventListener('resize', function () {
    chart.resize();
  });
})();
