"""E.81 and E.79 as spreadsheets, laid out as the Permendagri 86/2017 forms: every K/Rp pair
in two columns, TW I–IV, tingkat capaian, the footer rows and the two signature blocks.

Numbers are numbers, stored as ``evaluation.ekspor_xlsx`` stores them: money rounded to the
sen and percentages to two decimals (``nilai_sel``), with the same number formats; a ratio
that cannot be computed is "–". Text cells pass through ``lib.sel.sel_aman``.
"""

from __future__ import annotations

import datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from evaluation.ekspor_xlsx import (
    FORMAT_PERSEN,
    FORMAT_RP,
    HURUF_JUDUL,
    ISI_KEPALA,
    ISI_TOTAL,
    WARNA_KATEGORI,
    nilai_sel,
)
from lib.periode import tanggal_panjang
from lib.rupiah import KOSONG
from lib.sel import sel_aman

from .evaluasi import BarisForm, FormEvaluasi, NilaiK

JUDUL = {
    "E.81": "Evaluasi terhadap Hasil Renja Perangkat Daerah",
    "E.79": "Evaluasi terhadap Hasil RKPD Kabupaten/Kota",
}
# The pairs of the form, in order: (heading, K attribute of NilaiK / indikator, Rp attribute).
PASANGAN = (
    ("Target Renstra PD pada akhir periode", "target_renstra", "target_renstra"),
    ("Realisasi capaian kinerja Renstra s.d. Renja tahun lalu (n−2)",
     "realisasi_renstra_lalu", "realisasi_renstra_lalu"),
    ("Target kinerja dan anggaran Renja tahun berjalan", "target", "pagu"),
    ("Realisasi triwulan I", "tw0", "tw0"),
    ("Realisasi triwulan II", "tw1", "tw1"),
    ("Realisasi triwulan III", "tw2", "tw2"),
    ("Realisasi triwulan IV", "tw3", "tw3"),
    ("Realisasi capaian kinerja dan anggaran Renja yang dievaluasi", "tahun_ini", "tahun_ini"),
    ("Realisasi kinerja dan anggaran Renstra s.d. tahun berjalan", "renstra_sd", "renstra_sd"),
    ("Tingkat capaian kinerja dan realisasi anggaran Renja yang dievaluasi (%)",
     "capaian", "capaian"),
    ("Tingkat capaian kinerja dan realisasi anggaran Renstra s.d. tahun berjalan (%)",
     "capaian_renstra", "capaian_renstra"),
)
PERSEN = {"capaian", "capaian_renstra"}
KOLOM_AWAL = ("No.", "Kode", "Program / kegiatan / sub kegiatan", "Indikator kinerja",
              "Satuan")
LEBAR_AWAL = (5, 18, 40, 40, 10)
FORMAT_K = "#,##0.00"
TIPIS = Side(style="thin", color="9AA5B1")
KOTAK = Border(left=TIPIS, right=TIPIS, top=TIPIS, bottom=TIPIS)
HURUF_PUTIH = Font(bold=True, color="FFFFFF", size=9)


def _nilai(obj, attr: str):
    if attr.startswith("tw"):
        return obj.tw[int(attr[2:])]
    return getattr(obj, attr)


def _k(nk: NilaiK, attr: str):
    if hasattr(nk, attr) or attr.startswith("tw"):
        return _nilai(nk, attr)
    return getattr(nk.indikator, attr)


class _Tulis:
    def __init__(self, ws):
        self.ws, self.baris = ws, 1

    def sel(self, kolom: int, nilai, *, fmt: str | None = None, tebal=False, isi=None,
            rata="left", bungkus=False):
        if nilai is None:
            nilai = KOSONG if fmt else ""
        elif fmt:
            nilai = nilai_sel(nilai)
        else:
            nilai = sel_aman(str(nilai))
        c = self.ws.cell(self.baris, kolom, nilai)
        if fmt and not isinstance(nilai, str):
            c.number_format = fmt
        c.alignment = Alignment(horizontal="right" if fmt else rata, vertical="top",
                                wrap_text=bungkus)
        c.border = KOTAK
        if tebal:
            c.font = Font(bold=True, size=9)
        else:
            c.font = Font(size=9)
        if isi is not None:
            c.fill = isi
        return c


