// Program budget page: the year's spend to date, spend plus open commitments, and the budget, month by month, as uPlot
// lines drawn from data attributes; the tables beside the chart carry the same figures for screen readers and print.
(function () {
  function numbers(text) {
    return (text || '').split(',').filter(function (s) { return s !== ''; }).map(Number);
  }
  function draw() {
    if (typeof uPlot === 'undefined') return;
    document.querySelectorAll('.cm-budget-chart').forEach(function (el) {
      if (el.dataset.drawn) return;
      var names = (el.dataset.months || '').split(',');
      var spend = numbers(el.dataset.spend), committed = numbers(el.dataset.committed), budget = numbers(el.dataset.budget);
      if (spend.length !== 12) return;
      el.dataset.drawn = '1';
      var xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
      var money = function (v) { return v == null ? '' : '$' + Math.round(v).toLocaleString('en-US'); };
      new uPlot({
        width: Math.max(260, el.clientWidth || 320),
        height: 220,
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false, range: [1, 12] }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
        axes: [
          { size: 30, font: '11px system-ui', splits: function () { return xs; },
            values: function (u, splits) { return splits.map(function (s) { return names[s - 1] || ''; }); } },
          { size: 80, font: '11px system-ui', values: function (u, splits) { return splits.map(money); } }
        ],
        series: [
          { label: el.dataset.labelMonth, value: function (u, v) { return v == null ? '' : names[v - 1]; } },
          { label: el.dataset.labelSpend, stroke: '#0b6e99', width: 2, fill: 'rgba(11,110,153,0.12)', value: function (u, v) { return money(v); } },
          { label: el.dataset.labelCommitted, stroke: '#8a4b00', width: 2, dash: [6, 4], value: function (u, v) { return money(v); } },
          { label: el.dataset.labelBudget, stroke: '#3d3d3d', width: 2, dash: [2, 3], value: function (u, v) { return money(v); } }
        ]
      }, [xs, spend, committed, budget], el);
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
