// Draws the coverage by county as a bar chart; the table beside it carries the same numbers.
window.workbridgeChart({
  holder: 'pushes-coverage-chart',
  source: 'pushes-coverage-data',
  reveal: 'class',
  ready: function (data) {
    return data.labels && data.labels.length;
  },
  draw: function (chart, data, holder) {
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
        {
          type: 'bar',
          name: data.title,
          data: data.shares,
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    });
    holder.style.height = Math.max(160, data.labels.length * 28 + 40) + 'px';
    chart.resize();
  },
});
