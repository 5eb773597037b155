"""E.81 and E.79: the K columns from the indicators, the Rp columns from the Rakor's figures
(equal to the dashboard to the sen), predikat in the five bands, as XLSX and PDF, from the
command line and as downloads."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget import testing as t
from evaluation.queries import hitung_rekap
from kinerja.ekspor_evaluasi import xlsx_evaluasi
from kinerja.ekspor_pdf import pdf_evaluasi
from kinerja.evaluasi import form_e79, form_e81
from kinerja.models import EvaluasiTriwulan, RealisasiIndikator
from lib.figures import Kategori
from tests import sistem
from tugas.models import Tugas
from tugas.testing import unduh_lewat_tugas

from .conftest import SUB_A1, indikator

D = Decimal


def _baris(f, kode):
    return next(b for b in f.baris if b.kode == kode)


def test_the_rp_of_e81_are_the_dashboards_to_the_sen(indikator_dinkes, dinkes):
    f = form_e81(2025, 3, dinkes)
    dasbor = hitung_rekap(2025, 9).rekap.untuk_opd(dinkes.pk).angka
    assert f.total.tahun_ini == dasbor.realisasi == D("2450.35")
    assert f.total.pagu == dasbor.pagu == D(4200)
    assert f.total.tw == [D("350.25"), D(750), D("1350.10"), None]
    assert f.total.capaian == dasbor.persen_realisasi
    sub = _baris(f, SUB_A1)
    assert sub.rp.tahun_ini == D("1250.35") and sub.rp.pagu == D(1800)
    program = _baris(f, "1.02.02")
    assert program.rp.tahun_ini == f.total.tahun_ini  # the one program holds everything
    assert program.rp.target_renstra == D(20000) and program.rp.renstra_sd == D("11450.35")


def test_the_k_columns_hold_the_indicators_and_their_capaian(indikator_dinkes, dinkes):
    f = form_e81(2025, 2, dinkes)
    nilai = {k.indikator.pk: k for k in f.nilai_k}
    a1 = nilai[indikator_dinkes["a1"].pk]
    assert a1.tw == [D(1), D(2), None, None] and a1.tahun_ini == D(3)
    assert a1.capaian == D(75) and a1.predikat is Kategori.SEDANG
    a1b = nilai[indikator_dinkes["a1b"].pk]  # a level: its year is its latest quarter
    assert a1b.tahun_ini == D("45.5") and a1b.capaian == D("45.5")
    assert a1b.predikat is Kategori.SANGAT_RENDAH
    prog = nilai[indikator_dinkes["program"].pk]  # less is better: 14,8 against 14
    assert prog.capaian == (2 * D(14) - D("14.8")) * 100 / 14
    assert prog.renstra_sd == D("14.8") and prog.capaian_renstra == (24 - D("14.8")) * 100 / 12
    nol = nilai[indikator_dinkes["a2"].pk]  # target zero: no capaian, out of the mean
    assert nol.capaian is None and nol.predikat is None
    assert f.rata_rata == (a1.capaian + a1b.capaian + prog.capaian) / 3


def test_a_later_quarter_is_empty_until_it_is_evaluated(indikator_dinkes, dinkes):
    RealisasiIndikator.objects.create(indikator=indikator_dinkes["a1"], triwulan=3, nilai=D(5))
    f1 = form_e81(2025, 1, dinkes)
    a1 = next(k for k in f1.nilai_k if k.indikator == indikator_dinkes["a1"])
    assert a1.tw == [D(1), None, None, None] and a1.tahun_ini == D(1)
    assert f1.total.tw == [D("350.25"), None, None, None]


def test_e79_holds_the_pemdas_total_and_every_opd(indikator_dinkes, indikator_pupr, dinkes,
                                                  pupr):
    f = form_e79(2025, 3)
    dasbor = hitung_rekap(2025, 9).rekap.total
    assert f.total.tahun_ini == dasbor.realisasi == D("2460.35")
    kepala = [b for b in f.baris if b.tingkat == "opd"]
    assert [b.nama for b in kepala] == [dinkes.nama, pupr.nama]
    assert kepala[1].rp.tahun_ini == D(10)
    assert {b.tingkat for b in f.baris} == {"opd", "program"}  # kegiatan: each OPD's E.81
    assert [k.indikator for k in f.nilai_k] == [indikator_dinkes["program"]]


def test_the_forms_take_a_constant_number_of_queries(indikator_dinkes, dinkes):
    with CaptureQueriesContext(connection) as sedikit:
        form_e81(2025, 3, dinkes)
        form_e79(2025, 3)
    for n, sub in enumerate(("1.02.02.2.01.0002", "1.02.03.2.01.0001", "1.02.04.2.01.0001")):
        t.rincian(o=dinkes, sub=sub, pagu=100, ak=[0] * 11 + [100], realisasi={2: 5})
        indikator(dinkes, "sub_kegiatan", t.sub_kegiatan(sub), f"Tambahan {n}", "unit", "2")
        o = t.opd(f"2.0{n}.0.00.0.00.01.0000", f"Badan {n}")
        t.rincian(o=o, sub=sub, pagu=50, ak=[50] + [0] * 11)
    with CaptureQueriesContext(connection) as banyak:
        form_e81(2025, 3, dinkes)
        form_e79(2025, 3)
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)


def _angka_xlsx(isi: bytes) -> tuple[set, list[str]]:
    angka, teks = set(), []
    for ws in openpyxl.load_workbook(io.BytesIO(isi), data_only=True).worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    angka.add(D(repr(v)).quantize(D("0.01")))
                elif isinstance(v, str):
                    teks.append(v)
    return angka, teks


def test_the_e81_workbook_holds_numbers_as_numbers(indikator_dinkes, dinkes):
    EvaluasiTriwulan.objects.create(tahun=t.tahun(2025), opd=dinkes, triwulan=3,
                                    faktor_pendorong="Komitmen pimpinan.",
                                    faktor_penghambat="=HYPERLINK(\"x\")")
    angka, teks = _angka_xlsx(xlsx_evaluasi(form_e81(2025, 3, dinkes)))
    assert {D("2450.35"), D("350.25"), D("750.00"), D("1350.10"), D("4200.00")} <= angka
    assert {D("14.80"), D("45.50"), D("75.00")} <= angka  # K values, a capaian
    gabung = " ".join(teks)
    for kata in ("Indikator kinerja", "Realisasi triwulan III", "Predikat kinerja",
                 "Rata-rata capaian kinerja (%)", "Komitmen pimpinan.", "Disusun,",
                 "Dievaluasi,", "Kepala Dinas Kesehatan", "Kepala Bappeda", "Sangat Rendah"):
        assert kata in gabung, kata
    assert "'=HYPERLINK(\"x\")" in teks  # a text is never a formula


def test_the_signature_names_come_from_the_settings_and_the_section(indikator_dinkes, dinkes,
                                                                    settings):
    settings.SIAP_BAPPEDA_NAMA, settings.SIAP_BAPPEDA_NIP = "Ir. Kepala Bappeda", "1975"
    EvaluasiTriwulan.objects.create(tahun=t.tahun(2025), opd=dinkes, triwulan=3,
                                    kepala_nama="dr. Kadis", kepala_nip="1980")
    _, teks = _angka_xlsx(xlsx_evaluasi(form_e81(2025, 3, dinkes)))
    assert {"Ir. Kepala Bappeda", "NIP 1975", "dr. Kadis", "NIP 1980"} <= set(teks)


def test_the_pdf_is_a4_landscape_with_the_rows_and_the_footer(indikator_dinkes, dinkes):
    sistem.weasyprint()
    pdf = pypdf.PdfReader(io.BytesIO(pdf_evaluasi(form_e81(2025, 3, dinkes))))
    halaman = pdf.pages[0]
    assert (round(halaman.mediabox.width), round(halaman.mediabox.height)) == (842, 595)
    teks = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for kata in ("Formulir E.81", "Dinas Kesehatan", "2.450,35", "Prevalensi balita stunting",
                 "Predikat kinerja", "Faktor pendorong", "Dievaluasi"):
        assert kata in teks, kata


def test_the_command_writes_both_forms(indikator_dinkes, dinkes, tmp_path: Path):
    sistem.weasyprint()
    call_command("evaluasi", "e81", "--tahun", "2025", "--triwulan", "3", "--opd", dinkes.kode,
                 "--xlsx", str(tmp_path / "e81.xlsx"), "--pdf", str(tmp_path / "e81.pdf"),
                 stdout=io.StringIO())
    call_command("evaluasi", "e79", "--tahun", "2025", "--triwulan", "3", "--xlsx",
                 str(tmp_path / "e79.xlsx"), stdout=io.StringIO())
    assert D("2450.35") in _angka_xlsx((tmp_path / "e81.xlsx").read_bytes())[0]
    assert D("2460.35") in _angka_xlsx((tmp_path / "e79.xlsx").read_bytes())[0]
    assert (tmp_path / "e81.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("argumen, pesan", [
    (["e81", "--tahun", "2025", "--triwulan", "3", "--xlsx", "F"], "--opd"),
    (["e81", "--tahun", "2025", "--triwulan", "5", "--opd", "x", "--xlsx", "F"], "1 sampai 4"),
    (["e81", "--tahun", "2019", "--triwulan", "3", "--opd", "x", "--xlsx", "F"], "2019"),
    (["e81", "--tahun", "2025", "--triwulan", "3", "--opd", "9.99", "--xlsx", "F"], "9.99"),
    (["e79", "--tahun", "2025", "--triwulan", "3"], "--xlsx atau --pdf"),
])
def test_the_command_refuses_what_it_cannot_do(anggaran, tmp_path, argumen, pesan):
    argumen = [str(tmp_path / "f.xlsx") if a == "F" else a for a in argumen]
    with pytest.raises(CommandError, match=pesan):
        call_command("evaluasi", *argumen)


def test_the_downloads_are_scoped(client, indikator_dinkes, dinkes, operator_dinkes,
                                  operator_pupr, verifikator):
    url81 = reverse("kinerja:e81_unduh", args=[dinkes.pk, 2025, 3, "xlsx"])
    url79 = reverse("kinerja:e79_unduh", args=[2025, 3, "xlsx"])
    client.force_login(operator_pupr)
    assert client.get(url81).status_code == 404
    assert client.get(url79).status_code == 403
    client.force_login(operator_dinkes)
    resp = client.get(url81)
    assert resp.status_code == 200 and "e81-1.02.0.00.0.00.01.0000-2025-tw3.xlsx" in \
        resp["Content-Disposition"]
    assert client.get(url79).status_code == 403
    client.force_login(verifikator)
    assert client.get(url79).status_code == 200
    assert client.get(reverse("kinerja:e81_unduh", args=[dinkes.pk, 2025, 3, "doc"])
                      ).status_code == 404


def test_the_pdf_is_made_by_a_background_job_for_whoever_may_read_the_opd(
        client, indikator_dinkes, dinkes, operator_dinkes, operator_pupr):
    """Laying out the E.81/E.79 takes seconds: the link queues a job (nothing for an OPD the
    user may not read) and the job's page offers the file."""
    sistem.weasyprint()
    url = reverse("kinerja:e81_unduh", args=[dinkes.pk, 2025, 3, "pdf"])
    client.force_login(operator_pupr)
    assert client.get(url).status_code == 404
    assert not Tugas.objects.exists()
    client.force_login(operator_dinkes)
    isi = unduh_lewat_tugas(client, url)
    tugas = Tugas.objects.get()
    assert (tugas.pemilik, tugas.nama_berkas) == (
        operator_dinkes, "e81-1.02.0.00.0.00.01.0000-2025-tw3.pdf")
    assert "Formulir E.81" in pypdf.PdfReader(io.BytesIO(isi)).pages[0].extract_text()
    client.force_login(operator_pupr)
    assert client.get(reverse("tugas:lihat", args=[tugas.pk])).status_code == 404


def test_the_opd_page_of_the_rakor_offers_the_e81(client, pimpinan, dinkes, anggaran):
    client.force_login(pimpinan)
    html = client.get(reverse("evaluation:opd", args=[dinkes.pk]) + "?tahun=2025&bulan=11"
                      ).content.decode()
    assert reverse("kinerja:e81_unduh", args=[dinkes.pk, 2025, 3, "xlsx"]) in html
