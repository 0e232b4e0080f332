// Outreach registries: each rule's size per day as a uPlot line, drawn from data attributes; the table under the
// chart carries the same figures for screen readers and print.
(function () {
  var colours = ['#0b6e99', '#8a4b00', '#3d3d3d', '#6a3d9a', '#1b7837', '#b2182b'];
  function numbers(text) {
    return (text || '').split(',').map(function (s) { return s === '' ? null : Number(s); });
  }
  function draw() {
    if (typeof uPlot === 'undefined') return;
    document.querySelectorAll('.cm-outreach-chart').forEach(function (el) {
      if (el.dataset.drawn) return;
      var days = (el.dataset.days || '').split(',').filter(function (s) { return s !== ''; }).map(Number);
      if (days.length === 0) return;
      el.dataset.drawn = '1';
      var series = [{ label: el.dataset.labelDay }];
      var data = [days];
      el.querySelectorAll('.cm-series').forEach(function (s, i) {
        series.push({ label: s.dataset.name, stroke: colours[i % colours.length], width: 2, spanGaps: true,
          points: { show: days.length < 40 } });
        data.push(numbers(s.dataset.sizes));
      });
      new uPlot({
        width: Math.max(260, el.clientWidth || 320),
        height: 220,
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
        axes: [{ size: 30, font: '11px system-ui' }, { size: 50, font: '11px system-ui' }],
        series: series
      }, data, el);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
