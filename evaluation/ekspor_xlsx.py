"""The Rakor POP pack as a spreadsheet: one sheet per view of the dashboard, from one
``PaketRakor`` (``evaluation.paket``), so every number equals the PDF's and the page's.

Numbers are stored as numbers. XLSX holds binary floats only, so money is stored rounded to
the sen (``lib.rupiah.bulatkan``) and percentages rounded to two decimals — the figures the
other outputs print. Display format: the number format codes of an OOXML file are always
written with "," for thousands and "." for decimals, and Excel/LibreOffice show them with the
separators of the reader's locale; ``#,##0.00`` therefore shows ``1.094.182.195.169,02`` on an
Indonesian computer (and ``1,094,182,195,169.02`` on an English one) while the cell stays a
number to compute with. A literal Indonesian pattern is not expressible in a format code, and
writing the figures as text would stop them from being summed. Percentages are stored as
percent points (76.73, not 0.7673) with the format ``#,##0.00"%"``, so the cell holds the same
number the PDF prints; a percentage that cannot be computed is "–".

Text cells pass through ``lib.sel.sel_aman`` (formula injection).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from lib.kolom import KATEGORI
from lib.kolom import KOLOM_ANGKA as SPESIFIKASI_KOLOM
from lib.periode import NAMA_BULAN
from lib.rupiah import KOSONG, bulatkan
from lib.sel import sel_aman

from .paket import JUDUL_RAPAT, PaketRakor

FORMAT_RP = "#,##0.00"
FORMAT_PERSEN = '#,##0.00"%"'
FORMAT_BILANGAN = "#,##0"
FORMAT_TANGGAL = "d mmmm yyyy"

HURUF_JUDUL = Font(bold=True, size=13, color="12395F")
HURUF_KEPALA = Font(bold=True, color="FFFFFF")
ISI_KEPALA = PatternFill("solid", fgColor="12395F")
ISI_TOTAL = PatternFill("solid", fgColor="E6ECF3")
GARIS_TOTAL = Border(top=Side(style="thin", color="12395F"))
WARNA_KATEGORI = {  # the dashboard's rating colours (text, background)
    "Sangat Tinggi": ("14532D", "D9EEDF"),
    "Tinggi": ("365314", "E8F3D6"),
    "Sedang": ("6B4A00", "FBF0C9"),
    "Rendah": ("7C2D0A", "FDE3CF"),
    "Sangat Rendah": ("7F1616", "F9D9D9"),
}

# The figure columns of every table of groups: (header, Angka attribute, kind), from
# ``lib.kolom`` (the XLSX has room for the long labels).
KOLOM_ANGKA = tuple((k.label, k.kunci, k.format) for k in SPESIFIKASI_KOLOM)
FORMAT = {"rp": FORMAT_RP, "persen": FORMAT_PERSEN, "poin": FORMAT_RP, "bilangan": FORMAT_BILANGAN}
LEBAR = {"rp": 22, "persen": 12, "poin": 11, "bilangan": 10}


def nilai_sel(nilai: Decimal | str | None) -> float | str:
    """A figure as stored in a cell: rounded half up to two decimals, "–" when None (a text,
    e.g. the empty cells of a total row, is left as it is)."""
    if nilai is None:
        return KOSONG
    if isinstance(nilai, str):
        return nilai
    return float(bulatkan(nilai))


def _teks(nilai) -> str:
    return sel_aman("" if nilai is None else str(nilai))


class _Lembar:
    """One sheet: a title block, then a table with a frozen header row."""

    def __init__(self, wb: Workbook, judul: str, paket: PaketRakor, keterangan: str = ""):
        self.ws = wb.create_sheet(judul)
        self.ws.sheet_view.showGridLines = False
        self.ws["A1"] = sel_aman(f"{judul} — {paket.nama_pemda}")
        self.ws["A1"].font = HURUF_JUDUL
        self.ws["A2"] = sel_aman(
            keterangan or f"Realisasi APBD {paket.tahun} s.d. {paket.batas_teks} ({paket.triwulan})"
        )
        self.ws["A2"].font = Font(italic=True, color="4A5563")
        self.baris = 4

    def kepala(self, kolom: list[tuple[str, str, int]], beku_kolom: int = 0) -> None:
        """``kolom``: (header, kind, width). Freezes the rows above the data (and the first
        ``beku_kolom`` columns)."""
        self.jenis = [k for _, k, _ in kolom]
        for i, (label, _jenis, lebar) in enumerate(kolom, start=1):
            c = self.ws.cell(self.baris, i, sel_aman(label))
            c.font, c.fill = HURUF_KEPALA, ISI_KEPALA
            c.alignment = Alignment(wrap_text=True, vertical="bottom",
                                    horizontal="right" if _jenis in FORMAT else "left")
            self.ws.column_dimensions[get_column_letter(i)].width = lebar
        self.ws.row_dimensions[self.baris].height = 30
        self.baris += 1
        self.ws.freeze_panes = f"{get_column_letter(beku_kolom + 1)}{self.baris}"
        self.ws.auto_filter.ref = None

    def tulis(self, nilai: list, total: bool = False) -> None:
        for i, (v, jenis) in enumerate(zip(nilai, self.jenis, strict=True), start=1):
            if jenis in FORMAT:
                c = self.ws.cell(self.baris, i, v if isinstance(v, int) else nilai_sel(v))
                c.number_format = FORMAT[jenis]
                c.alignment = Alignment(horizontal="right")
            elif jenis == "tanggal":
                c = self.ws.cell(self.baris, i, v)
                c.number_format = FORMAT_TANGGAL
            else:
                c = self.ws.cell(self.baris, i, _teks(v))
                c.alignment = Alignment(wrap_text=jenis == "panjang", vertical="top")
                if jenis == "kategori" and v in WARNA_KATEGORI:
                    teks, latar = WARNA_KATEGORI[v]
                    c.font = Font(bold=True, color=teks)
                    c.fill = PatternFill("solid", fgColor=latar)
            if total:
                c.font = Font(bold=True)
                c.fill, c.border = ISI_TOTAL, GARIS_TOTAL
        self.baris += 1


def _kolom_angka() -> list[tuple[str, str, int]]:
    return [(label, jenis, LEBAR[jenis]) for label, _, jenis in KOLOM_ANGKA] + [
        (KATEGORI.label, "kategori", 15)]


def _angka(a) -> list:
    return [getattr(a, attr) for _, attr, _ in KOLOM_ANGKA] + [
        a.kategori.label if a.kategori else KOSONG]


def _tabel_kelompok(wb, judul, paket, kolom_nama, daftar, *, kode=False, peringkat=False,
                    total=True, keterangan="", status=False):
    """``status``: a last column with each OPD's report of the month (``BarisOPD``)."""
    lb = _Lembar(wb, judul, paket, keterangan)
    kepala = []
    if peringkat:
        kepala.append(("No.", "bilangan", 6))
    if kode:
        kepala.append(("Kode", "teks", 12))
    kepala.append((kolom_nama, "teks", 44))
    akhir = [(f"Laporan {paket.cakupan.periode}", "teks", 20)] if status and paket.cakupan else []
    lb.kepala(kepala + _kolom_angka() + akhir, beku_kolom=len(kepala))
    for b in daftar:
        awal = []
        if peringkat:
            awal.append(b.peringkat if b.peringkat is not None else KOSONG)
        if kode:
            awal.append(b.kode)
        lap = [b.status_laporan.label if b.status_laporan else KOSONG] if akhir else []
        lb.tulis(awal + [b.nama] + _angka(b.angka) + lap)
    if total:
        lb.tulis([""] * (len(kepala) - 1) + ["Total pemda"] + _angka(paket.total)
                 + [""] * len(akhir), total=True)
    return lb


