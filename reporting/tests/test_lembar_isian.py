"""The pre-filled realisasi sheet of a monthly report: download, fill in Excel, upload."""

import io
import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from budget.models import RealisasiFisik, RealisasiKeuangan
from reporting.lembar import KOLOM_FISIK, KOLOM_REALISASI, KOLOM_SEMULA
from reporting.models import IsianFisik, IsianRealisasi, LaporanBulanan, StatusLaporan

from .conftest import D, waktu

pytestmark = pytest.mark.django_db

SUB1 = "1.02.02.2.01.0001"
SUB2 = "1.02.02.2.02.0001"


@pytest.fixture(autouse=True)
def maret():
    with time_machine.travel(waktu(2025, 3, 5), tick=False):
        yield


def url_unduh(opd, bulan=3):
    return reverse("reporting:lembar_unduh", args=[opd.pk, 2025, bulan])


def url_unggah(opd, bulan=3):
    return reverse("reporting:lembar_unggah", args=[opd.pk, 2025, bulan])


def teks(resp) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", resp.content.decode())))


def unduh(client, opd, bulan=3):
    resp = client.get(url_unduh(opd, bulan))
    assert resp.status_code == 200, resp.status_code
    return load_workbook(io.BytesIO(resp.content))


def kirim(client, opd, wb, bulan=3):
    keluar = io.BytesIO()
    wb.save(keluar)
    keluar.seek(0)
    keluar.name = "lembar.xlsx"
    return client.post(url_unggah(opd, bulan), {"lembar": keluar})


def baris_data(ws):
    return [[c.value for c in r] for r in ws.iter_rows(min_row=5) if r[0].value]


def keadaan():
    return (sorted(RealisasiKeuangan.objects.values_list("rincian_id", "bulan", "jumlah")),
            sorted(RealisasiFisik.objects.values_list("sub_kegiatan_id", "bulan", "persen")),
            list(LaporanBulanan.objects.values_list("pk", "revisi", "status")),
            sorted(IsianRealisasi.objects.values_list("rincian_id", "jumlah")),
            sorted(IsianFisik.objects.values_list("sub_kegiatan_id", "persen")))


def draf():
    return (dict(IsianRealisasi.objects.values_list("rincian_id", "jumlah")),
            dict(IsianFisik.objects.values_list("sub_kegiatan_id", "persen")))


def test_the_sheet_lists_every_line_with_codes_pagu_and_figures(client, operator_dinkes,
                                                                 baris_dinkes,
                                                                 django_assert_max_num_queries):
    r1, r2, r3, _ = baris_dinkes
    RealisasiKeuangan.objects.create(rincian=r1, bulan=3, jumlah=D("75.50"))
    client.force_login(operator_dinkes)
    client.get(reverse("reporting:formulir", args=[r1.opd_id, 2025, 3]))  # report exists

    with django_assert_max_num_queries(22):  # the drafts are two of them
        resp = client.get(url_unduh(r1.opd))

    assert resp["Content-Disposition"].endswith('lembar-isian-1.02.0.00.0.00.01.0000-2025-03.xlsx"')
    wb = load_workbook(io.BytesIO(resp.content))
    assert wb.sheetnames == ["Realisasi", "Fisik", "Identitas"]
    ws = wb["Realisasi"]
    assert [c.value for c in ws[4]] == [k for k, _ in KOLOM_REALISASI] + [KOLOM_SEMULA]
    assert ws.column_dimensions["J"].hidden
    data = baris_data(ws)
    assert [r[:4] for r in data] == [[SUB1, data[0][1], "DAU", "5.1.02"],
                                     [SUB1, data[0][1], "PAD", "5.1.02"],
                                     [SUB2, data[2][1], "DAU", "5.2.03"]]
    # pagu, anggaran kas of March, realisasi up to February, realisasi of March (twice: the
    # cell to fill, and the hidden value at download)
    assert [[D(x) if x is not None else None for x in r[5:]] for r in data] == [
        [D(1200), D(100), D(200), D("75.50"), D("75.50")],
        [D(600), D(50), D(100), None, None],
        [D(2400), D(0), D(0), None, None],
    ]
    assert "PUPR" not in str(data) and "1.03.03" not in str(data)
    assert [c.value for c in wb["Fisik"][4]] == [k for k, _ in KOLOM_FISIK] + [KOLOM_SEMULA]
    assert [r[0] for r in baris_data(wb["Fisik"])] == [SUB1, SUB2]
    identitas = {r[0].value: r[1].value for r in wb["Identitas"].iter_rows(min_row=2, max_row=6)}
    assert identitas == {"kode_opd": "1.02.0.00.0.00.01.0000", "nama_opd": "Dinas Kesehatan",
                         "tahun": 2025, "bulan": 3, "revisi": 0}


