// Score history charts on the assessments tab: one small uPlot line per instrument, drawn from data attributes
// (the table beside each chart carries the same figures for screen readers and print).
(function () {
  function draw() {
    if (typeof uPlot === 'undefined') return;
    document.querySelectorAll('.cm-score-chart').forEach(function (el) {
      if (el.dataset.drawn) return;
      var xs = (el.dataset.x || '').split(',').filter(Boolean).map(Number);
      var ys = (el.dataset.y || '').split(',').filter(Boolean).map(Number);
      if (xs.length === 0) return;
      el.dataset.drawn = '1';
      var width = Math.max(240, el.clientWidth || 320);
      new uPlot({
        width: width,
        height: 140,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true, range: function (u, min, max) {
          return min === max ? [min - 30 * 86400, max + 30 * 86400] : [min - (max - min) * 0.05, max + (max - min) * 0.05];
        } }, y: { range: function (u, min, max) { return [0, Math.max(max, 1) * 1.15]; } } },
        axes: [{ size: 30, font: '11px system-ui' }, { size: 34, font: '11px system-ui' }],
        series: [{}, { label: el.dataset.title, stroke: '#0b6e99', width: 2, points: { show: true, size: 7, fill: '#0b6e99' } }]
      }, [xs, ys], el);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
  document.addEventListener('htmx:afterSettle', draw);
})();