def _ringkasan(wb, paket: PaketRakor) -> None:
    lb = _Lembar(wb, "Ringkasan", paket, JUDUL_RAPAT)
    ws = lb.ws
    ws["A3"] = sel_aman(f"{paket.triwulan} Tahun Anggaran {paket.tahun}, s.d. {paket.batas_teks}"
                        + (f" — {paket.versi.nama}" if paket.versi else ""))
    lb.baris = 5
    lb.kepala([("Uraian", "teks", 34), ("Nilai", "rp", 24)])
    ws.freeze_panes = None  # a short key/value list: nothing to keep in view
    t = paket.total
    for label, attr, jenis in KOLOM_ANGKA:
        lb.jenis = ["teks", jenis]
        lb.tulis([label, getattr(t, attr)])
    lb.jenis = ["teks", "kategori"]
    lb.tulis([KATEGORI.label, t.kategori.label if t.kategori else KOSONG])
    if paket.cakupan is not None:
        lb.jenis = ["teks", "teks"]
        lb.tulis([f"Laporan {paket.cakupan.periode}", paket.cakupan.kalimat()])
    if paket.dak_fisik is not None:
        lb.jenis = ["teks", "rp"]
        lb.tulis(["Pagu DAK Fisik (Rp)", paket.dak_fisik.pagu])
        lb.tulis(["Realisasi DAK Fisik (Rp)", paket.dak_fisik.realisasi])
        lb.jenis = ["teks", "persen"]
        lb.tulis(["% Realisasi DAK Fisik", paket.dak_fisik.persen_realisasi])
    lb.baris += 1
    ws.cell(lb.baris, 1, "Bahan Rakor POP").font = Font(bold=True, size=11, color="12395F")
    lb.baris += 1
    ws.column_dimensions["C"].width = 100
    for par in paket.paragraf:
        ws.merge_cells(start_row=lb.baris, start_column=1, end_row=lb.baris, end_column=3)
        c = ws.cell(lb.baris, 1, sel_aman(par))
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[lb.baris].height = 15 * (1 + len(par) // 150)
        lb.baris += 1


def _sebaran(wb, paket: PaketRakor) -> None:
    lb = _Lembar(wb, "Sebaran", paket, "Sebaran sub kegiatan berpagu menurut persen realisasi")
    lb.kepala([("Persen realisasi", "teks", 20), ("Jumlah sub kegiatan", "bilangan", 14),
               ("Porsi", "persen", 12)])
    for s in paket.sebaran:
        lb.tulis([s["label"], s["jumlah"], s["persen"]])
    lb.tulis(["Jumlah", sum(s["jumlah"] for s in paket.sebaran), ""], total=True)
    if paket.sebaran_fisik:  # beside it, the bands of realisasi fisik Lampung Barat publishes
        lb.baris += 1
        lb.ws.cell(lb.baris, 1, "Menurut realisasi fisik").font = Font(bold=True, color="12395F")
        lb.baris += 1
        beku = lb.ws.freeze_panes
        lb.kepala([("Realisasi fisik", "teks", 20), ("Jumlah sub kegiatan", "bilangan", 14),
                   ("Porsi", "persen", 12)])
        lb.ws.freeze_panes = beku
        for s in paket.sebaran_fisik:
            lb.tulis([s["label"], s["jumlah"], s["persen"]])
        lb.tulis(["Jumlah", sum(s["jumlah"] for s in paket.sebaran_fisik), ""], total=True)


def _permasalahan(wb, paket: PaketRakor) -> None:
    lb = _Lembar(wb, "Permasalahan", paket,
                 f"Permasalahan yang belum selesai s.d. {paket.batas_teks}, terlama lebih dahulu")
    lb.kepala([("No.", "bilangan", 6), ("Sejak", "teks", 15), ("Lama (bulan)", "bilangan", 9),
               ("Perangkat daerah", "teks", 34), ("Kode sub kegiatan", "teks", 18),
               ("Sub kegiatan", "panjang", 34), ("Kategori", "teks", 20),
               ("Permasalahan", "panjang", 48), ("Tindak lanjut", "panjang", 48),
               ("Penanggung jawab", "teks", 22), ("Target selesai", "tanggal", 16)], beku_kolom=1)
    for i, m in enumerate(paket.permasalahan, start=1):
        lb.tulis([i, m.sejak, m.lama_bulan, m.opd.nama, m.sub_kegiatan.kode, m.sub_kegiatan.nama,
                  m.get_kategori_display(), m.uraian, m.tindak_lanjut, m.penanggung_jawab,
                  m.target_selesai])


def png_kurva(svg: str) -> bytes:
    """The dashboard's Kurva S SVG as a PNG (twice its size, for a sharp picture)."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=2, background="#ffffff",
                                       font_family="DejaVu Sans",
                                       sans_serif_family="DejaVu Sans"))


def _kurva(wb, paket: PaketRakor) -> None:
    lb = _Lembar(wb, "Kurva S", paket,
                 "Kumulatif per bulan, persen dari pagu yang berlaku (seluruh pemda)")
    lb.kepala([("Bulan", "teks", 12), ("Target anggaran kas", "persen", 12),
               ("Realisasi keuangan", "persen", 12), ("Target fisik", "persen", 12),
               ("Realisasi fisik", "persen", 12)], beku_kolom=1)
    s = paket.seri_kurva
    for i, nama in enumerate(NAMA_BULAN):
        lb.tulis([nama, s.persen_target[i], s.persen_realisasi[i], s.target_fisik[i], s.fisik[i]])
    baris = 4
    for kunci in ("keuangan", "fisik"):
        gambar = Image(BytesIO(png_kurva(paket.kurva[kunci])))
        gambar.width, gambar.height = 720, 300
        lb.ws.add_image(gambar, f"G{baris}")
        baris += 17


def _indeks(wb, paket: PaketRakor) -> None:
    lb = _Lembar(wb, "Indeks", paket, f"Indeks Kinerja Pelaksanaan Anggaran {paket.triwulan}")
    komponen = paket.indeks_komponen
    lb.kepala([("No.", "bilangan", 6), ("Perangkat daerah", "teks", 44),
               ("Nilai indeks", "poin", 11), ("Kategori", "teks", 15), ("Perubahan", "poin", 11)]
              + [(k, "poin", 13) for k in komponen], beku_kolom=2)
    for b in paket.indeks_baris:
        lb.tulis([b["peringkat"] if b["peringkat"] is not None else KOSONG, b["nama"], b["nilai"],
                  b["kategori"], b["perubahan"]] + [k.nilai for k in b["komponen"]])


def _proyeksi(wb, paket: PaketRakor) -> None:
    pr = paket.proyeksi
    lb = _Lembar(wb, "Proyeksi", paket, "Proyeksi realisasi s.d. akhir tahun")
    lb.kepala([("Perangkat daerah", "teks", 44), ("Pagu (Rp)", "rp", 22),
               ("Realisasi (Rp)", "rp", 22), ("Proyeksi (Rp)", "rp", 22),
               ("Proyeksi (% pagu)", "persen", 12), ("Kebutuhan per bulan (Rp)", "rp", 22),
               ("Berisiko", "teks", 10), ("Alasan", "panjang", 50)], beku_kolom=1)
    for b in [*pr.opd, pr.pemda]:
        lb.tulis([b.nama, b.pagu, b.realisasi, b.proyeksi, b.proyeksi_persen,
                  b.kebutuhan_per_bulan, "ya" if b.berisiko else "tidak", b.alasan or ""],
                 total=b is pr.pemda)


def xlsx_rakor(paket: PaketRakor) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = f"Bahan Rakor POP {paket.tahun} s.d. {paket.batas_teks}"
    wb.properties.creator = "SIAP"
    # A fixed timestamp: the same pack gives the same file.
    wb.properties.created = wb.properties.modified = datetime.datetime(paket.tahun, paket.bulan, 1)
    _ringkasan(wb, paket)
    _tabel_kelompok(wb, "Peringkat OPD", paket, "Perangkat daerah", paket.opd, kode=True,
                    peringkat=True, status=True,
                    keterangan=f"Peringkat menurut capaian anggaran kas s.d. {paket.batas_teks}")
    _tabel_kelompok(wb, "Sumber Dana", paket, "Sumber dana", paket.sumber_dana)
    _tabel_kelompok(wb, "Jenis Belanja", paket, "Jenis belanja", paket.jenis_belanja, kode=True)
    _tabel_kelompok(wb, "Kecamatan", paket, "Kecamatan", paket.kecamatan, peringkat=True,
                    total=False, status=True,
                    keterangan="Kecamatan, diperingkat di antara kecamatan")
    _sebaran(wb, paket)
    if paket.indeks is not None:
        _indeks(wb, paket)
    if paket.proyeksi is not None:
        _proyeksi(wb, paket)
    _permasalahan(wb, paket)
    _kurva(wb, paket)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