def test_identity_and_pagu_are_locked_and_only_the_inputs_are_open(client, operator_dinkes,
                                                                   baris_dinkes):
    client.force_login(operator_dinkes)
    wb = unduh(client, baris_dinkes[0].opd)
    ws, wf = wb["Realisasi"], wb["Fisik"]

    assert ws.protection.sheet and wf.protection.sheet and wb["Identitas"].protection.sheet
    assert all(ws.cell(row=5, column=c).protection.locked for c in range(1, 9))
    assert ws.cell(row=5, column=9).protection.locked is False
    assert all(wf.cell(row=5, column=c).protection.locked for c in range(1, 6))
    assert wf.cell(row=5, column=6).protection.locked is False
    assert ws.cell(row=5, column=6).number_format == "#,##0.00"
    assert wf.cell(row=5, column=6).number_format == "0.00"
    assert ws.freeze_panes == "A5" and wf.freeze_panes == "A5"
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.operator, dv.formula1, str(dv.sqref)) == (
        "decimal", "greaterThanOrEqual", "0", "I5:I7")
    (dvf,) = wf.data_validations.dataValidation
    assert (dvf.operator, dvf.formula1, dvf.formula2, str(dvf.sqref)) == (
        "between", "0", "100", "F5:F6")


def test_a_filled_sheet_round_trips_into_the_report(client, operator_dinkes, baris_dinkes):
    r1, r2, r3, lain = baris_dinkes
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    ws = wb["Realisasi"]
    ws["I5"], ws["I6"], ws["I7"] = 100.25, "50,5", None
    wb["Fisik"]["F5"] = 25

    resp = kirim(client, r1.opd, wb)

    assert resp.status_code == 302
    assert resp.url == reverse("reporting:formulir", args=[r1.opd_id, 2025, 3])
    assert draf() == ({r1.pk: D("100.25"), r2.pk: D("50.50")}, {r1.sub_kegiatan_id: D(25)})
    assert not RealisasiKeuangan.objects.filter(bulan=3).exists()  # a draft: not counted
    lap = LaporanBulanan.objects.get(opd=r1.opd, bulan=3)
    assert lap.revisi == 1 and lap.status == StatusLaporan.DRAFT
    halaman = teks(client.get(resp.url))
    assert "Lembar isian diunggah" in halaman
    # downloaded again, the sheet shows what is now stored and uploading it changes nothing
    lagi = unduh(client, r1.opd)
    assert [r[8] for r in baris_data(lagi["Realisasi"])] == [100.25, 50.5, None]
    assert lagi["Identitas"]["B6"].value == 1
    assert kirim(client, r1.opd, lagi).status_code == 302
    assert draf() == ({r1.pk: D("100.25"), r2.pk: D("50.50")}, {r1.sub_kegiatan_id: D(25)})


