// Draws a technical-school page's per-county figures (potential applicants; findings of a school list
// compared) from the JSON block the page carries; the table beside it shows the same numbers without
// JavaScript. Needs ECharts at /static/vendor/echarts.min.js.
window.workbridgeChart({
  holder: 'tech-school-chart',
  source: 'tech-school-chart-data',
  ready: function (data) {
    return data.rows && data.rows.length;
  },
  draw: function (chart, data) {
    var colours = ['#1f6feb', '#d4802a'];
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: data.rows.map(function (r) {
          return r.label;
        }),
      },
      series: data.series.map(function (name, i) {
        return {
          name: name,
          type: 'bar',
          itemStyle: { color: colours[i % colours.length] },
          data: data.rows.map(function (r) {
            return r.values[i];
          }),
        };
      }),
    });
  },
});
