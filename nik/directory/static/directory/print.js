// Progressive enhancement: the "print" link opens the entry as a PDF; with JavaScript it prints
// the page itself (the print style leaves out the way back and the feedback form).
(function () {
  var link = document.getElementById("print-service");
  if (!link || !window.print) { return; }
  link.setAttribute("role", "button");
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
})();
