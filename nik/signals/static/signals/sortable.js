// Sortable tables: each column header of a table marked data-sortable becomes a button; a click
// sorts the body's rows by that column (again: the other way), numbers as numbers ("83,3%",
// "< 5" as just under five, "—" and "te weinig om te tonen" last), and aria-sort says how.
(function () {
  "use strict";
  function key(text) {
    var t = text.trim();
    if (/^<\s*5$/.test(t)) { return 4.5; }
    var n = t.replace(/\./g, "").replace(",", ".").match(/^[+−-]?\d+(\.\d+)?/);
    if (n) { return parseFloat(n[0].replace("−", "-")); }
    return null;
  }
  function compare(a, b, up) {
    var ka = key(a), kb = key(b);
    if (ka === null && kb === null) { return up * a.localeCompare(b, "nl"); }
    if (ka === null) { return 1; }
    if (kb === null) { return -1; }
    return up * (ka - kb);
  }
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    var body = table.tBodies[0];
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "nik-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up === 1 ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return !r.hasAttribute("data-total"); });
        var totals = Array.prototype.slice.call(body.rows).filter(function (r) { return r.hasAttribute("data-total"); });
        rows.sort(function (a, b) {
          return compare(a.cells[column].textContent, b.cells[column].textContent, up);
        });
        rows.concat(totals).forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
