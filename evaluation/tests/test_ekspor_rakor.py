"""The Rakor POP pack on the Lampung Barat demo, 2025 s.d. November: the dashboard, the PDF, the
XLSX, the CSV, ``siap rekap --format json`` and the briefing all show the same figures — the
figures module's — and the briefing and the PDF carry the seed's five strings.

The PDF's text is read with pypdf; WeasyPrint needs Pango and the page pictures need
``pdftoppm`` (poppler-utils): where either is missing those tests are skipped with the reason
(``tests.sistem``), except in CI."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import subprocess
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from demo.laporan import muat_laporan_demo
from demo.load import hapus_demo, muat_demo
from evaluation.ekspor_pdf import pdf_rakor
from evaluation.ekspor_xlsx import xlsx_rakor
from evaluation.paket import paket_rakor
from evaluation.queries import hitung_rekap
from evaluation.serializers import rekap_csv
from lib.rupiah import bulatkan, desimal, format_angka, persen
from tests import sistem

pytestmark = pytest.mark.django_db

SEED = ("Rp 839.535.848.290,34 (76,73%)", "96,95%", "79,14%", "Rp 1.060.834.720.613,25",
        "Rp 1.094.182.195.169,02")
PERIODE = {"tahun": 2025, "bulan": 11}
A4_MENDATAR = (842, 595)
HARI_INI = datetime.date(2026, 12, 6)


def rapat(teks: str) -> str:
    """Whitespace (line breaks of the PDF, no-break spaces of the page) as single spaces."""
    return re.sub(r"\s+", " ", teks.replace("\u00a0", " "))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        muat_demo(hari_ini=HARI_INI)
        muat_laporan_demo(HARI_INI)
        paket = paket_rakor(2025, 11)
        berkas = {"xlsx": xlsx_rakor(paket)}
    yield paket, berkas
    with django_db_blocker.unblock():
        hapus_demo()


@pytest.fixture(scope="module")
def pdf(demo) -> bytes:
    sistem.weasyprint()
    return pdf_rakor(demo[0])


@pytest.fixture(scope="module")
def teks_pdf(pdf):
    return rapat(" ".join(h.extract_text() for h in pypdf.PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture(scope="module")
def buku(demo):
    return openpyxl.load_workbook(io.BytesIO(demo[1]["xlsx"]))


@pytest.fixture
def pimpinan(client):
    client.force_login(User.objects.get(username="pimpinan"))
    return client


def _opd_contoh(paket):
    """The three best, two worst and one middle OPD."""
    return [*paket.opd[:3], paket.opd[len(paket.opd) // 2], *paket.opd[-2:]]


def test_the_briefing_carries_the_seed_strings(demo, pimpinan):
    html = rapat(pimpinan.get(reverse("evaluation:bahan_rakor"), PERIODE).content.decode())
    for s in SEED:
        assert s in html
    # … and the pack's paragraphs are the page's, sentence for sentence.
    for p in demo[0].paragraf:
        assert rapat(p) in html


def test_the_pdf_carries_the_seed_strings_and_every_section(teks_pdf):
    for s in SEED:
        assert s in teks_pdf
    for judul in (
        "KABUPATEN LAMPUNG BARAT",
        "Rapat Koordinasi Pengendalian Operasional Pembangunan (Rakor POP)",
        "TW IV Tahun Anggaran 2025", "s.d. 30 November 2025",
        "Peringkat perangkat daerah menurut capaian anggaran kas",
        "Indeks Kinerja Pelaksanaan Anggaran TW IV 2025", "Reward", "Punishment",
        "Kurva S seluruh pemda", "DAK Fisik", "Permasalahan yang belum selesai",
        "Proyeksi akhir tahun dan daftar berisiko", "Sekretaris Daerah Kabupaten Lampung Barat",
        "Liwa,", "Halaman 2 dari",
    ):
        assert judul in teks_pdf, judul


def test_the_pdf_lists_every_opd_with_its_figures(demo, teks_pdf):
    paket = demo[0]
    assert len(paket.opd) == 49
    for b in paket.opd:
        assert rapat(b.nama) in teks_pdf
        assert format_angka(b.angka.realisasi) in teks_pdf, b.nama
    for b in _opd_contoh(paket):
        assert persen(b.angka.capaian_anggaran_kas) in teks_pdf


def test_the_pdf_is_a4_landscape(pdf):
    dokumen = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(dokumen.pages) >= 8
    for halaman in dokumen.pages:
        assert (round(float(halaman.mediabox.width)), round(float(halaman.mediabox.height))) \
            == A4_MENDATAR


def test_the_pdf_renders_to_pictures(pdf, tmp_path):
    pdftoppm = sistem.program("pdftoppm", "poppler-utils")
    (tmp_path / "rakor.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-png", "-r", "30", "-f", "1", "-l", "3",
                    str(tmp_path / "rakor.pdf"), str(tmp_path / "hlm")], check=True)
    png = sorted(tmp_path.glob("hlm-*.png"))
    assert len(png) == 3 and all(p.stat().st_size > 2000 for p in png)


def _tinta_di_tepi_kanan(pgm: bytes, lebar_tepi: int) -> int:
    """Dark pixels in the right margin of a page rendered as PGM (binary greyscale)."""
    _, ukuran, _, piksel = pgm.split(b"\n", 3)
    lebar, tinggi = map(int, ukuran.split())
    return sum(1 for y in range(tinggi) for x in range(lebar - lebar_tepi, lebar)
               if piksel[y * lebar + x] < 200)


def test_no_table_runs_into_the_right_margin(pdf, tmp_path):
    """The OPD ranking's last header ("Laporan November 2025") did not wrap and pushed the
    table past the page's right edge, cutting the header to "Laporan November 20"."""
    pdftoppm = sistem.program("pdftoppm", "poppler-utils")
    (tmp_path / "rakor.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-gray", "-r", "50", str(tmp_path / "rakor.pdf"),
                    str(tmp_path / "hlm")], check=True)
    tepi = 20  # of the 12 mm (23,6 px at 50 dpi) right margin of rakor_pdf.css
    keluar = {p.stem: n for p in sorted(tmp_path.glob("hlm-*.pgm"))
              if (n := _tinta_di_tepi_kanan(p.read_bytes(), tepi))}
    assert not keluar, f"halaman dengan isi di tepi kanan: {keluar}"


