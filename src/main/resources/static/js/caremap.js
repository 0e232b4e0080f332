// Caremap page behaviour: CSRF for htmx, keyboard shortcuts, idle sign-out warning, unsaved-form guard.
(function () {
  'use strict';

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : null;
  }
  var base = meta('caremap-base') || '/';

  // htmx requests carry the CSRF token like forms do
  document.addEventListener('htmx:configRequest', function (event) {
    var token = meta('_csrf');
    var header = meta('_csrf_header');
    if (token && header) event.detail.headers[header] = token;
  });

  // keyboard shortcuts: g h home, g d my day, g c caseload, g p patients, g r referrals, g n notifications,
  // ? help, / search
  var pendingG = false;
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (pendingG) {
      pendingG = false;
      var places = { h: '', d: 'myday', c: 'caseload', p: 'patients', r: 'referrals', n: 'notifications' };
      if (Object.prototype.hasOwnProperty.call(places, event.key)) {
        window.location.href = base + places[event.key];
        event.preventDefault();
      }
      return;
    }
    if (event.key === 'g') { pendingG = true; setTimeout(function () { pendingG = false; }, 1500); return; }
    if (event.key === '?') { window.location.href = base + 'help'; event.preventDefault(); return; }
    if (event.key === '/') {
      var search = document.querySelector('[data-cm-search], input[type="search"]');
      if (search) { search.focus(); event.preventDefault(); }
    }
  });

  // idle sign-out: the server ends the session after the idle time; the page follows it so that no patient
  // data stays on an unattended screen, and warns a minute before
  var idleSeconds = parseInt(meta('caremap-idle-seconds') || '0', 10);
  if (idleSeconds > 0) {
    var warning = document.getElementById('cm-idle-warning');
    var warnTimer, endTimer;
    var arm = function () {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      if (warning) warning.hidden = true;
      if (idleSeconds > 90) {
        warnTimer = setTimeout(function () { if (warning) warning.hidden = false; }, (idleSeconds - 60) * 1000);
      }
      endTimer = setTimeout(function () { window.location.href = base + 'login?expired'; }, idleSeconds * 1000 + 1000);
    };
    arm();
    // every request to the server (an htmx swap included) restarts the server's clock, so restart ours
    document.addEventListener('htmx:afterRequest', arm);
    // someone typing or choosing answers is not idle: tell the server (at most once a minute) and restart
    var lastPing = Date.now();
    var activity = function () {
      var warned = warning && !warning.hidden;
      if (!warned && Date.now() - lastPing < 60000) return;
      lastPing = Date.now();
      fetch(base + 'session/keepalive', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
        if (r.ok) arm();
      });
    };
    ['keydown', 'input', 'change', 'pointerdown'].forEach(function (type) {
      document.addEventListener(type, activity, { passive: true });
    });
  }

  // forms marked data-cm-dirty-check ask before the page is left with unsaved changes
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form[data-cm-dirty-check]').forEach(function (form) {
      var dirty = false;
      form.addEventListener('input', function () { dirty = true; });
      form.addEventListener('submit', function () { dirty = false; });
      window.addEventListener('beforeunload', function (event) {
        if (dirty) { event.preventDefault(); event.returnValue = ''; }
      });
    });
  });

  // the chart's tab strip scrolls sideways where it does not fit (a phone): the current tab is brought into view
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.cm-tabs').forEach(function (strip) {
      var current = strip.querySelector('.active');
      if (!current || strip.scrollWidth <= strip.clientWidth) return;
      var s = strip.getBoundingClientRect();
      var c = current.getBoundingClientRect();
      strip.scrollLeft += (c.left - s.left) - (s.width - c.width) / 2;
    });
  });
})();
