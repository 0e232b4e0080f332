// A registry's members: the check box in the header chooses (or clears) every member on the page who can be referred.
(function () {
  function wire() {
    var all = document.getElementById('select-all');
    if (!all) return;
    all.addEventListener('change', function () {
      document.querySelectorAll('input.cm-member').forEach(function (box) { box.checked = all.checked; });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire); else wire();
})();
