// Draws the results (and comparison) charts from the JSON block; the tables beside them hold the same numbers.
(function () {
  'use strict';
  var source = document.getElementById('fair-chart-data');
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent || '{}');
  var labels = data.labels || {};

  function bars(el, categories, series) {
    el.classList.add('fair-chart-drawn');
    var chart = window.echarts.init(el);
    chart.setOption({
      // Figures appear at once, as on the dashboard.
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 10, bottom: 60, top: 40 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 3 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series,
    });
    window.addEventListener('resize', function () {
      chart.resize();
    });
  }

  document.querySelectorAll('.fair-chart').forEach(function (el) {
    var kind = el.getAttribute('data-series');
    if (kind === 'compare') {
      var metrics = Object.keys(labels);
      bars(
        el,
        metrics.map(function (m) {
          return labels[m];
        }),
        (data.fairs || []).map(function (fair) {
          return {
            name: fair.label,
            type: 'bar',
            data: metrics.map(function (m) {
              return fair[m];
            }),
          };
        }),
      );
      return;
    }
    var rows = data[kind] || [];
    bars(
      el,
      rows.map(function (r) {
        return r.label;
      }),
      ['registered', 'attended', 'hired90'].map(function (key) {
        return {
          name: labels[key],
          type: 'bar',
          data: rows.map(function (r) {
            return r[key];
          }),
        };
      }),
    );
  });
})();
