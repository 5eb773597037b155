"""Form A, Form B and the RFK table: the Rakor's figures of every row, the weights that add
up to the whole (Σ bobot 100, Σ TTB the whole's fisik), as pages and as XLSX."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget import testing as t
from evaluation.queries import hitung_rekap
from kinerja.bentuk import form_a, form_b
from kinerja.tabel import tabel_form_a, tabel_form_b, tabel_rfk

from .conftest import SUB_A1, SUB_A2

D = Decimal


def sama(a: Decimal, b: Decimal) -> bool:
    """Equal far beyond display (Decimal divides to 28 digits: a sum of quotients may differ
    from the quotient of the sums in the last one)."""
    return abs(a - b) < D("1e-20")


def test_form_a_weighs_each_sub_kegiatan_in_its_opd(indikator_dinkes, dinkes):
    b = form_a(2025, 9, dinkes)
    opd = hitung_rekap(2025, 9).rekap.untuk_opd(dinkes.pk).angka
    sub = {r.kode: r for r in b.baris if r.tingkat == "sub_kegiatan"}
    assert sub[SUB_A1].t.bobot == D(1800) * 100 / D(4200)
    assert sub[SUB_A1].t.fisik_tertimbang == D(70) * sub[SUB_A1].t.bobot / 100
    assert sama(b.jumlah["bobot"], D(100))
    assert sama(b.jumlah["fisik_tertimbang"], opd.fisik)  # Σ TTB = the OPD's weighted fisik
    assert sama(b.jumlah["keuangan_tertimbang"], opd.persen_realisasi)
    assert b.total.angka == opd
    assert sub[SUB_A1].t.angka.realisasi == D("1250.35")
    assert [k.indikator.uraian for k in sub[SUB_A1].indikator] == [
        "Jumlah puskesmas yang dibangun", "Persentase pekerjaan tepat waktu"]
    assert sub[SUB_A1].indikator[0].tahun_ini == D(3)  # up to TW III, the quarter completed


def test_form_b_and_rfk_weigh_each_opd_in_the_pemda(indikator_dinkes, indikator_pupr, dinkes,
                                                    pupr):
    b = form_b(2025, 9)
    total = hitung_rekap(2025, 9).rekap.total
    assert [r.nama for r in b.baris] == [dinkes.nama, pupr.nama]
    assert sama(b.jumlah["bobot"], D(100)) and sama(b.jumlah["fisik_tertimbang"], total.fisik)
    rfk = tabel_rfk(b)
    kolom = [label for label, _ in rfk.kolom]
    pupr_sel = dict(zip(kolom, [v for v, _ in rfk.baris[1].sel], strict=True))
    assert pupr_sel["Nilai realisasi fisik (Rp)"] == D(50)  # 5% of Rp 1.000
    assert pupr_sel["Capaian (%)"] == D(1) and pupr_sel["RAK (%)"] == D(0)
    only_a = form_b(2025, 9, {dinkes.pk})
    assert [r.nama for r in only_a.baris] == [dinkes.nama]
    assert only_a.jumlah == b.jumlah  # the sums stay the pemda's


def test_the_tables_put_each_further_indicator_on_its_own_row(indikator_dinkes, dinkes):
    tabel = tabel_form_a(form_a(2025, 9, dinkes))
    baris = [r for r in tabel.baris if r.kode == SUB_A1 or r.lanjutan]
    assert len(baris) == 2 and baris[1].lanjutan and baris[1].sel[0] == (None, "rp")
    assert sama(tabel.total[1][0], D(100)) and tabel.total[1][1] == "persen"
    assert tabel_form_b(form_b(2025, 9)).total[0][0] == D(5200)


def test_the_pages_and_their_xlsx_show_the_same_numbers(client, pimpinan, indikator_dinkes,
                                                        dinkes):
    client.force_login(pimpinan)
    for url in (reverse("kinerja:form_a", args=[dinkes.pk]), reverse("kinerja:form_b"),
                reverse("kinerja:rfk"), reverse("kinerja:rfk_opd", args=[dinkes.pk])):
        html = client.get(url + "?tahun=2025&bulan=9").content.decode()
        assert "2.450,35" in html and "100,00%" in html, url
        resp = client.get(url + "?tahun=2025&bulan=9&unduh=xlsx")
        assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
        ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
        angka = {D(repr(v)).quantize(D("0.01")) for r in ws.iter_rows(values_only=True)
                 for v in r if isinstance(v, float | int) and not isinstance(v, bool)}
        assert D("2450.35") in angka and D("100.00") in angka, url


def test_an_operator_sees_their_own_rows_and_not_another_opds_form_a(client, operator_pupr,
                                                                    anggaran, dinkes, pupr):
    client.force_login(operator_pupr)
    assert client.get(reverse("kinerja:form_a", args=[dinkes.pk])).status_code == 404
    assert client.get(reverse("kinerja:rfk_opd", args=[dinkes.pk])).status_code == 404
    html = client.get(reverse("kinerja:form_b") + "?tahun=2025&bulan=9").content.decode()
    assert pupr.nama in html and dinkes.nama not in html


def test_the_forms_take_a_constant_number_of_queries(indikator_dinkes, dinkes):
    with CaptureQueriesContext(connection) as sedikit:
        form_a(2025, 9, dinkes)
        form_b(2025, 9)
    for n, sub in enumerate(("1.02.02.2.01.0002", "1.02.03.2.01.0001", SUB_A2)):
        o = t.opd(f"2.0{n}.0.00.0.00.01.0000", f"Badan {n}")
        t.rincian(o=o, sub=sub, pagu=50, ak=[50] + [0] * 11)
        t.rincian(o=dinkes, sub=sub, sd="DAK", pagu=70, ak=[70] + [0] * 11, realisasi={1: 7})
    with CaptureQueriesContext(connection) as banyak:
        form_a(2025, 9, dinkes)
        form_b(2025, 9)
    assert len(banyak.captured_queries) == len(sedikit.captured_queries)
