// Draws each kind's yearly target beside what was done so far; the table beside it carries the same numbers.
window.workbridgeChart({
  holder: 'training-targets-chart',
  source: 'training-targets-data',
  reveal: 'class',
  ready: function (data) {
    return data.labels && data.labels.length;
  },
  draw: function (chart, data, holder) {
    chart.setOption({
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: data.labels, inverse: true, axisLabel: { width: 110, overflow: 'break' } },
      series: data.series.map(function (s, i) {
        return {
          type: 'bar',
          name: s.name,
          data: s.data,
          itemStyle: i === 0 ? { color: '#c9d6e3' } : undefined,
          label: i === 1 ? { show: true, position: 'right' } : undefined,
        };
      }),
    });
    holder.style.height = Math.max(180, data.labels.length * 64 + 60) + 'px';
    chart.resize();
  },
});
