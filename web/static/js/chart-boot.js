// The start every page chart shares. A chart is drawn only when ECharts (/static/vendor/echarts.min.js),
// its holder and its JSON block are there and the block has data; otherwise the page's table, which
// carries the same numbers without JavaScript, stands alone. Load this after ECharts and before the
// page's own script (all `defer`, so in that order).
window.workbridgeChart = function (opts) {
  var holder = document.getElementById(opts.holder);
  var source = document.getElementById(opts.source);
  if (!holder || !source || typeof window.echarts === 'undefined') return;
  var data;
  try {
    data = JSON.parse(source.textContent || '{}');
  } catch (e) {
    return;
  }
  if (!opts.ready(data)) return;
  // Holders either start hidden or wait for the `is-drawn` class (the page's CSS says which).
  if (opts.reveal === 'class') holder.classList.add('is-drawn');
  else holder.hidden = false;
  var chart = window.echarts.init(holder);
  // Figures appear at once, as on the dashboard: an officer reads numbers, and a phone need not
  // spend a second redrawing a growing bar.
  chart.setOption({ animation: false });
  opts.draw(chart, data, holder);
  window.addEventListener('resize', function () {
    chart.resize();
  });
};
