"""The monthly report from start to finish in a real browser, on the Lampung Barat demo:
the Dinas PUPR operator fills the open month (one error, one warning), saves a draft — which
no leader's figure counts —, completes every blank, explains and submits; the verifier returns
it with a note; the operator corrects and resubmits; the verifier verifies; the Rakor
dashboard's figures and its coverage line change accordingly."""

import re
from decimal import Decimal

import pytest

from lib.angka import baca_angka
from lib.periode import nama_bulan

from .conftest import masuk

pytestmark = pytest.mark.e2e

PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang"


def _keluar(page):
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk/")


def _realisasi_pupr_di_dasbor(page, tahun, bulan) -> Decimal:
    page.goto(f"/?tahun={tahun}&bulan={bulan}")
    baris = page.locator("#peringkat-opd tbody tr", has_text=PUPR)
    return baca_angka(baris.locator("td").nth(3).inner_text().replace("\xa0", " "))


def _status_pupr_di_dasbor(page, tahun, bulan) -> str:
    page.goto(f"/?tahun={tahun}&bulan={bulan}")
    assert re.search(r"Data \d+ dari \d+ OPD", page.locator("#cakupan").inner_text())
    return page.locator("#peringkat-opd tbody tr", has_text=PUPR).locator(".lap").inner_text()


def _lengkapi(page) -> None:
    """Every blank left: realisasi 0 (nothing spent), fisik as last month (never lower)."""
    page.evaluate("""() => {
        document.querySelectorAll('input[data-kolom=r]').forEach(el => {
            if (!el.value.trim()) el.value = '0';
        });
        document.querySelectorAll('tr.fisik').forEach(tr => {
            const el = tr.querySelector('input[data-kolom=f]');
            const lalu = tr.querySelector('.fisik__banding .angka').innerText;
            if (el && !el.value.trim()) el.value = /\\d/.test(lalu) ? lalu.replace('%', '') : '0';
        });
    }""")


def _pilih_sub_untuk_peringatan(page) -> tuple[str, str]:
    """A sub kegiatan and a fisik value that is valid (not below last month) yet more than 25
    points away from its keuangan percentage: the 'selisih fisik' warning, whatever the data."""
    kandidat = page.evaluate("""() => [...document.querySelectorAll('tr.fisik')].map(tr => {
        const tbody = tr.closest('tbody');
        const persen = [...tbody.querySelectorAll('td[data-isi=persen]')].pop();
        const lalu = tr.querySelector('.fisik__banding .angka');
        return {id: tr.id.replace('fisik-', ''), persen: persen ? persen.innerText : '',
                lalu: lalu ? lalu.innerText : ''};
    })""")
    for k in kandidat:
        try:
            keuangan = baca_angka(k["persen"].replace("%", ""))
        except ValueError:
            continue
        lalu = baca_angka(k["lalu"].replace("%", "")) if re.search(r"\d", k["lalu"]) else 0
        if keuangan < 74 and lalu <= 100:
            return k["id"], "100"
        if keuangan - 26 >= lalu:
            return k["id"], str(int(lalu))
    pytest.fail("no sub kegiatan of Dinas PUPR allows a fisik/keuangan warning")


