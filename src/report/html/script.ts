/**
 * The report's only script (inline, allowed by its SHA-256 in the Content-Security-Policy): filters and search
 * hide table rows, header buttons sort. It reads cell text and data attributes, never writes HTML.
 */
export const SCRIPT = `
(function () {
  'use strict';
  function text(row, i) { var c = row.cells[i]; return c ? (c.getAttribute('data-sort') || c.textContent || '') : ''; }
  document.querySelectorAll('table').forEach(function (table) {
    var buttons = table.querySelectorAll('th button[data-sort]');
    buttons.forEach(function (button) {
      button.addEventListener('click', function () {
        var th = button.parentElement;
        var index = Number(button.getAttribute('data-sort'));
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        table.querySelectorAll('th[aria-sort]').forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = text(a, index), y = text(b, index);
          var n = Number(x) - Number(y);
          var c = x !== '' && y !== '' && !isNaN(n) ? n : (x < y ? -1 : x > y ? 1 : 0);
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  document.querySelectorAll('[data-filter-for]').forEach(function (form) {
    var table = document.getElementById(form.getAttribute('data-filter-for'));
    var count = form.querySelector('.count');
    var inputs = form.querySelectorAll('input, select');
    function apply() {
      var shown = 0, total = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = true;
        inputs.forEach(function (input) {
          var value = input.value.trim().toLowerCase();
          if (!value) return;
          var key = input.getAttribute('data-key');
          if (key) { if ((row.getAttribute('data-' + key) || '') !== value) ok = false; }
          else if ((row.textContent || '').toLowerCase().indexOf(value) < 0) ok = false;
        });
        row.hidden = !ok;
        total += 1;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + ' of ' + total + ' shown';
    }
    inputs.forEach(function (input) { input.addEventListener('input', apply); input.addEventListener('change', apply); });
    apply();
  });
})();
`;
