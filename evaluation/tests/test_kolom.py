"""One column specification (issue #14): the dashboard, the PDF, the XLSX, the CSV/JSON and the
terminal table take their figure headers, order and formats from ``lib.kolom``; no template
writes a figure header by hand."""

import csv
import io
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from budget import testing as t
from evaluation.ekspor_pdf import html_rakor
from evaluation.ekspor_xlsx import xlsx_rakor
from evaluation.paket import paket_rakor
from evaluation.queries import hitung_rekap
from evaluation.serializers import rekap_csv, rekap_dict, rekap_teks
from lib.figures import Angka
from lib.kolom import KATEGORI, KOLOM_ANGKA, KOLOM_TABEL, kolom

pytestmark = pytest.mark.django_db

AKAR = Path(__file__).resolve().parents[2]
PENDEK = [k.label_pendek for k in KOLOM_TABEL] + [KATEGORI.label_pendek]


@pytest.fixture
def data():
    o = t.opd("7.01.0.00.0.00.01.0000", "Kecamatan Satu")
    t.rincian(o=o, sub="7.01.01.2.01.0001", pagu="1200", ak=["100"] * 12,
              realisasi={11: "1000"})
    return o


def _judul(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", h))).strip()
            for h in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)]


def test_the_specification_names_every_figure_once():
    kunci = [k.kunci for k in KOLOM_ANGKA]
    assert len(set(kunci)) == len(kunci)
    assert set(kunci) <= set(Angka.__dataclass_fields__)
    assert {k.format for k in KOLOM_ANGKA} <= {"rp", "persen", "poin"}
    assert all(k.definisi for k in KOLOM_ANGKA)
    with pytest.raises(KeyError):
        kolom("capaian")


def test_the_dashboard_table_headers_come_from_the_specification(client, data, pimpinan):
    client.force_login(pimpinan)
    teks = client.get(reverse("evaluation:dasbor"), {"tahun": 2025, "bulan": 11}).content.decode()
    tabel = re.search(r'<table class="tabel tabel--opd">.*?</thead>', teks, re.S).group(0)
    assert _judul(tabel) == ["No.", "Perangkat daerah", *PENDEK]
    kelompok = re.search(r'<section class="bagian" id="sumber-dana".*?</thead>', teks, re.S)
    assert _judul(kelompok.group(0))[1:] == PENDEK


def test_the_pdf_xlsx_csv_and_terminal_headers_come_from_the_specification(data):
    paket = paket_rakor(2025, 11)
    html = html_rakor(paket)
    kepala = re.findall(r"<thead>(.*?)</thead>", html, re.S)
    assert any(_judul(k)[-len(PENDEK):] == PENDEK for k in kepala)

    buku = openpyxl.load_workbook(io.BytesIO(xlsx_rakor(paket)))
    baris = next(buku["Peringkat OPD"].iter_rows(min_row=4, max_row=4, values_only=True))
    panjang = [k.label for k in KOLOM_ANGKA] + [KATEGORI.label]
    mulai = baris.index(panjang[0])
    assert list(baris[mulai:mulai + len(panjang)]) == panjang

    hasil = hitung_rekap(2025, 11)
    kepala_csv = next(csv.reader(io.StringIO(rekap_csv(hasil))))
    kunci = [k.kunci for k in KOLOM_ANGKA]
    assert kepala_csv[3:3 + len(kunci)] == kunci
    assert [k for k in rekap_dict(hasil) if k in kunci] == kunci

    judul_teks = next(b for b in rekap_teks(hasil).splitlines() if b.startswith("No "))
    posisi = [judul_teks.index(k.label_pendek) for k in KOLOM_TABEL if k.kunci != "fisik"]
    assert posisi == sorted(posisi)
    assert Decimal("1000") == hasil.rekap.total.realisasi