def _keterisian(halaman) -> float:
    """How far down its writing area a page is written, 0–1: from the top margin to the lowest
    line of text above the footer (the page number line)."""
    tinggi = float(halaman.mediabox.height)
    atas, bawah = tinggi - 40, 45  # rakor_pdf.css: 14 mm top, 16 mm bottom margin, in points
    ys = []

    def catat(teks, cm, tm, font, ukuran):
        if teks.strip():
            ys.append(tm[5] * cm[3] + cm[5])

    halaman.extract_text(visitor_text=catat)
    isi = [y for y in ys if y > bawah]
    return (atas - min(isi)) / (atas - bawah) if isi else 0.0


def test_the_pdf_has_no_nearly_empty_page(pdf):
    """Issue #17: every section began a new page, so a table that ran two rows over left a
    page of two rows, and a short section a half-empty one. Sections now flow; only the last
    page may be short, and the signature never stands alone on it."""
    pdf = pypdf.PdfReader(io.BytesIO(pdf))
    terisi = [round(_keterisian(h), 2) for h in pdf.pages]
    assert "Rakor POP" in pdf.pages[0].extract_text()
    kurang = [(i, t) for i, t in enumerate(terisi[1:-1], start=2) if t < 0.6]
    assert not kurang, f"halaman yang terisi kurang dari 60%: {kurang} (semua: {terisi})"
    akhir = pdf.pages[-1].extract_text()
    assert "Sekretaris Daerah" in akhir and terisi[-1] >= 0.2, terisi
    # the last page carries more than the signature: the end of the last section
    assert rapat(akhir).index("Sekretaris Daerah") > 200


def test_the_xlsx_numbers_are_the_figures_module_s(demo, buku):
    r = hitung_rekap(2025, 11)  # computed afresh, not taken from the pack
    ws = buku["Peringkat OPD"]
    assert ws["D4"].value == "Pagu (Rp)" and ws["O4"].value == "Kategori"
    baris = list(ws.iter_rows(min_row=5, max_row=5 + len(r.rekap.opd), values_only=True))
    kolom = ("pagu", "target_anggaran_kas", "realisasi", "persen_realisasi", "persen_target",
             "capaian_anggaran_kas", "deviasi", "deviasi_rp", "sisa_pagu", "fisik",
             "target_fisik")
    for k, row in zip(r.rekap.opd, baris, strict=False):
        o = r.data.opd[k.kunci]
        assert row[:3] == (k.peringkat, o.kode, o.nama)
        for i, nama in enumerate(kolom, start=3):
            nilai = getattr(k.angka, nama)
            harap = "–" if nilai is None else float(bulatkan(nilai))
            assert row[i] == harap, (o.nama, nama)
        assert row[14] == k.angka.kategori.label
    total = baris[-1]
    assert total[2] == "Total pemda"
    assert total[3:6] == (1094182195169.02, 1060834720613.25, 839535848290.34)
    assert total[6] == 76.73 and total[7] == 96.95 and total[8] == 79.14


