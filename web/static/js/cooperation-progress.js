// Draws the cooperation progress charts from the JSON block the page carries (the tables above
// show the same numbers without JavaScript). Needs ECharts, served at /static/vendor/echarts.min.js.
window.workbridgeChart({
  holder: 'coop-chart',
  source: 'coop-chart-data',
  ready: function (data) {
    return data.agreements && data.agreements.length;
  },
  draw: function (chart, data, holder) {
    var labels = data.labels;
    var option;
    if (holder.getAttribute('data-kind') === 'agreement') {
      var a = data.agreements[0];
      option = {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: [
          { left: 8, right: 8, top: 36, height: '38%', containLabel: true },
          { left: 8, right: 8, bottom: 8, height: '30%', containLabel: true },
        ],
        xAxis: [
          { type: 'category', data: labels.measures, gridIndex: 0 },
          { type: 'value', gridIndex: 1, minInterval: 1 },
        ],
        yAxis: [
          { type: 'value', gridIndex: 0, minInterval: 1 },
          { type: 'category', data: labels.months, gridIndex: 1 },
        ],
        series: [
          {
            name: labels.target,
            type: 'bar',
            data: a.target,
            xAxisIndex: 0,
            yAxisIndex: 0,
            itemStyle: { color: '#c9d3de' },
          },
          {
            name: labels.actual,
            type: 'bar',
            data: a.actual,
            xAxisIndex: 0,
            yAxisIndex: 0,
            itemStyle: { color: '#1f6feb' },
          },
          stack(labels.inWork, a.retention, 'inWork', '#2e8b57'),
          stack(labels.returnedHome, a.retention, 'returnedHome', '#c0392b'),
          stack(labels.unrecorded, a.retention, 'unrecorded', '#b0b8c2'),
        ],
      };
    } else {
      // Share of each target met, one group of bars per agreement.
      option = {
        tooltip: {
          trigger: 'axis',
          valueFormatter: function (v) {
            return v + '%';
          },
        },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        yAxis: {
          type: 'category',
          data: data.agreements.map(function (x) {
            return x.title;
          }),
          axisLabel: { width: 120, overflow: 'truncate' },
        },
        series: labels.measures.map(function (name, i) {
          return {
            name: name,
            type: 'bar',
            data: data.agreements.map(function (x) {
              return x.target[i] > 0 ? Math.round((x.actual[i] / x.target[i]) * 100) : 0;
            }),
          };
        }),
      };
    }
    chart.setOption(option);

    function stack(name, retention, key, color) {
      return {
        name: name,
        type: 'bar',
        stack: 'retention',
        xAxisIndex: 1,
        yAxisIndex: 1,
        itemStyle: { color: color },
        data: retention.map(function (r) {
          return r[key];
        }),
      };
    }
  },
});
