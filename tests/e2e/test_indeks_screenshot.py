"""The Indeks Kinerja Pelaksanaan Anggaran in a real browser on the Lampung Barat demo (TW IV
2025, s.d. November): screenshots of the dashboard, the index page and an OPD page, each
with its real content checked; an operator sees only their own OPD's row."""

import pytest

from .conftest import masuk

pytestmark = pytest.mark.e2e

PERIODE = "?tahun=2025&bulan=11"


@pytest.fixture
def tangkapan(tmp_path_factory):
    return tmp_path_factory.mktemp("indeks-screenshot")


def test_the_pimpinan_sees_the_index_the_dashboard_and_an_opd_page(halaman, tangkapan):
    masuk(halaman, "pimpinan")

    halaman.goto("/" + PERIODE)
    assert "76,73%" in halaman.locator(".kalimat-utama").inner_text()
    menu = halaman.get_by_role("navigation", name="Menu utama")
    assert menu.get_by_role("link", name="Indeks", exact=True).count() == 1
    halaman.screenshot(path=tangkapan / "dasbor.png", full_page=True)

    menu.get_by_role("link", name="Indeks", exact=True).click()
    halaman.wait_for_url("**/indeks/**")
    halaman.goto("/indeks/" + PERIODE)
    assert "Triwulan IV 2025" in halaman.locator("h1").inner_text()
    baris = halaman.locator(".tabel--indeks tbody tr")
    assert baris.count() == 49
    assert baris.first.locator("td.kolom-no").inner_text() == "1"
    kategori = {t.strip() for t in halaman.locator(".tabel--indeks .kat").all_inner_texts()}
    assert kategori <= {"Sangat Baik", "Baik", "Cukup", "Kurang"} and len(kategori) >= 3
    assert halaman.locator("#reward li").count() == 5
    assert halaman.locator("#punishment li").count() >= 5
    assert "Kurang" in halaman.locator("#punishment").inner_text()
    # the previous quarter (s.d. September) gives every OPD a change
    assert halaman.locator(".tabel--indeks .perubahan--kosong").count() == 0
    assert "Penyerapan anggaran 30,00%" in halaman.locator("#bobot").inner_text()
    halaman.screenshot(path=tangkapan / "indeks-tw4-2025.png", full_page=True)

    pertama = halaman.locator(".tabel--indeks tbody tr").first
    nama = pertama.locator("th a").inner_text()
    nilai = pertama.locator("td.indeks-nilai").inner_text()
    pertama.locator("th a").click()
    halaman.wait_for_selector("#indeks-opd")
    assert nama in halaman.locator("h1").inner_text()
    bagian = halaman.locator("#indeks-opd")
    assert "Indeks Kinerja Pelaksanaan Anggaran — TW IV" in bagian.inner_text()
    assert bagian.locator(".indeks-ringkas__nilai").inner_text() == nilai
    assert "Peringkat 1 dari 49" in bagian.inner_text()
    assert bagian.locator(".tabel--komponen tbody tr").count() == 5
    halaman.screenshot(path=tangkapan / "opd-indeks.png", full_page=True)


def test_the_operator_of_dinas_kesehatan_sees_only_their_own_row(halaman, tangkapan):
    masuk(halaman, "operator.dinkes")
    halaman.goto("/indeks/" + PERIODE)
    assert halaman.locator(".tabel--indeks tbody tr").count() == 1
    isi = halaman.locator("main").inner_text()
    assert "Dinas Kesehatan" in isi
    assert "Dinas Pekerjaan Umum" not in isi
    halaman.screenshot(path=tangkapan / "indeks-operator-dinkes.png", full_page=True)
