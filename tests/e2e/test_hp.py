"""SIAP on a phone, 390 px wide (issue #17): on every page of every role the menu folds behind
a "Menu" button and nothing pushes the page sideways (wide tables scroll inside their box)."""

import re
from urllib.parse import urlparse

import pytest

from .conftest import masuk

pytestmark = pytest.mark.e2e

HALAMAN = {
    "pimpinan": ["/", "/laporan/", "/permasalahan/", "/indeks/", "/proyeksi/", "/bahan-rakor/",
                 "/akun/kata-sandi/"],
    "verifikator": ["/laporan/", "/impor/"],
    "admin": ["/akun/pengguna/", "/akun/pengguna/tambah/"],
    "operator.dinkes": ["/", "/laporan/"],
}


@pytest.fixture
def hp(peramban, server_siap):
    konteks = peramban.new_context(viewport={"width": 390, "height": 844}, locale="id-ID",
                                   base_url=server_siap, is_mobile=True, has_touch=True)
    page = konteks.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        konteks.close()


def _tautan_menu(page) -> list[str]:
    return page.locator("#menu-utama a").evaluate_all("as => as.map(a => a.getAttribute('href'))")


def _periksa(page, url: str) -> None:
    page.goto(url)
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 390, f"{url}: halaman selebar {lebar} px pada layar 390 px"
    kepala = page.locator("header.kepala").bounding_box()
    assert kepala["height"] <= 80, f"{url}: kepala halaman setinggi {kepala['height']} px"
    assert page.locator("#menu-utama").is_hidden(), f"{url}: menu tidak terlipat"


@pytest.mark.parametrize("username", list(HALAMAN))
def test_every_page_fits_a_phone_and_its_menu_folds(hp, username, artefak):
    page = hp
    masuk(page, username)
    page.goto("/")
    tombol = page.get_by_role("button", name="Menu")
    assert tombol.get_attribute("aria-expanded") == "false"
    tombol.click()
    assert tombol.get_attribute("aria-expanded") == "true"
    assert page.locator("#menu-utama").is_visible()
    assert page.get_by_role("button", name="Keluar").is_visible()
    page.screenshot(path=artefak / f"hp-menu-{username}.png")
    # every page the menu leads to, the role's other pages, an OPD and a sub kegiatan page
    halaman = set(_tautan_menu(page)) | set(HALAMAN[username])
    page.keyboard.press("Escape")
    assert page.locator("#menu-utama").is_hidden()
    if username == "pimpinan":
        page.goto("/")
        opd = page.locator("#peringkat-opd a[href^='/opd/']").first.get_attribute("href")
        page.goto(opd)
        sub = page.locator("a[href*='/sub/']").first.get_attribute("href")
        halaman |= {opd, sub}
    if username == "operator.dinkes":
        page.goto("/laporan/")
        page.locator("tr.baris-terbuka a", has_text=re.compile("Isi laporan|Perbaiki")).first.click()
        halaman.add(urlparse(page.url).path)
    for url in sorted(h for h in halaman if h and not h.startswith("/admin/")):
        _periksa(page, url)
    page.screenshot(path=artefak / f"hp-{username}.png", full_page=True)