def test_the_xlsx_has_a_sheet_per_view_frozen_headers_formats_and_the_chart(buku):
    assert buku.sheetnames == ["Ringkasan", "Peringkat OPD", "Sumber Dana", "Jenis Belanja",
                               "Kecamatan", "Sebaran", "Indeks", "Proyeksi", "Permasalahan",
                               "Kurva S"]
    for nama in buku.sheetnames[1:]:
        assert buku[nama].freeze_panes is not None, nama
        assert buku[nama].freeze_panes.endswith("5"), nama
    ws = buku["Peringkat OPD"]
    assert ws.freeze_panes == "D5"  # header row and No./Kode/Nama stay in view
    assert ws["D5"].number_format == "#,##0.00"
    assert ws["G5"].number_format == '#,##0.00"%"'
    assert isinstance(ws["D5"].value, int | float)  # a number, not text
    assert ws.column_dimensions["C"].width >= 40
    gambar = buku["Kurva S"]._images
    assert len(gambar) == 2
    png = gambar[0]._data()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert buku["Kurva S"]["C15"].value == 76.73  # November's realisasi, as on the page
    assert buku["Permasalahan"].max_row > 5


def test_the_xlsx_text_cells_are_guarded_against_formulas(demo, buku):
    for ws in buku:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                assert not (isinstance(v, str) and v[:1] in "=+@"), (ws.title, v)


def test_dashboard_pdf_xlsx_csv_json_and_briefing_show_the_same_figures(
        demo, pimpinan, teks_pdf, buku, capsys):
    paket = demo[0]
    dasbor = rapat(pimpinan.get(reverse("evaluation:dasbor"), PERIODE).content.decode())
    briefing = rapat(pimpinan.get(reverse("evaluation:bahan_rakor"), PERIODE).content.decode())
    unduhan = pimpinan.get(reverse("evaluation:rakor_unduh", args=["csv"]), PERIODE)
    tabel_csv = list(csv.DictReader(io.StringIO(unduhan.content.decode())))
    call_command("rekap", tahun=2025, bulan=11, format="json")
    data_json = json.loads(capsys.readouterr().out)

    t = paket.total
    for s in SEED:
        assert s in dasbor and s in briefing and s in teks_pdf
    pemda_csv = tabel_csv[-1]
    assert pemda_csv["nama"] == "TOTAL PEMDA"
    ringkasan = {r[0]: r[1] for r in buku["Ringkasan"].iter_rows(min_row=6, values_only=True)}
    for nama, label in (("pagu", "Pagu (Rp)"), ("target_anggaran_kas", "Target anggaran kas (Rp)"),
                        ("realisasi", "Realisasi (Rp)"), ("persen_realisasi", "% Realisasi"),
                        ("persen_target", "% Target"),
                        ("capaian_anggaran_kas", "Capaian anggaran kas")):
        nilai = desimal(getattr(t, nama))
        assert data_json[nama] == pemda_csv[nama] == nilai
        assert ringkasan[label] == float(nilai)

    per_json = {o["nama"]: o for o in data_json["opd"]}
    per_csv = {o["nama"]: o for o in tabel_csv}
    per_xlsx = {r[2]: r for r in buku["Peringkat OPD"].iter_rows(min_row=5, values_only=True)}
    for b in _opd_contoh(paket):
        a = b.angka
        for nilai in (format_angka(a.pagu), format_angka(a.realisasi), persen(a.capaian_anggaran_kas)):
            assert nilai in dasbor and nilai in teks_pdf, (b.nama, nilai)
        assert per_json[b.nama]["realisasi"] == per_csv[b.nama]["realisasi"] == desimal(a.realisasi)
        assert per_json[b.nama]["peringkat"] == int(per_csv[b.nama]["peringkat"]) == b.peringkat
        assert Decimal(str(per_xlsx[b.nama][5])) == Decimal(desimal(a.realisasi))
        assert Decimal(str(per_xlsx[b.nama][8])) == Decimal(desimal(a.capaian_anggaran_kas))


def test_the_csv_download_is_the_rekap_csv_of_the_cli(demo, pimpinan, capsys):
    r = pimpinan.get(reverse("evaluation:rakor_unduh", args=["csv"]), PERIODE)
    assert r["Content-Disposition"] == 'attachment; filename="rakor-pop-2025-11.csv"'
    call_command("rekap", tahun=2025, bulan=11, format="csv")
    assert r.content.decode() == capsys.readouterr().out == rekap_csv(hitung_rekap(2025, 11))
    assert len(r.content.decode().splitlines()) == 1 + 49 + 1


def test_the_pack_takes_a_constant_number_of_queries(demo, django_assert_max_num_queries):
    # 49 OPD, 1,916 sub kegiatan, 47 open permasalahan: the count does not grow with them.
    with django_assert_max_num_queries(40):
        paket = paket_rakor(2025, 11)
    assert len(paket.opd) == 49 and len(paket.permasalahan) > 20
