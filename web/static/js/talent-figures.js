// Draws the talent hub's figures (done against target) from the JSON block the page carries; the
// table above shows the same numbers without JavaScript. Needs ECharts at /static/vendor/echarts.min.js.
window.workbridgeChart({
  holder: 'talent-chart',
  source: 'talent-chart-data',
  ready: function (data) {
    return data.rows && data.rows.length;
  },
  draw: function (chart, data, holder) {
    var names = data.rows.map(function (r) {
      return r.label;
    });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        {
          name: data.labels.target,
          type: 'bar',
          itemStyle: { color: '#c9d3de' },
          data: data.rows.map(function (r) {
            return r.target;
          }),
        },
        {
          name: data.labels.done,
          type: 'bar',
          itemStyle: { color: '#1f6feb' },
          data: data.rows.map(function (r) {
            return r.done;
          }),
        },
      ],
    });
  },
});