def _kepala(t: _Tulis, jenis: str) -> None:
    ws = t.ws
    atas, bawah = t.baris, t.baris + 1
    awal = KOLOM_AWAL if jenis == "E.81" else (*KOLOM_AWAL[:2], "Perangkat daerah / program",
                                              *KOLOM_AWAL[3:])
    for i, label in enumerate(awal, start=1):
        ws.merge_cells(start_row=atas, start_column=i, end_row=bawah, end_column=i)
        ws.cell(atas, i, label)
        ws.column_dimensions[get_column_letter(i)].width = LEBAR_AWAL[i - 1]
    kolom = len(KOLOM_AWAL) + 1
    for label, _, _ in PASANGAN:
        ws.merge_cells(start_row=atas, start_column=kolom, end_row=atas, end_column=kolom + 1)
        ws.cell(atas, kolom, label)
        ws.cell(bawah, kolom, "K")
        ws.cell(bawah, kolom + 1, "Rp")
        ws.column_dimensions[get_column_letter(kolom)].width = 11
        ws.column_dimensions[get_column_letter(kolom + 1)].width = 19
        kolom += 2
    for label, lebar in (("Predikat", 14), ("Perangkat daerah penanggung jawab", 28)):
        ws.merge_cells(start_row=atas, start_column=kolom, end_row=bawah, end_column=kolom)
        ws.cell(atas, kolom, label)
        ws.column_dimensions[get_column_letter(kolom)].width = lebar
        kolom += 1
    for r in (atas, bawah):
        for k in range(1, kolom):
            c = ws.cell(r, k)
            c.font, c.fill, c.border = HURUF_PUTIH, ISI_KEPALA, KOTAK
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[atas].height = 66
    # The column numbers of the official form, as a reader checks them against it.
    t.baris = bawah + 1
    for k in range(1, kolom):
        c = t.sel(k, str(k), rata="center")
        c.font = Font(italic=True, size=8, color="4A5563")
    t.baris += 1
    ws.freeze_panes = ws.cell(t.baris, len(KOLOM_AWAL) + 1)
    t.jumlah_kolom = kolom - 1


def _baris(t: _Tulis, nomor: int | str, b: BarisForm) -> None:
    tebal = b.tingkat in ("opd", "program")
    isi = ISI_TOTAL if b.tingkat == "opd" else None
    daftar = b.indikator or [None]
    for j, nk in enumerate(daftar):
        pertama = j == 0
        t.sel(1, nomor if pertama else "", tebal=tebal, isi=isi, rata="right")
        t.sel(2, b.kode if pertama else "", tebal=tebal, isi=isi)
        t.sel(3, b.nama if pertama else "", tebal=tebal, isi=isi, bungkus=True)
        t.sel(4, nk.indikator.uraian if nk else "", isi=isi, bungkus=True)
        t.sel(5, nk.indikator.satuan if nk else "", isi=isi)
        kolom = len(KOLOM_AWAL) + 1
        for _, attr_k, attr_rp in PASANGAN:
            fmt_k = FORMAT_PERSEN if attr_k in PERSEN else FORMAT_K
            t.sel(kolom, _k(nk, attr_k) if nk else None, fmt=fmt_k if nk else None, isi=isi)
            fmt_rp = FORMAT_PERSEN if attr_rp in PERSEN else FORMAT_RP
            t.sel(kolom + 1, _nilai(b.rp, attr_rp) if pertama else None,
                  fmt=fmt_rp if pertama else None, tebal=tebal, isi=isi)
            kolom += 2
        c = t.sel(kolom, (nk.predikat.label if nk.predikat else KOSONG) if nk else "", isi=isi)
        if nk and nk.predikat and nk.predikat.label in WARNA_KATEGORI:
            teks, latar = WARNA_KATEGORI[nk.predikat.label]
            c.font, c.fill = Font(bold=True, color=teks, size=9), PatternFill("solid",
                                                                              fgColor=latar)
        t.sel(kolom + 1, b.penanggung_jawab if pertama else "", isi=isi, bungkus=True)
        t.baris += 1


