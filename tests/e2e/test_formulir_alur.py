"""The report form's workflow in a real browser (issue #17), as the Dinas Kesehatan operator on
the demo: Enter walks down every input (realisasi and fisik), a permasalahan is recorded in
place without leaving the form or losing typed numbers, Ctrl+S saves, a refused save still
counts what is unsaved, and a session that expired while typing loses nothing."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import masuk

pytestmark = pytest.mark.e2e


def _buka_bulan_terbuka(page) -> str:
    page.goto("/laporan/")
    page.locator("tr.baris-terbuka a", has_text=re.compile("Isi laporan|Perbaiki")).first.click()
    page.wait_for_url(re.compile(r"/laporan/\d+/\d{4}/\d{1,2}/$"))
    return page.url


@pytest.fixture
def dialog(halaman):
    """Every dialog the page opens (a "leave page?" prompt among them), dismissed."""
    muncul = []

    def catat(d):
        muncul.append(d.type)
        d.dismiss()

    halaman.on("dialog", catat)
    return muncul


def test_enter_walks_through_realisasi_and_fisik_and_permasalahan_stay_in_place(
        halaman, dialog, artefak):
    page = halaman
    masuk(page, "operator.dinkes")
    url = _buka_bulan_terbuka(page)

    # Enter: from a sub kegiatan's last realisasi to its fisik, then to the next line.
    blok = page.locator("tbody.blok-sub").first
    r_akhir = blok.locator("input[data-kolom='r']").last
    fisik = blok.locator("input[data-kolom='f']")
    r_akhir.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == fisik.get_attribute("id")
    page.keyboard.press("Enter")
    berikut = page.locator("tbody.blok-sub").nth(1).locator("input[data-kolom]").first
    assert page.evaluate("document.activeElement.id") == berikut.get_attribute("id")
    page.keyboard.press("Shift+Enter")
    assert page.evaluate("document.activeElement.id") == fisik.get_attribute("id")

    # A number typed and not saved…
    r_pertama = blok.locator("input[data-kolom='r']").first
    r_pertama.fill("1.234")
    assert page.locator("#status-ubah").inner_text() == "1 isian belum disimpan"

    # …survives recording a permasalahan from the link beside the sub kegiatan.
    sub_id = blok.get_attribute("data-sub")
    blok.locator("a.tautan-tambah").click()
    baru = page.locator("#permasalahan-baru")
    assert baru.get_attribute("open") is not None
    assert baru.locator("select[name='pm-sub_kegiatan']").input_value() == sub_id
    baru.locator("select[name='pm-kategori']").select_option("penyedia")
    baru.locator("textarea[name='pm-uraian']").fill("Penyedia terlambat mengirim alat kesehatan.")
    baru.get_by_role("button", name="Catat permasalahan").click()
    page.locator(".masalah-pesan", has_text="Permasalahan dicatat.").wait_for()
    assert page.url == url
    assert r_pertama.input_value() == "1.234,00"  # tidied when the focus left it
    assert page.locator("#status-ubah").inner_text() == "1 isian belum disimpan"
    assert "Penyedia terlambat" in page.locator("#permasalahan").inner_text()
    assert "permasalahan terbuka" in page.locator(f"#masalah-terbuka-{sub_id}").inner_text()
    page.screenshot(path=artefak / "formulir-permasalahan-di-tempat.png", full_page=False)

    # A refused one shows its message in place; what was typed stays.
    baru = page.locator("#permasalahan-baru")
    baru.locator("summary").click()  # the fresh section has it closed
    baru.locator("textarea[name='pm-tindak_lanjut']").fill("Surat teguran kedua.")
    baru.get_by_role("button", name="Catat permasalahan").click()
    page.locator("#permasalahan-baru .isian__galat").first.wait_for()
    assert page.locator("#permasalahan-baru textarea[name='pm-tindak_lanjut']").input_value() \
        == "Surat teguran kedua."
    assert r_pertama.input_value() == "1.234,00"

    # Ctrl+S saves the grid from anywhere on the page.
    r_pertama.focus()
    with page.expect_navigation():
        page.keyboard.press("Control+s")
    assert "tersimpan" in page.locator(".pesan-daftar").inner_text()
    assert page.locator(f"#{r_pertama.get_attribute('id')}").input_value() == "1.234,00"
    assert dialog == []


def test_a_refused_save_counts_what_is_still_unsaved(halaman, dialog):
    page = halaman
    masuk(page, "operator.dinkes")
    _buka_bulan_terbuka(page)
    isian = page.locator("input[data-kolom='r']")
    isian.nth(0).fill("-5")
    isian.nth(1).fill("10")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.locator("#daftar-galat").wait_for()
    # The count is written by a deferred script once the refused page has loaded: wait for it
    # rather than read it the moment the error list is in the DOM.
    status = page.locator("#status-ubah")
    expect(status).to_have_text(re.compile(r"^2 isian belum disimpan"))
    isian.nth(0).fill(page.locator("input[data-kolom='r']").nth(0).get_attribute("data-tersimpan"))
    expect(status).to_have_text("1 isian belum disimpan")


def test_an_idle_operator_is_warned_and_a_save_after_the_session_ended_is_kept(
        halaman, dialog, artefak):
    page = halaman
    masuk(page, "operator.dinkes")
    page.clock.install()
    url = _buka_bulan_terbuka(page)
    sesi = page.locator("#sesi")
    assert sesi.is_hidden()

    # Idle for 56 of SIAP_SESI_MENIT's 60 minutes: the warning, with its countdown.
    page.clock.fast_forward(56 * 60 * 1000)
    sesi.wait_for(state="visible")
    assert "Sesi Anda akan berakhir" in sesi.inner_text()
    assert re.search(r"\b3:5\d\b|\b4:00\b", sesi.locator(".sesi__hitung").inner_text())
    page.screenshot(path=artefak / "formulir-sesi-peringatan.png")
    with page.expect_response("**/akun/sesi/"):
        sesi.get_by_role("button", name="Perpanjang sesi").click()
    sesi.wait_for(state="hidden")

    # The session ends on the server (here: its cookie is gone) while the operator types.
    isian = page.locator("input[data-kolom='r']").nth(2)
    isian.fill("4.321")
    page.context.clear_cookies(name="sessionid")
    page.clock.fast_forward(61 * 60 * 1000)
    sesi.wait_for(state="visible")
    assert "Sesi Anda telah berakhir" in sesi.inner_text()
    page.screenshot(path=artefak / "formulir-sesi-berakhir.png")

    # Simpan: kept, the login page says so; signing in applies the save.
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url("**/masuk/**")
    assert "Isian Anda disimpan sementara" in page.locator("main").inner_text()
    page.get_by_label("Nama pengguna").fill("operator.dinkes")
    page.get_by_label("Kata sandi").fill("siap-demo-2025")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(url)
    teks = page.locator(".pesan-daftar").inner_text()
    assert "kini diproses" in teks and "tersimpan" in teks
    assert page.locator(f"#{isian.get_attribute('id')}").input_value() == "4.321,00"
    assert dialog == []
