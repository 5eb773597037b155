/* SIAP — monthly report form: live totals and keyboard movement. No dependencies, no build.
 *
 * Numbers are read exactly as lib/angka.py reads them in Indonesian style ("1.250.000",
 * "1250000", "1.250.000,50"; dots group thousands, a comma starts at most two decimals) and
 * computed in whole sen with BigInt, so a total on the page is the total the server will store.
 * Percentages are rounded half up to two decimals, as lib/rupiah.py does.
 */
(function () {
  "use strict";

  var RIBUAN_ID = /^(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
  var DUA_CARA = /^\d+\.\d{1,2}$/;

  /* The value quoted as Python's repr() quotes it in lib/angka.py's reasons. */
  function kutip(teks) {
    return teks.indexOf("'") >= 0 && teks.indexOf('"') < 0 ? '"' + teks + '"' : "'" + teks + "'";
  }

  /* -> {sen: BigInt} | {kosong: true} | {galat: "alasan"} (the reasons of lib/angka.py). */
  function baca(teks, persen) {
    var asli = teks.trim();
    var t = asli.replace(/\u00a0/g, "").replace(/ /g, "");
    if (persen && t.slice(-1) === "%") t = t.slice(0, -1);
    if (t.slice(0, 2).toLowerCase() === "rp") t = t.slice(2);
    var negatif = t.charAt(0) === "-";
    if (negatif) t = t.slice(1);
    if (!t) return asli ? { galat: "kosong, bukan angka" } : { kosong: true };
    var m = RIBUAN_ID.exec(t);
    if (!m) {
      if (DUA_CARA.test(t)) {
        return { galat: kutip(asli) + " dapat dibaca dua cara; tulis desimal dengan koma " +
          "(mis. 1250,50) dan ribuan dengan titik (mis. 1.250.000)" };
      }
      return { galat: kutip(asli) + " bukan angka yang dikenali" };
    }
    var pecahan = m[2] || "";
    if (pecahan.length > 2) {
      return { galat: kutip(asli) + " memiliki lebih dari 2 angka di belakang koma" };
    }
    var sen = BigInt(m[1].replace(/\./g, "") + (pecahan + "00").slice(0, 2));
    return { sen: negatif ? -sen : sen };
  }

  /* "1200.50" (lib.rupiah.desimal, always two decimals) -> 120050n */
  function senMesin(teks) {
    var negatif = teks.charAt(0) === "-";
    var bagian = (negatif ? teks.slice(1) : teks).split(".");
    var sen = BigInt(bagian[0] + ((bagian[1] || "") + "00").slice(0, 2));
    return negatif ? -sen : sen;
  }

  function kelompokkan(digit) {
    return digit.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  /* hundredths (sen, or hundredths of a percent) -> "1.250.000,50" */
  function angka(ratusan) {
    var negatif = ratusan < 0n;
    var s = (negatif ? -ratusan : ratusan).toString().padStart(3, "0");
    var teks = kelompokkan(s.slice(0, -2)) + "," + s.slice(-2);
    return (negatif ? "-" : "") + teks;
  }

  function rupiah(sen) {
    var teks = angka(sen);
    return teks.charAt(0) === "-" ? "-Rp " + teks.slice(1) : "Rp " + teks;
  }

  /* a / b × 100, rounded half up (away from zero) to hundredths; null when b is 0. */
  function persen(a, b) {
    if (b === 0n) return "–";
    var negatif = (a < 0n) !== (b < 0n);
    var pa = a < 0n ? -a : a;
    var pb = b < 0n ? -b : b;
    var q = (pa * 20000n + pb) / (2n * pb);
    return angka(negatif ? -q : q) + "%";
  }

  /* persen() for a grid cell: beyond ±999,99% (a wrong entry) "> 999%", as the
     siap_format filter persen_ringkas, so an absurd figure cannot widen the grid. */
  function persenRingkas(a, b) {
    if (b === 0n) return "–";
    var negatif = (a < 0n) !== (b < 0n);
    var pa = a < 0n ? -a : a;
    var pb = b < 0n ? -b : b;
    var q = (pa * 20000n + pb) / (2n * pb);
    if (q > 99999n) return negatif ? "< -999%" : "> 999%";
    return angka(negatif ? -q : q) + "%";
  }

  // Node (reporting/tests) checks these against lib/angka.py and lib/rupiah.py.
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { baca: baca, angka: angka, rupiah: rupiah, persen: persen,
                       persenRingkas: persenRingkas };
  }
  if (typeof document === "undefined") return;
  var form = document.getElementById("formulir-laporan");
  if (!form) return;

  function tulis(el, teks) {
    if (el && el.textContent !== teks) el.textContent = teks;
  }

  function sel(baris, nama) {
    return baris.querySelector('[data-isi="' + nama + '"]');
  }

  /* Rows once: machine figures from data-* attributes. */
  var grup = Array.prototype.map.call(form.querySelectorAll("tbody.blok-sub"), function (tbody) {
    return {
      jumlah: tbody.querySelector("tr.jumlah-sub"),
      baris: Array.prototype.map.call(tbody.querySelectorAll("tr.rincian"), function (tr) {
        return {
          tr: tr,
          input: tr.querySelector('input[data-kolom="r"]'),
          pagu: senMesin(tr.dataset.pagu),
          ak: senMesin(tr.dataset.ak),
          lalu: senMesin(tr.dataset.lalu),
        };
      }),
    };
  });
  var barisTotal = form.querySelector("tr.jumlah-opd");

  function isiJumlah(tr, j) {
    if (!tr) return;
    tulis(sel(tr, "ini"), angka(j.ini));
    tulis(sel(tr, "kumulatif"), angka(j.lalu + j.ini));
    tulis(sel(tr, "persen"), persenRingkas(j.lalu + j.ini, j.pagu));
    tulis(sel(tr, "capaian"), persenRingkas(j.lalu + j.ini, j.ak));
  }

  function tandai(input, hasil) {
    var salah = Boolean(hasil.galat);
    input.classList.toggle("isian-angka--salah", salah);
    if (salah) {
      input.setAttribute("title", hasil.galat);
    } else {
      input.removeAttribute("title");
    }
  }

  function hitung() {
    var total = { pagu: 0n, ak: 0n, lalu: 0n, ini: 0n };
    var adaSalah = false;
    grup.forEach(function (g) {
      var j = { pagu: 0n, ak: 0n, lalu: 0n, ini: 0n };
      g.baris.forEach(function (b) {
        var hasil = b.input ? baca(b.input.value, false) : { kosong: true };
        if (b.input) tandai(b.input, hasil);
        var ini = hasil.sen !== undefined ? hasil.sen : 0n;
        adaSalah = adaSalah || Boolean(hasil.galat);
        var kumulatif = b.lalu + ini;
        tulis(sel(b.tr, "kumulatif"), hasil.galat ? "?" : angka(kumulatif));
        tulis(sel(b.tr, "persen"), hasil.galat ? "?" : persenRingkas(kumulatif, b.pagu));
        tulis(sel(b.tr, "capaian"), hasil.galat ? "?" : persenRingkas(kumulatif, b.ak));
        b.tr.classList.toggle("rincian--lewat-pagu", !hasil.galat && kumulatif > b.pagu);
        j.pagu += b.pagu; j.ak += b.ak; j.lalu += b.lalu; j.ini += ini;
      });
      isiJumlah(g.jumlah, j);
      total.pagu += j.pagu; total.ak += j.ak; total.lalu += j.lalu; total.ini += j.ini;
    });
    isiJumlah(barisTotal, total);
    tulis(document.getElementById("total-ini"), rupiah(total.ini));
    tulis(document.getElementById("total-kumulatif"), rupiah(total.lalu + total.ini));
    tulis(document.getElementById("total-persen"), persenRingkas(total.lalu + total.ini, total.pagu));
    tulis(document.getElementById("total-capaian"), persenRingkas(total.lalu + total.ini, total.ak));
    return adaSalah;
  }

  /* ---------- What changed since the page was loaded ---------- */

  var isian = Array.prototype.slice.call(form.querySelectorAll("input[data-kolom], textarea"));
  var statusUbah = document.getElementById("status-ubah");
  var menyimpan = false;

  /* What is stored for an input: after a refused save the page shows the typed values, and
     the server puts the stored one beside each in data-tersimpan; otherwise the value the
     page was loaded with. */
  function tersimpan(el) {
    return el.dataset.tersimpan !== undefined ? el.dataset.tersimpan : el.defaultValue;
  }

  function berbeda(el) {
    var asal = tersimpan(el);
    if (el.value === asal) return false;
    if (!el.dataset.kolom) return el.value.trim() !== asal.trim();
    // "1000" typed over a stored "1.000,00" is the same number; blank and 0 are not.
    var persen = el.dataset.kolom === "f";
    var a = baca(el.value, persen), b = baca(asal, persen);
    if (a.sen !== undefined && b.sen !== undefined) return a.sen !== b.sen;
    return !(a.kosong && b.kosong);
  }

  function jumlahDiubah() {
    var n = 0;
    isian.forEach(function (el) {
      var ubah = berbeda(el);
      el.classList.toggle("diubah", ubah);
      if (ubah) n += 1;
    });
    return n;
  }

  function perbarui() {
    var adaSalah = hitung();
    var n = jumlahDiubah();
    var teks = n ? n + " isian belum disimpan" : "";
    if (adaSalah) teks += (teks ? " · " : "") + "ada angka yang tidak dikenali";
    tulis(statusUbah, teks);
  }

  form.addEventListener("input", function (e) {
    if (e.target.matches("input[data-kolom], textarea")) perbarui();
  });

  /* Tidy a valid number when leaving the input: "1250000" -> "1.250.000,00". */
  form.addEventListener("focusout", function (e) {
    var el = e.target;
    if (!el.matches || !el.matches("input[data-kolom]")) return;
    var hasil = baca(el.value, el.dataset.kolom === "f");
    if (hasil.sen !== undefined) {
      var rapi = angka(hasil.sen);
      if (el.value !== rapi) {
        el.value = rapi;
        perbarui();
      }
    }
  });

  /* Enter moves down the input column (Shift+Enter up) instead of submitting the form: each
     line's realisasi, then its sub kegiatan's fisik, as they stand one under the other. */
  form.addEventListener("keydown", function (e) {
    var el = e.target;
    if (e.key !== "Enter" || e.isComposing || !el.matches("input[data-kolom]")) return;
    e.preventDefault();
    var kolom = Array.prototype.slice.call(form.querySelectorAll("input[data-kolom]"));
    var i = kolom.indexOf(el) + (e.shiftKey ? -1 : 1);
    if (i >= 0 && i < kolom.length) {
      kolom[i].focus();
      kolom[i].select();
    }
  });

  /* A conflict's choice puts the chosen value into the input, so the totals follow it. */
  form.addEventListener("change", function (e) {
    var el = e.target;
    if (!el.matches || !el.matches('input[type="radio"][name^="pilih-"]')) return;
    var input = document.getElementById(el.name.replace(/^pilih-/, ""));
    if (input) {
      input.value = el.dataset.nilai || "";
      perbarui();
    }
  });

  form.addEventListener("submit", function () { menyimpan = true; });

  /* Leaving the page (another month, a permasalahan form) would lose what was typed. */
  window.addEventListener("beforeunload", function (e) {
    if (!menyimpan && jumlahDiubah() > 0) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  perbarui();
})();
