/* SIAP — "Isi dengan angka SIPD" on the monthly report form: puts SIPD's amount of each line
 * into its input (r-<rincian id>) and lets the form's own script recompute the totals. */
(function () {
  "use strict";
  var kotak = document.querySelector("[data-sipd-isian]");
  if (!kotak) return;
  var tombol = kotak.querySelector("[data-sipd-isi]");
  tombol.addEventListener("click", function () {
    var n = 0;
    kotak.querySelectorAll("li[data-rincian]").forEach(function (li) {
      var isian = document.getElementById("r-" + li.getAttribute("data-rincian"));
      if (!isian || isian.disabled || isian.readOnly) return;
      isian.value = li.getAttribute("data-nilai");
      isian.dispatchEvent(new Event("input", { bubbles: true }));
      n += 1;
    });
    tombol.textContent = n ? n + " rincian diisi angka SIPD — periksa lalu simpan" : "Tidak ada isian yang dapat diubah";
    tombol.disabled = true;
  });
})();