def test_rows_are_mapped_by_their_codes_not_their_position(client, operator_dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    ws = wb["Realisasi"]
    satu = [ws.cell(row=5, column=c).value for c in range(1, 10)]
    dua = [ws.cell(row=6, column=c).value for c in range(1, 10)]
    for c, (a, b) in enumerate(zip(satu, dua, strict=True), start=1):
        ws.cell(row=5, column=c, value=b)
        ws.cell(row=6, column=c, value=a)
    ws["I5"], ws["I6"] = 7, 11  # row 5 is now the PAD line

    assert kirim(client, r1.opd, wb).status_code == 302

    assert draf()[0] == {r1.pk: D(11), r2.pk: D(7)}


def test_a_bad_value_shows_row_column_value_and_reason_and_changes_nothing(
        client, operator_dinkes, baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    wb["Realisasi"]["I5"] = 10
    wb["Realisasi"]["I6"] = "sepuluh"
    sebelum = keadaan()

    resp = kirim(client, r1.opd, wb)

    assert resp.status_code == 422
    assert ("Lembar Realisasi, baris 6, kolom Realisasi bulan ini (Rp), nilai 'sepuluh': "
            "'sepuluh' bukan angka yang dikenali") in teks(resp)
    assert keadaan() == sebelum


def test_a_value_the_form_refuses_is_refused_with_its_sheet_row(client, operator_dinkes,
                                                                baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    wb["Realisasi"]["I5"] = 5000  # over the pagu of 1.200
    wb["Fisik"]["F6"] = 150
    sebelum = keadaan()

    resp = kirim(client, r1.opd, wb)

    assert resp.status_code == 422
    halaman = teks(resp)
    assert "Lembar Realisasi baris 5 — " in halaman and "melebihi pagu" in halaman
    assert "Lembar Fisik baris 6 — " in halaman and "di luar rentang 0–100%" in halaman
    assert keadaan() == sebelum


def test_an_older_sheet_keeps_what_changed_since_and_asks_where_both_changed(
        client, operator_dinkes, baris_dinkes):
    r1, r2, *_ = baris_dinkes
    client.force_login(operator_dinkes)
    lama = unduh(client, r1.opd)
    baru = unduh(client, r1.opd)
    baru["Realisasi"]["I5"] = 10
    assert kirim(client, r1.opd, baru).status_code == 302
    # The old sheet changed another line only: that line is saved, line 1 keeps its 10.
    lama["Realisasi"]["I6"] = 20
    assert kirim(client, r1.opd, lama).status_code == 302
    assert draf()[0] == {r1.pk: D(10), r2.pk: D(20)}
    # Both changed line 1: nothing is saved, the form shows both values to choose from.
    lama["Realisasi"]["I5"] = 30
    sebelum = keadaan()
    resp = kirim(client, r1.opd, lama)
    assert resp.status_code == 409
    halaman = teks(resp)
    assert "Anda sendiri (di tab atau perangkat lain)" in halaman
    assert "Nilai Anda 30,00 Nilai tersimpan 10,00" in halaman
    assert "pengguna lain" not in halaman
    assert keadaan() == sebelum


def test_a_sheet_without_download_values_and_of_an_older_revision_is_refused(
        client, operator_dinkes, baris_dinkes):
    """Sheets made before the hidden column existed are guarded by their revision alone."""
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    lama = unduh(client, r1.opd)
    for lembar in (lama["Realisasi"], lama["Fisik"]):
        lembar.delete_cols(lembar.max_column)
    baru = unduh(client, r1.opd)
    baru["Realisasi"]["I5"] = 10
    assert kirim(client, r1.opd, baru).status_code == 302
    lama["Realisasi"]["I5"] = 20
    sebelum = keadaan()
    resp = kirim(client, r1.opd, lama)
    assert resp.status_code == 409
    assert keadaan() == sebelum


def test_a_sheet_of_another_month_is_refused(client, operator_dinkes, baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    februari = unduh(client, r1.opd, bulan=2)
    unduh(client, r1.opd, bulan=3)  # the March report exists, as it does for its operator
    sebelum = keadaan()

    resp = kirim(client, r1.opd, februari, bulan=3)

    assert resp.status_code == 422
    assert "lembar isian ini bukan untuk laporan 1.02.0.00.0.00.01.0000 Maret 2025" in teks(resp)
    assert keadaan() == sebelum


def test_a_submitted_report_accepts_no_sheet(client, operator_dinkes, baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    wb["Realisasi"]["I5"] = 10
    LaporanBulanan.objects.filter(opd=r1.opd, bulan=3).update(status=StatusLaporan.DIAJUKAN)
    sebelum = keadaan()

    resp = kirim(client, r1.opd, wb)

    assert resp.status_code == 422
    assert "tidak dapat diubah" in teks(resp)
    assert keadaan() == sebelum


def test_a_file_that_is_not_a_sheet_is_refused(client, operator_dinkes, baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    berkas = io.BytesIO(b"kode,realisasi\n1,2\n")
    berkas.name = "lembar.csv"
    client.get(reverse("reporting:formulir", args=[r1.opd_id, 2025, 3]))
    sebelum = keadaan()

    resp = client.post(url_unggah(r1.opd), {"lembar": berkas})

    assert resp.status_code == 422
    assert "bukan berkas XLSX" in teks(resp)
    assert keadaan() == sebelum


def test_the_report_page_offers_the_sheet(client, operator_dinkes, verifikator, baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    halaman = client.get(reverse("reporting:formulir", args=[r1.opd_id, 2025, 3])).content.decode()
    assert url_unduh(r1.opd) in halaman and url_unggah(r1.opd) in halaman

    client.force_login(verifikator)
    halaman = client.get(reverse("reporting:formulir", args=[r1.opd_id, 2025, 3])).content.decode()
    assert url_unduh(r1.opd) in halaman and url_unggah(r1.opd) not in halaman


def test_another_opds_operator_gets_404_on_download_and_upload(client, operator_dinkes,
                                                               operator_pupr, baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    wb["Realisasi"]["I5"] = 10
    client.force_login(operator_pupr)
    sebelum = keadaan()

    assert client.get(url_unduh(r1.opd)).status_code == 404
    assert kirim(client, r1.opd, wb).status_code == 404
    assert keadaan() == sebelum


def test_the_verifier_may_download_but_not_upload(client, operator_dinkes, verifikator,
                                                  baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    client.force_login(verifikator)
    sebelum = keadaan()

    assert client.get(url_unduh(r1.opd)).status_code == 200
    assert kirim(client, r1.opd, wb).status_code == 403
    assert keadaan() == sebelum


def test_warnings_do_not_block_the_upload_as_in_the_form(client, operator_dinkes, baris_dinkes):
    r1 = baris_dinkes[0]
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    wb["Realisasi"]["I5"] = 300  # s.d. Maret 500 against anggaran kas 300: a warning

    resp = kirim(client, r1.opd, wb)

    assert resp.status_code == 302
    assert draf()[0] == {r1.pk: D(300)}
    assert "1 peringatan belum dijelaskan" in teks(client.get(resp.url))


def test_an_oversize_sheet_is_refused_before_it_is_read(client, operator_dinkes, baris_dinkes,
                                                        settings):
    r1 = baris_dinkes[0]
    settings.SIAP_BATAS_UNGGAH_MB = 1
    client.force_login(operator_dinkes)
    client.get(reverse("reporting:formulir", args=[r1.opd_id, 2025, 3]))
    besar = io.BytesIO(b"PK\x03\x04" + b"x" * (1024 * 1024))
    besar.name = "lembar.xlsx"
    sebelum = keadaan()

    resp = client.post(url_unggah(r1.opd), {"lembar": besar}, follow=True)

    assert "melebihi batas unggah 1 MB" in teks(resp)
    assert keadaan() == sebelum


def test_a_percentage_typed_as_45_percent_is_read_as_45_not_0_45(client, operator_dinkes,
                                                                  baris_dinkes):
    """Typing "45%" into a cell makes Excel store 0.45 with a percent format."""
    r1, *_ = baris_dinkes
    client.force_login(operator_dinkes)
    wb = unduh(client, r1.opd)
    sel = wb["Fisik"]["F5"]
    sel.value, sel.number_format = 0.45, "0%"
    assert kirim(client, r1.opd, wb).status_code == 302
    assert draf()[1] == {r1.sub_kegiatan_id: D(45)}
