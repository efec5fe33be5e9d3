// Progressive enhancement: with the visitor's permission, sort by distance from where they are.
(function () {
  var button = document.getElementById("use-location");
  var near = document.getElementById("id_near");
  if (!navigator.geolocation || !button || !near) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (pos) {
      near.value = pos.coords.latitude.toFixed(4) + "," + pos.coords.longitude.toFixed(4);
      near.form.submit();
    });
  });
})();
