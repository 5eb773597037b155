"""The Rakor dashboard in a real browser, on the Lampung Barat demo: the seed's figures, a
full-page screenshot for people to look at, and an operator who sees only their own OPD."""

import pytest

from .conftest import masuk

pytestmark = pytest.mark.e2e

TW_IV_2025 = "/?tahun=2025&bulan=11"


def test_the_pimpinan_sees_the_tw_iv_2025_figures_of_the_rakor(halaman, artefak):
    halaman.goto("/masuk/")
    halaman.screenshot(path=artefak / "masuk.png", full_page=True)
    masuk(halaman, "pimpinan")
    halaman.goto(TW_IV_2025)
    # the page keeps "Rp" beside its amount with a no-break space
    kalimat = halaman.locator(".kalimat-utama").inner_text().replace("\xa0", " ")
    assert "Rp 839.535.848.290,34 (76,73%)" in kalimat
    assert "96,95%" in kalimat
    assert "79,14%" in kalimat
    assert "Rp 1.094.182.195.169,02" in kalimat
    assert halaman.locator("#peringkat-opd tbody tr").count() > 10
    halaman.screenshot(path=artefak / "dasbor-tw4-2025.png", full_page=True)
    halaman.emulate_media(media="print")
    halaman.pdf(path=artefak / "dasbor-tw4-2025.pdf", format="A4", landscape=True,
                prefer_css_page_size=True)


def test_the_operator_of_dinas_kesehatan_sees_only_their_own_opd(halaman, artefak):
    masuk(halaman, "operator.dinkes")
    halaman.goto(TW_IV_2025)
    isi = halaman.locator("main").inner_text().replace("\xa0", " ")
    assert "Dinas Kesehatan" in isi
    assert "Dinas Pekerjaan Umum" not in isi
    assert halaman.locator("#peringkat-opd tbody tr").count() == 1
    assert "Rp 839.535.848.290,34 (76,73%)" in isi  # the pemda headline is for everyone
    halaman.screenshot(path=artefak / "dasbor-operator-dinkes.png", full_page=True)


def test_logging_out_returns_to_the_login_page(halaman):
    masuk(halaman, "pimpinan")
    halaman.get_by_role("button", name="Keluar").click()
    halaman.wait_for_url("**/masuk/")
    halaman.goto("/")
    assert "/masuk/" in halaman.url


def test_the_dashboards_pdf_link_opens_the_job_not_a_download_of_its_page(halaman):
    """The PDF and XLSX of the pack are made by a background job: the link leads to the job's
    page (which then offers the file); a ``download`` attribute would save that page's HTML
    as the "PDF". The CSV is answered at once and is a download."""
    masuk(halaman, "pimpinan")
    halaman.goto(TW_IV_2025)
    unduhan = []
    halaman.on("download", lambda d: unduhan.append(d.suggested_filename))
    halaman.locator(".unduh-rakor a", has_text="PDF").click()
    halaman.wait_for_url("**/tugas/**")
    assert unduhan == []
    halaman.get_by_text("Bahan Rakor POP PDF").first.wait_for()
    halaman.goto(TW_IV_2025)
    with halaman.expect_download() as info:
        halaman.locator(".unduh-rakor a", has_text="CSV").click()
    assert info.value.suggested_filename == "rakor-pop-2025-11.csv"