def test_a_report_goes_from_entry_to_verification_and_reaches_the_dashboard(halaman, artefak):
    page = halaman
    # The operator finds the open month on their reporting home.
    masuk(page, "operator.pupr")
    page.goto("/laporan/")
    page.locator("tr.baris-terbuka a", has_text=re.compile("Isi laporan|Perbaiki")).first.click()
    m = re.search(r"/laporan/(\d+)/(\d{4})/(\d{1,2})/", page.url)
    assert m, page.url
    tahun, bulan = int(m.group(2)), int(m.group(3))
    url_formulir = page.url
    _keluar(page)

    masuk(page, "pimpinan")
    page.goto("/")  # the coverage banner on the leaders' default month
    assert re.search(r"Laporan \w+ \d{4}: Data \d+ dari \d+ OPD", page.locator("#cakupan").inner_text())
    page.screenshot(path=artefak / "dasbor-cakupan.png", full_page=True)
    sebelum = _realisasi_pupr_di_dasbor(page, tahun, bulan)
    assert _status_pupr_di_dasbor(page, tahun, bulan) in ("Belum lapor", "Draf (belum diajukan)")
    _keluar(page)

    masuk(page, "operator.pupr")
    page.goto(url_formulir)
    baris_pertama = page.locator("input[name^='r-']").first
    nama_r = baris_pertama.get_attribute("name")
    sub_id, fisik = _pilih_sub_untuk_peringatan(page)

    # 1. An error: far above the pagu. Nothing is saved, the typed value stays.
    baris_pertama.fill("999.999.999.999.999")
    page.locator(f"#f-{sub_id}").fill(fisik)
    page.get_by_role("button", name="Simpan", exact=True).click()
    galat = page.locator("#daftar-galat")
    galat.wait_for()
    assert "melebihi pagu" in galat.inner_text()
    tetap = page.locator(f"input[name='{nama_r}']").input_value()
    assert baca_angka(tetap) == Decimal("999999999999999")
    page.screenshot(path=artefak / "laporan-galat.png", full_page=True)

    # 2. Fixed: saved as a draft, with the fisik/keuangan warning that needs an explanation.
    page.locator(f"input[name='{nama_r}']").fill("1.000")
    page.get_by_role("button", name="Simpan", exact=True).click()
    penjelasan = page.locator(f"textarea[name='p-selisih_fisik:{sub_id}']")
    penjelasan.wait_for()
    assert "berselisih lebih dari 25 poin" in page.locator("main").inner_text()
    assert "Belum lengkap untuk diajukan" in page.locator("main").inner_text()
    page.screenshot(path=artefak / "laporan-peringatan.png", full_page=True)

    # The draft reaches no leader's figure.
    _keluar(page)
    masuk(page, "pimpinan")
    assert _realisasi_pupr_di_dasbor(page, tahun, bulan) == sebelum
    assert _status_pupr_di_dasbor(page, tahun, bulan) == "Draf (belum diajukan)"
    _keluar(page)
    masuk(page, "operator.pupr")
    page.goto(url_formulir)

    # Blanks cannot be submitted: every line with anggaran kas due gets a value (0 too).
    _lengkapi(page)
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_load_state()
    assert "Belum lengkap untuk diajukan" not in page.locator("main").inner_text()
    penjelasan = page.locator(f"textarea[name='p-selisih_fisik:{sub_id}']")
    penjelasan.fill("Pekerjaan fisik selesai; pembayaran termin terakhir menunggu SP2D.")
    # PUPR lags in the demo: every other warning needs its explanation too before submission.
    lain = page.locator("textarea[name^='p-']")
    for i in range(lain.count()):
        if not lain.nth(i).input_value():
            lain.nth(i).fill("Tender ulang; kontrak baru ditandatangani, pembayaran bulan depan.")
    page.get_by_role("button", name="Simpan dan ajukan").click()
    page.wait_for_load_state()
    assert "Diajukan" in page.locator("main").inner_text()

    # The operator's home now links the submission's history: the verifier's page.
    page.goto("/laporan/")
    riwayat = page.get_by_role("link", name=f"Riwayat {nama_bulan(bulan)}", exact=True)
    url_periksa = riwayat.get_attribute("href")
    assert re.fullmatch(r"/laporan/periksa/\d+/", url_periksa), url_periksa
    _keluar(page)

    # 3. The verifier returns it with a note.
    masuk(page, "verifikator")
    page.goto(url_periksa)
    page.locator("#catatan-kembali").fill("Realisasi baris pertama belum sesuai SP2D; mohon dicek.")
    page.get_by_role("button", name="Kembalikan ke operator").click()
    page.wait_for_load_state()
    assert "Dikembalikan" in page.locator("main").inner_text()
    _keluar(page)

    # 4. The operator sees the note, corrects and resubmits.
    masuk(page, "operator.pupr")
    page.goto(url_formulir)
    assert "belum sesuai SP2D" in page.locator("main").inner_text()
    page.locator(f"input[name='{nama_r}']").fill("2.000")
    page.get_by_role("button", name="Simpan dan ajukan").click()
    page.wait_for_load_state()
    assert "Diajukan" in page.locator("main").inner_text()
    _keluar(page)

    masuk(page, "pimpinan")  # submitted: counted, marked as not verified yet
    assert _realisasi_pupr_di_dasbor(page, tahun, bulan) == sebelum + 2000
    assert _status_pupr_di_dasbor(page, tahun, bulan) == "Belum diverifikasi"
    _keluar(page)

    # 5. The verifier sees what changed since the first submission, and verifies.
    masuk(page, "verifikator")
    page.goto(url_periksa)
    isi = page.locator("main").inner_text()
    assert "1.000,00" in isi and "2.000,00" in isi
    page.screenshot(path=artefak / "laporan-pemeriksaan.png", full_page=True)
    page.get_by_role("button", name="Verifikasi laporan").click()
    page.wait_for_load_state()
    assert "Diverifikasi" in page.locator("main").inner_text()
    _keluar(page)

    # 6. The dashboard counts the verified realisasi.
    masuk(page, "pimpinan")
    assert _realisasi_pupr_di_dasbor(page, tahun, bulan) == sebelum + 2000
    assert _status_pupr_di_dasbor(page, tahun, bulan) == "Diverifikasi"
