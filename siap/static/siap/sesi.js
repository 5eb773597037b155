/* SIAP — the session's idle timeout, seen from the page (on the monthly report form).
 *
 * The server ends a session unused for SIAP_SESI_MENIT (each request renews it). A form being
 * typed into makes no request, so this script: renews the session now and then while the user
 * types (only a user who really is idle is signed out), warns a few minutes before the end
 * with a countdown and a button to renew, and says plainly when the session has ended — the
 * typed values are then kept through signing in again (reporting/tertunda.py).
 * No dependencies, no build; the element #sesi carries the length and the renewal URL.
 */
(function () {
  "use strict";

  var kotak = document.getElementById("sesi");
  if (!kotak || typeof fetch !== "function") return;
  var detik = parseInt(kotak.dataset.detik, 10);
  if (!(detik > 0)) return;
  var alamat = kotak.dataset.url;
  var teks = kotak.querySelector(".sesi__teks");
  var hitung = kotak.querySelector(".sesi__hitung");
  var tombol = kotak.querySelector(".sesi__perpanjang");

  var PERINGATAN = Math.min(5 * 60, Math.floor(detik / 5)) * 1000;
  var JEDA_PERPANJANG = Math.min(5 * 60, Math.floor(detik / 4)) * 1000;
  var terakhir = Date.now();  // when the server last saw a request of this page
  var berakhir = false;
  var memperpanjang = false;

  function menitDetik(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var m = Math.floor(s / 60);
    return m + ":" + String(s % 60).padStart(2, "0");
  }

  function tampilkan() {
    var sisa = terakhir + detik * 1000 - Date.now();
    if (berakhir || sisa <= 0) {
      if (!berakhir) berakhir = true;
      kotak.hidden = false;
      kotak.classList.add("sesi--berakhir");
      teks.textContent = "Sesi Anda telah berakhir karena tidak ada aktivitas. Isian Anda masih " +
        "di halaman ini: tekan Simpan — SIAP menyimpannya sementara, meminta Anda masuk lagi, " +
        "lalu menerapkannya.";
      hitung.textContent = "";
      tombol.hidden = true;
      return;
    }
    if (sisa > PERINGATAN) {
      kotak.hidden = true;
      return;
    }
    if (kotak.hidden) {
      teks.textContent = "Sesi Anda akan berakhir karena tidak ada aktivitas. Simpan isian " +
        "Anda, atau perpanjang sesi. Sisa waktu:";
      tombol.hidden = false;
      kotak.hidden = false;
    }
    hitung.textContent = menitDetik(sisa);
  }

  function tandaiBerakhir() {
    berakhir = true;
    tampilkan();
  }

  function perpanjang() {
    if (memperpanjang || berakhir) return;
    memperpanjang = true;
    var mulai = Date.now();
    fetch(alamat, { credentials: "same-origin", cache: "no-store",
                    headers: { Accept: "application/json" } })
      .then(function (r) {
        // An ended session is answered with the login page.
        if (r.redirected || !r.ok) {
          tandaiBerakhir();
        } else {
          terakhir = mulai;
          tampilkan();
        }
      })
      .catch(function () { /* no network: keep counting */ })
      .then(function () { memperpanjang = false; });
  }

  tombol.addEventListener("click", perpanjang);
  ["input", "keydown"].forEach(function (jenis) {
    document.addEventListener(jenis, function () {
      if (Date.now() - terakhir > JEDA_PERPANJANG) perpanjang();
    }, true);
  });
  // Requests of the page itself (htmx: a permasalahan) renew the session too…
  document.addEventListener("htmx:afterRequest", function (e) {
    var xhr = e.detail && e.detail.xhr;
    if (xhr && xhr.status !== 401) terakhir = Date.now();
  });
  // …unless the server answered that the session had ended (reporting/tertunda.py).
  document.addEventListener("sesiBerakhir", tandaiBerakhir);

  window.setInterval(tampilkan, 1000);
  tampilkan();
})();
