/* SIAP — on a phone the main menu and the account links fold behind a "Menu" button, so the
 * header takes one line and never pushes the page sideways. Without this script they simply
 * stay open (wrapped). No dependencies, no build.
 */
(function () {
  "use strict";

  var tombol = document.querySelector(".menu-tombol");
  if (!tombol) return;
  document.documentElement.classList.add("menu-lipat");
  tombol.hidden = false;

  function atur(terbuka) {
    tombol.setAttribute("aria-expanded", terbuka ? "true" : "false");
    document.documentElement.classList.toggle("menu-terbuka", terbuka);
  }

  tombol.addEventListener("click", function () {
    atur(tombol.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && tombol.getAttribute("aria-expanded") === "true") {
      atur(false);
      tombol.focus();
    }
  });
})();
