// Draws the dashboard's charts from the JSON block the page carries (CSP forbids inline scripts).
// Without JavaScript, or if ECharts fails to load, the tables under each chart show the numbers.
(function () {
  'use strict';
  var source = document.getElementById('dashboard-data');
  if (!source || typeof window.echarts === 'undefined') return;
  var data = JSON.parse(source.textContent || '{}');
  var labels = data.labels || {};
  var palette = ['#1a6fb3', '#2e9d5b', '#e0a100', '#c2453d', '#7a4fb3', '#1b998b', '#8a8f98', '#d66f1f'];

  function names(items) {
    return items.map(function (item) {
      return item.label;
    });
  }
  function values(items) {
    return items.map(function (item) {
      return item.value;
    });
  }
  // containLabel makes room for the axis labels only, not for the value printed past a bar's end:
  // leave room for the widest value (about 8px a digit at ECharts' 12px) or it is cut at the edge.
  function roomFor(numbers) {
    var widest = numbers.reduce(function (most, n) {
      return Math.max(most, String(n).length);
    }, 1);
    return widest * 8 + 16;
  }
  function bars(items, horizontal) {
    var category = { type: 'category', data: names(items), axisLabel: { interval: 0, width: 90, overflow: 'break' } };
    var value = { type: 'value', minInterval: 1 };
    return {
      grid: { left: 8, right: horizontal ? roomFor(values(items)) : 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign(category, { inverse: true }) : value,
      series: [{ type: 'bar', data: values(items), label: { show: true, position: horizontal ? 'right' : 'top' } }],
    };
  }
  function pie(items) {
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      // Every name in view, wrapping onto more lines (the chart is taller for it): a scrolling
      // legend showed three names and "1/5" on a phone.
      legend: { bottom: 0, itemGap: 8 },
      series: [
        {
          type: 'pie',
          // Whole percentages and a smaller ring leave the labels room on a 360px phone; with two
          // decimals ECharts cut them to "6....".
          radius: ['26%', '46%'],
          center: ['50%', '37%'],
          minShowLabelAngle: 3,
          label: {
            overflow: 'none',
            formatter: function (item) {
              return Math.round(item.percent) + '%';
            },
          },
          labelLine: { length: 8, length2: 8 },
          data: items.map(function (item) {
            return { name: item.label, value: item.value };
          }),
        },
      ],
    };
  }

  // Each item's target as a pale bar beside what was done (cooperation agreements, yearly training targets).
  function targetBars(items) {
    return {
      grid: {
        left: 8,
        right: roomFor(
          items.map(function (i) {
            return i.done;
          }),
        ),
        top: 32,
        bottom: 8,
        containLabel: true,
      },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: names(items) },
      series: [
        {
          name: labels.target,
          type: 'bar',
          data: items.map(function (i) {
            return i.target;
          }),
          itemStyle: { color: '#c9d6e3' },
        },
        {
          name: labels.done,
          type: 'bar',
          data: items.map(function (i) {
            return i.done;
          }),
          label: { show: true, position: 'right' },
        },
      ],
    };
  }

  var builders = {
    status: function () {
      return pie(data.status);
    },
    trend: function () {
      return {
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: { type: 'category', data: data.trend.months },
        yAxis: [
          { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
          { type: 'value', minInterval: 1 },
        ],
        series: [
          { name: labels.employedShare, type: 'line', smooth: true, data: data.trend.employedShare },
          {
            name: labels.employed,
            type: 'bar',
            yAxisIndex: 1,
            data: data.trend.employed,
            itemStyle: { opacity: 0.35 },
          },
        ],
      };
    },
    transfers: function () {
      return bars(data.transfers, true);
    },
    coverage: function () {
      return {
        series: [
          {
            type: 'gauge',
            min: 0,
            max: 100,
            progress: { show: true, width: 14 },
            axisLine: { lineStyle: { width: 14 } },
            axisLabel: { distance: 18 },
            detail: { formatter: '{value}%', fontSize: 22, offsetCenter: [0, '65%'] },
            title: { offsetCenter: [0, '95%'] },
            data: [{ value: data.coverage.share, name: labels.pushCoverage }],
          },
        ],
      };
    },
    hiring: function () {
      return {
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            minSize: '20%',
            // The funnel keeps the left half; its labels take the right half, where they fit.
            left: 8,
            top: 16,
            bottom: 16,
            width: '48%',
            label: { position: 'right', formatter: '{b}\n{c}', lineHeight: 16 },
            data: data.hiring.map(function (item) {
              return { name: item.label, value: item.value };
            }),
          },
        ],
      };
    },
    fairs: function () {
      return bars(data.fairs, true);
    },
    cooperation: function () {
      return targetBars(data.cooperation);
    },
    training: function () {
      return bars(data.training, true);
    },
    trainingSubsidy: function () {
      return bars(data.trainingSubsidy, true);
    },
    trainingTargets: function () {
      return targetBars(data.trainingTargets);
    },
    graduates: function () {
      return bars(data.graduates, true);
    },
    subsidy: function () {
      return bars(data.subsidy, true);
    },
    talent: function () {
      return bars(data.talent, true);
    },
    pension: function () {
      return pie(data.pension);
    },
    insurance: function () {
      return bars(data.insurance, true);
    },
    counties: function () {
      var rows = data.counties;
      return {
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: {
          type: 'category',
          inverse: true,
          data: rows.map(function (r) {
            return r.name;
          }),
        },
        series: [
          {
            name: labels.employedShare,
            type: 'bar',
            data: rows.map(function (r) {
              return r.employedShare;
            }),
          },
          {
            name: labels.pushCoverage,
            type: 'bar',
            data: rows.map(function (r) {
              return r.pushCoverage;
            }),
          },
        ],
      };
    },
  };

  var charts = [];
  document.querySelectorAll('[data-chart]').forEach(function (element) {
    var build = builders[element.getAttribute('data-chart')];
    if (!build) return;
    element.classList.add('chart-ready');
    if (element.getAttribute('data-chart') === 'status' || element.getAttribute('data-chart') === 'pension') {
      element.style.height = '360px';
    }
    if (element.getAttribute('data-chart') === 'counties') {
      element.style.height = Math.max(240, data.counties.length * 42 + 60) + 'px';
    }
    var chart = window.echarts.init(element, null, { renderer: 'svg' });
    var option = build();
    option.color = palette;
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
    // The chart now shows the numbers; their table stays one tap away.
    var section = element.closest('section');
    var table = section && section.querySelector('details.chart-data');
    if (table) table.removeAttribute('open');
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
})();
