// Self-reported measures (portal and chart tab): one uPlot line per kind (blood pressure: systolic and diastolic),
// drawn from data attributes; the table under each chart carries the same figures for screen readers and print.
(function () {
  function numbers(text) {
    return (text || '').split(',').filter(Boolean).map(Number);
  }
  function draw() {
    if (typeof uPlot === 'undefined') return;
    document.querySelectorAll('.cm-measure-chart').forEach(function (el) {
      if (el.dataset.drawn) return;
      var xs = numbers(el.dataset.x), ys = numbers(el.dataset.y), ys2 = numbers(el.dataset.y2);
      if (xs.length === 0) return;
      el.dataset.drawn = '1';
      var width = Math.max(240, el.clientWidth || 320);
      var series = [{}, { label: el.dataset.label, stroke: '#0b6e99', width: 2, points: { show: true, size: 7, fill: '#0b6e99' } }];
      var data = [xs, ys];
      if (ys2.length === xs.length) {
        series.push({ label: el.dataset.label2, stroke: '#8a4b00', width: 2, dash: [6, 4], points: { show: true, size: 7, fill: '#8a4b00' } });
        data.push(ys2);
      }
      new uPlot({
        width: width,
        height: 180,
        legend: { show: ys2.length === xs.length },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true, range: function (u, min, max) {
          return min === max ? [min - 86400, max + 86400] : [min - (max - min) * 0.05, max + (max - min) * 0.05];
        } }, y: { range: function (u, min, max) {
          var pad = Math.max(1, (max - min) * 0.15);
          return [Math.max(0, min - pad), max + pad];
        } } },
        axes: [{ size: 30, font: '11px system-ui' }, { size: 44, font: '11px system-ui' }],
        series: series
      }, data, el);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
  document.addEventListener('htmx:afterSettle', draw);
})();
