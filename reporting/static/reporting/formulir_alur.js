/* SIAP — monthly report form, around the grid: permasalahan recorded in place (htmx swaps the
 * permasalahan section; the grid, and every number typed in it, stays as it is) and the
 * keyboard shortcut that saves. No dependencies but htmx (django-htmx's copy), no build.
 */
(function () {
  "use strict";

  /* "+ catat permasalahan" beside a sub kegiatan: open the new-permasalahan form below with
     that sub kegiatan chosen, instead of reloading the page (which would lose the typed
     numbers, and made the browser ask whether to leave). */
  document.addEventListener("click", function (e) {
    var tautan = e.target.closest && e.target.closest("a.tautan-tambah[data-sub]");
    if (!tautan) return;
    var baru = document.getElementById("permasalahan-baru");
    if (!baru) return;
    e.preventDefault();
    baru.open = true;
    var pilih = baru.querySelector("select[name$='sub_kegiatan']");
    if (pilih) pilih.value = tautan.dataset.sub;
    baru.scrollIntoView({ block: "start" });
    var kategori = baru.querySelector("select[name$='kategori']");
    (kategori || pilih || baru).focus();
  });

  /* After a swap, where the eye should go: the first message of a refused change, else the
     confirmation. */
  document.addEventListener("htmx:afterSettle", function () {
    var bagian = document.getElementById("permasalahan");
    if (!bagian) return;
    var tuju = bagian.querySelector(".isian__galat, [role='alert'], .masalah-pesan");
    if (!tuju) return;
    var isian = tuju.closest(".isian");
    var fokus = isian ? isian.querySelector("input, select, textarea") : null;
    if (fokus) {
      fokus.focus();
    } else {
      tuju.setAttribute("tabindex", "-1");
      tuju.focus();
    }
  });

  /* Ctrl+S (Cmd+S on a Mac) or Alt+S saves the report from anywhere on the page, as the
     Simpan button does — the button is ~190 Tab presses away on a large OPD's grid. */
  var form = document.getElementById("formulir-laporan");
  var simpan = form && form.querySelector("button[name='aksi'][value='simpan']");
  if (!simpan) return;
  document.addEventListener("keydown", function (e) {
    var huruf = (e.key || "").toLowerCase() === "s";
    if (!huruf || e.shiftKey || !((e.ctrlKey || e.metaKey) !== e.altKey)) return;
    e.preventDefault();
    if (e.repeat) return;
    // Typing a permasalahan: save that one (in place), not the grid.
    var lain = document.activeElement && document.activeElement.closest("form.form-masalah");
    if (lain) {
      lain.requestSubmit();
    } else {
      form.requestSubmit(simpan);
    }
  });
})();
