// A question that applies only after a given answer (data-show-if="item=value") appears when that
// answer is chosen; without JavaScript the page is sent once and comes back with it shown.
(function () {
  "use strict";
  var form = document.querySelector(".nik-survey");
  if (!form) { return; }
  function update() {
    form.querySelectorAll("[data-show-if]").forEach(function (block) {
      var rule = block.getAttribute("data-show-if").split("=");
      var chosen = form.querySelector("input[name='" + rule[0] + "']:checked");
      block.hidden = !(chosen && chosen.value === rule[1]);
    });
  }
  form.addEventListener("change", update);
  update();
})();
