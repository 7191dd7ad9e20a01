// Draws pension coverage and 60+ benefit take-up by area; the table below carries the same numbers.
window.workbridgeChart({
  holder: 'insurance-coverage-chart',
  source: 'insurance-coverage-data',
  reveal: 'class',
  ready: function (data) {
    return data.labels && data.labels.length;
  },
  draw: function (chart, data, holder) {
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
  },
});
