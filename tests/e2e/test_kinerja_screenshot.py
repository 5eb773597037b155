"""Kinerja in a real browser, on the demo: the leaders' dashboard with the pemda's outcome
indicators, the kinerja pages (screenshots for people to look at), and an operator entering a
quarter's realisasi above 150% of its target, which asks for an explanation."""

import re

import pytest

from .conftest import masuk

pytestmark = pytest.mark.e2e

PERIODE = "tahun=2025&bulan=9"


def _id_dinkes(halaman) -> str:
    halaman.goto(f"/kinerja/?{PERIODE}")
    href = halaman.get_by_role("link", name="Dinas Kesehatan", exact=True).get_attribute("href")
    return re.search(r"/kinerja/opd/(\d+)/", href).group(1)


def test_the_dashboard_shows_the_outcome_indicators_beside_their_budget(halaman, artefak):
    masuk(halaman, "pimpinan")
    halaman.goto(f"/?{PERIODE}")
    bagian = halaman.locator("#indikator-pemda")
    teks = bagian.inner_text().replace("\xa0", " ")
    assert "Jumlah balita stunting" in teks and "Indeks Pembangunan Manusia" in teks
    assert "Sub kegiatan terkait" in teks and "Rp " in teks
    assert halaman.locator("#sebaran-fisik tbody tr").count() == 4
    bagian.screenshot(path=artefak / "dasbor-indikator-pemda.png")
    halaman.screenshot(path=artefak / "dasbor-kinerja-2025-09.png", full_page=True)


def test_the_kinerja_pages_of_the_leaders(halaman, artefak):
    masuk(halaman, "pimpinan")
    opd = _id_dinkes(halaman)
    for nama, url, harus in (
        ("kinerja-beranda", f"/kinerja/?{PERIODE}", "E.79"),
        ("kinerja-opd-dinkes", f"/kinerja/opd/{opd}/?{PERIODE}", "Indikator kinerja"),
        ("kinerja-form-a-dinkes", f"/kinerja/form-a/{opd}/?{PERIODE}", "Bobot"),
        ("kinerja-form-b", f"/kinerja/form-b/?{PERIODE}", "Jumlah pemda"),
        ("kinerja-rfk", f"/kinerja/rfk/?{PERIODE}", "Nilai realisasi fisik"),
        ("kinerja-rfk-dinkes", f"/kinerja/rfk/{opd}/?{PERIODE}", "TTB fisik"),
        ("kinerja-pemda", "/kinerja/pemda/?tahun=2023&bulan=12", "1.058"),
        ("kinerja-triwulan-dinkes", f"/laporan/{opd}/2025/triwulan/3/kinerja/",
         "Faktor pendorong"),
    ):
        resp = halaman.goto(url)
        assert resp.status == 200, url
        assert harus in halaman.locator("main").inner_text().replace("\xa0", " "), url
        halaman.screenshot(path=artefak / f"{nama}.png", full_page=True)


def test_bappeda_keeps_the_outcome_indicators(halaman, artefak):
    masuk(halaman, "bappeda")
    halaman.goto("/kinerja/pemda/?tahun=2023&bulan=12")
    halaman.get_by_role("link", name="Ubah indikator, target dan nilai").first.click()
    assert "Nilai berkala" in halaman.locator("main").inner_text()
    halaman.screenshot(path=artefak / "kinerja-pemda-ubah.png", full_page=True)
    halaman.goto("/kinerja/pemda/evaluasi/2025/3/")
    halaman.screenshot(path=artefak / "kinerja-evaluasi-pemda.png", full_page=True)


def test_the_operator_explains_a_realisasi_above_150_percent(halaman, artefak):
    masuk(halaman, "operator.dinkes")
    opd = _id_dinkes(halaman)
    tahun = max(int(t) for t in halaman.locator("#pilih-tahun option").all_inner_texts())
    terbuka = None
    for tw in (4, 3, 2, 1):
        halaman.goto(f"/laporan/{opd}/{tahun}/triwulan/{tw}/kinerja/")
        if halaman.locator("input[name^='k-']").count():
            terbuka = tw
            break
    if terbuka is None:  # every quarter of the year closed: the section is read-only
        assert "tidak dapat diubah" in halaman.locator("main").inner_text() or \
            "belum dimulai" in halaman.locator("main").inner_text()
        return
    baris = halaman.locator("tr", has=halaman.locator("input[name^='k-']")).filter(
        has_text="Jumlah").first
    baris.locator("input").fill("9.999")
    with halaman.expect_navigation():
        halaman.get_by_role("button", name="Simpan").click()
    pesan = halaman.locator(".pesan--success").inner_text()
    assert "tersimpan" in pesan and "belum diberi penjelasan" in pesan
    assert halaman.locator(".baris-penjelasan").count() == 1
    halaman.screenshot(path=artefak / "kinerja-triwulan-peringatan.png", full_page=True)
    halaman.locator("textarea[name^='j-']").first.fill("Tambahan sasaran dari dana DID.")
    with halaman.expect_navigation():
        halaman.get_by_role("button", name="Simpan").click()
    pesan = halaman.locator(".pesan--success").inner_text()
    assert "tersimpan" in pesan and "belum diberi penjelasan" not in pesan
    assert halaman.locator("textarea[name^='j-']").first.input_value() == \
        "Tambahan sasaran dari dana DID."