def test_no_template_writes_a_figure_header_by_hand():
    tulis_tangan = re.compile(r"<th[^>]*>\s*(" + "|".join(
        re.escape(k.label_pendek) for k in KOLOM_TABEL if k.label_pendek not in ("Fisik",))
        + r")\s*</th>")
    temuan = [f"{p.relative_to(AKAR)}: {m.group(1)}"
              for p in AKAR.glob("*/templates/**/*.html")
              for m in tulis_tangan.finditer(p.read_text(encoding="utf-8"))]
    assert not temuan, "take the header from lib.kolom ({% judul_kolom %}):\n" + "\n".join(temuan)


def _sel(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", c))).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


def test_the_table_cells_come_from_the_specification(client, data, pimpinan):
    """Pages and PDF write a row's cells in the specification's order and formats: a column
    added to lib.kolom appears in every Rakor table, header and cell together."""
    hasil = hitung_rekap(2025, 11)
    a = hasil.rekap.total
    harap = [k.tulis(a) for k in KOLOM_TABEL]
    assert harap[:3] == ["1.200,00", "1.100,00", "1.000,00"]  # money without "Rp": the header has it

    html = html_rakor(paket_rakor(2025, 11))
    total = re.search(r'<tr class="total"><td class="no"></td>.*?</tr>', html, re.S).group(0)
    assert _sel(total)[1:-2] == harap  # after the No. cell; before Kategori and Laporan

    client.force_login(pimpinan)
    teks = client.get(reverse("evaluation:dasbor"), {"tahun": 2025, "bulan": 11}).content.decode()
    kaki = re.search(r'<table class="tabel tabel--opd">.*?<tfoot>(.*?)</tfoot>', teks, re.S).group(1)
    sel = _sel(kaki)[1:]  # after the No. cell
    fisik = next(i for i, k in enumerate(KOLOM_TABEL) if k.catatan)
    assert sel[:fisik] == harap[:fisik]
    assert sel[fisik].startswith(harap[fisik] + " target ")  # the target under the fisik


def test_a_table_showing_some_columns_keeps_the_specifications_order():
    from lib.kolom import kolom_tabel

    assert [k.kunci for k in kolom_tabel("fisik pagu capaian_anggaran_kas")] == [
        "pagu", "capaian_anggaran_kas", "fisik"]
    with pytest.raises(KeyError):
        kolom_tabel("pagu capaian")
    with pytest.raises(KeyError, match="bukan kolom tabel"):
        kolom_tabel("pagu sisa_pagu")  # a figure, but not one of the tables' columns


def test_no_rakor_table_writes_a_figure_cell_by_hand():
    """The templates of the Rakor tables (every figure of an Angka in a row) loop over the
    specification: no cell names a figure and its format by hand."""
    tulis_tangan = re.compile(r"<td[^>]*>\s*\{\{\s*(a|[\w.]*angka|[\w.]*total|[\w.]*dak_fisik)\.(" + "|".join(
        k.kunci for k in KOLOM_ANGKA) + r")\|(nominal|persen|poin)")
    # Tables that are not Rakor tables keep their own cells: those showing other figures
    # beside these (this month's realisasi, the anggaran kas of the month) and the report
    # form's entry grid.
    sendiri = {"sub_kegiatan.html", "pemeriksaan.html", "_formulir_grid.html"}
    temuan = [f"{p.relative_to(AKAR)}: {m.group(0)}"
              for p in AKAR.glob("*/templates/**/*.html") if p.name not in sendiri
              for m in tulis_tangan.finditer(p.read_text(encoding="utf-8"))]
    assert not temuan, "loop over {% kolom_tabel %} and {{ a|sel_kolom:k }}:\n" + "\n".join(temuan)


def test_the_api_schema_takes_its_figure_fields_from_the_specification():
    from api.api import api

    skema = api.get_openapi_schema(path_prefix="/api/")["components"]["schemas"]["Rekap"]
    kunci = [k.kunci for k in KOLOM_ANGKA]
    assert list(skema["properties"])[:len(kunci) + 1] == [*kunci, KATEGORI.kunci]
    assert {*kunci, KATEGORI.kunci} <= set(skema["required"])
    for k in KOLOM_ANGKA:
        assert skema["properties"][k.kunci]["description"].startswith(f"{k.label}: {k.definisi}")
    assert "persen target − persen realisasi" in skema["properties"]["deviasi"]["description"]
