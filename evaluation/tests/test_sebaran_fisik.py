"""The sebaran of sub kegiatan by realisasi fisik in Lampung Barat's four bands, beside the
sebaran by persen realisasi: on the dashboard and in every output of the Rakor pack."""

from __future__ import annotations

import csv
import io

import openpyxl
import pypdf
import pytest
from django.urls import reverse

from budget import testing as t
from evaluation.ekspor_pdf import pdf_rakor
from evaluation.ekspor_xlsx import xlsx_rakor
from evaluation.paket import paket_rakor
from evaluation.queries import hitung_rekap
from evaluation.serializers import rekap_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    """Dinkes: four sub kegiatan at fisik 0, 0,5, 50 and 75,01 (one band each); PUPR: one at
    100 and one without pagu (not counted)."""
    a = t.opd()
    b = t.opd(kode="1.03.0.00.0.00.01.0000", nama="Dinas Pekerjaan Umum")
    for sub, fisik in (("1.02.02.2.01.0001", None), ("1.02.02.2.01.0002", "0.5"),
                       ("1.02.02.2.01.0003", "50"), ("1.02.02.2.01.0004", "75.01")):
        t.rincian(o=a, sub=sub, pagu=100, realisasi={1: 10})
        if fisik is not None:
            t.fisik(a, sub, 1, realisasi=fisik)
    t.rincian(o=b, sub="1.03.02.2.01.0001", pagu=100, realisasi={1: 100})
    t.fisik(b, "1.03.02.2.01.0001", 1, realisasi=100)
    t.rincian(o=b, sub="1.03.02.2.01.0002", sd="PAD", pagu=0)
    return a, b


def test_the_dashboard_counts_sub_kegiatan_in_the_four_fisik_bands(client, data, pimpinan):
    client.force_login(pimpinan)
    html = client.get(reverse("evaluation:dasbor"), {"tahun": 2025, "bulan": 1}).content.decode()
    bagian = html[html.index('id="sebaran-fisik"'):]
    bagian = bagian[:bagian.index("</section>")]
    baris = [" ".join(r.split()) for r in bagian.split("<tr>")[2:]]
    jumlah = [r.split("</th>")[1].split("</td>")[0].split(">")[-1] for r in baris]
    label = [r.split("</th>")[0].split(">")[-1] for r in baris]
    assert label == ["0%", "1–50%", "51–75%", "76–100%"]
    assert jumlah == ["1", "2", "0", "2"]


def test_the_pack_carries_it_in_the_xlsx_the_pdf_and_the_csv(data):
    paket = paket_rakor(2025, 1)
    assert [(s["label"], s["jumlah"]) for s in paket.sebaran_fisik] == [
        ("0%", 1), ("1–50%", 2), ("51–75%", 0), ("76–100%", 2)]
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_rakor(paket)))["Sebaran"]
    isi = [r for r in ws.iter_rows(values_only=True) if r[0]]
    awal = next(i for i, r in enumerate(isi) if r[0] == "Realisasi fisik")
    assert [(r[0], r[1]) for r in isi[awal + 1:awal + 6]] == [
        ("0%", 1), ("1–50%", 2), ("51–75%", 0), ("76–100%", 2), ("Jumlah", 5)]
    teks = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf_rakor(paket))).pages)
    assert "menurut realisasi fisik" in " ".join(teks.split())
    rows = list(csv.DictReader(io.StringIO(rekap_csv(hitung_rekap(2025, 1)))))
    per = {r["nama"]: (r["fisik_0"], r["fisik_1_50"], r["fisik_51_75"], r["fisik_76_100"])
           for r in rows}
    assert per["Dinas Kesehatan"] == ("1", "2", "0", "1")
    assert per["Dinas Pekerjaan Umum"] == ("0", "0", "0", "1")
    assert per["TOTAL PEMDA"] == ("1", "2", "0", "2")
