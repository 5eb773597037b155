// User form: filter the OPD check-box list by the text typed (the list works without it).
(function () {
  "use strict";
  var cari = document.getElementById("cari-opd");
  var daftar = document.getElementById("daftar-opd");
  if (!cari || !daftar) { return; }
  cari.hidden = false;
  cari.addEventListener("input", function () {
    var kata = cari.value.trim().toLowerCase();
    daftar.querySelectorAll("label").forEach(function (label) {
      var baris = label.closest("li") || label.parentElement;
      var cocok = !kata || label.textContent.toLowerCase().indexOf(kata) !== -1
        || (label.querySelector("input") || {}).checked;
      baris.hidden = !cocok;
    });
  });
})();