def _kaki(t: _Tulis, f: FormEvaluasi) -> None:
    ws = t.ws
    akhir = t.jumlah_kolom
    kolom_capaian = len(KOLOM_AWAL) + 1 + 2 * [p[1] for p in PASANGAN].index("capaian")
    # The total: the OPD's (E.81) or the pemda's (E.79) figures, as on the dashboard.
    t.sel(3, "Jumlah", tebal=True, isi=ISI_TOTAL)
    kolom = len(KOLOM_AWAL) + 1
    for _, _, attr_rp in PASANGAN:
        fmt = FORMAT_PERSEN if attr_rp in PERSEN else FORMAT_RP
        t.sel(kolom + 1, _nilai(f.total, attr_rp), fmt=fmt, tebal=True, isi=ISI_TOTAL)
        kolom += 2
    t.baris += 1
    for label, k, rp in (
        ("Rata-rata capaian kinerja (%)", f.rata_rata, f.total.capaian),
        ("Predikat kinerja", f.predikat.label if f.predikat else KOSONG,
         f.predikat_rp.label if f.predikat_rp else KOSONG),
    ):
        ws.merge_cells(start_row=t.baris, start_column=1, end_row=t.baris,
                       end_column=kolom_capaian - 1)
        t.sel(1, label, tebal=True, rata="right")
        fmt = FORMAT_PERSEN if not isinstance(k, str) else None
        t.sel(kolom_capaian, k, fmt=fmt, tebal=True)
        t.sel(kolom_capaian + 1, rp, fmt=fmt, tebal=True)
        t.baris += 1
    ev = f.evaluasi
    lanjut = "Renja Perangkat Daerah" if f.jenis == "E.81" else "RKPD"
    for label, teks in (
        ("Faktor pendorong keberhasilan pencapaian", ev.faktor_pendorong if ev else ""),
        ("Faktor penghambat pencapaian kinerja", ev.faktor_penghambat if ev else ""),
        ("Tindak lanjut yang diperlukan dalam triwulan berikutnya",
         ev.tindak_lanjut_triwulan if ev else ""),
        (f"Tindak lanjut yang diperlukan dalam {lanjut} berikutnya",
         ev.tindak_lanjut_renja if ev else ""),
    ):
        ws.merge_cells(start_row=t.baris, start_column=1, end_row=t.baris, end_column=4)
        ws.merge_cells(start_row=t.baris, start_column=5, end_row=t.baris, end_column=akhir)
        t.sel(1, label + ":", tebal=True, bungkus=True)
        t.sel(5, teks or KOSONG, bungkus=True)
        ws.row_dimensions[t.baris].height = max(30, 13 * (1 + len(teks or "") // 180))
        t.baris += 1
    t.baris += 1
    _tanda_tangan(t, f, akhir)


def _tanda_tangan(t: _Tulis, f: FormEvaluasi, akhir: int) -> None:
    ws = t.ws
    awal = t.baris
    tanggal = (f"{f.tempat}, " if f.tempat else "") + tanggal_panjang(f.tanggal)
    posisi = (3, akhir - 6)
    for (kolom, p) in zip(posisi, f.penandatangan, strict=False):
        baris = awal
        for teks, tebal in ((p["judul"] + ",", False), (tanggal, False), (p["jabatan"], True),
                            ("", False), ("", False), ("", False),
                            (p["nama"] or "(" + "." * 50 + ")", True),
                            (f"NIP {p['nip']}" if p["nip"] else "NIP ", False)):
            c = ws.cell(baris, kolom, sel_aman(teks))
            c.font = Font(bold=tebal, size=9)
            baris += 1
    t.baris = awal + 8


def xlsx_evaluasi(f: FormEvaluasi) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f.jenis
    ws.sheet_view.showGridLines = False
    wb.properties.title = f"{f.jenis} {JUDUL[f.jenis]} TW {f.romawi} {f.tahun}"
    wb.properties.creator = "SIAP"
    # A fixed timestamp: the same form gives the same file.
    wb.properties.created = wb.properties.modified = datetime.datetime(f.tahun, 1, 1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws["A1"] = sel_aman(f"Formulir {f.jenis}: {JUDUL[f.jenis]}")
    ws["A1"].font = HURUF_JUDUL
    ws["A2"] = sel_aman(f.opd.nama if f.opd else f.nama_pemda)
    ws["A2"].font = Font(bold=True, size=11)
    ws["A3"] = sel_aman(f"Periode pelaksanaan: Triwulan {f.romawi} Tahun Anggaran {f.tahun} "
                        f"(s.d. {f.batas_teks}) — {f.nama_pemda}")
    ws["A3"].font = Font(italic=True, color="4A5563")
    t = _Tulis(ws)
    t.baris = 5
    _kepala(t, f.jenis)
    nomor = 0
    for b in f.baris:
        if b.tingkat == "opd":
            _baris(t, "", b)
            continue
        nomor += 1
        _baris(t, nomor, b)
    _kaki(t, f)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
