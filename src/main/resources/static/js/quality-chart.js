// Outcome dashboard: one uPlot bar chart per unit (percentages, rates per 1,000 patient-months), the period beside the
// comparison period, drawn from data attributes; the table beside each chart carries the same figures for screen
// readers, keyboard users and print.
(function () {
  function numbers(text) {
    return (text || '').split(',').filter(function (s) { return s !== ''; }).map(Number);
  }
  function draw() {
    if (typeof uPlot === 'undefined') return;
    document.querySelectorAll('.cm-quality-chart').forEach(function (el) {
      if (el.dataset.drawn) return;
      var labels = (el.dataset.labels || '').split('|'), a = numbers(el.dataset.a), b = numbers(el.dataset.b);
      if (a.length === 0) return;
      el.dataset.drawn = '1';
      var xs = a.map(function (_, i) { return i; });
      var left = uPlot.paths.bars({ size: [0.35, 40], align: -1 }), right = uPlot.paths.bars({ size: [0.35, 40], align: 1 });
      new uPlot({
        width: Math.max(260, el.clientWidth || 320),
        height: 300,
        legend: { live: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.6, a.length - 0.4] }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.15)]; } } },
        axes: [
          { size: 120, font: '11px system-ui', rotate: -50, splits: function () { return xs; },
            values: function (u, splits) {
              return splits.map(function (i) { var t = labels[i] || ''; return t.length > 24 ? t.slice(0, 23) + '…' : t; });
            } },
          { size: 44, font: '11px system-ui' }
        ],
        series: [{ label: '' },
          { label: el.dataset.labelA, fill: '#0b6e99', stroke: '#0b6e99', paths: left, points: { show: false } },
          { label: el.dataset.labelB, fill: '#c77a1a', stroke: '#8a4b00', paths: right, points: { show: false } }]
      }, [xs, a, b], el);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
