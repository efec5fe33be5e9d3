// A gentle hint while typing in a field parents read: words that frighten or confuse them.
// The words come from the page (`json_script` of careplans/gentle.py); the hint never blocks saving.
(function () {
  "use strict";
  function start() {
    var source = document.getElementById("nik-gentle-words");
    if (!source) return;
    var given = JSON.parse(source.textContent);
    var words = given.words.map(function (w) {
      return { re: new RegExp("(?<!\\w)(" + w.pattern + ")", "i"), tip: w.tip };
    });
    var template = given.line;
    document.querySelectorAll("[data-parents-read]").forEach(function (field, index) {
      var hint = document.createElement("p");
      hint.className = "nik-hint";
      hint.id = "nik-gentle-" + index;
      hint.setAttribute("role", "status");
      hint.hidden = true;
      field.insertAdjacentElement("afterend", hint);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", (described ? described + " " : "") + hint.id);
      function check() {
        var lines = [];
        words.forEach(function (w) {
          var found = w.re.exec(field.value);
          if (found) lines.push(template.replace("%(word)s", found[1]).replace("%(tip)s", w.tip));
        });
        hint.textContent = lines.join(" ");
        hint.hidden = lines.length === 0;
      }
      field.addEventListener("input", check);
      check();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
