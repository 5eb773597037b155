"""Form A, Form B and RFK as spreadsheets: the cells of the page's ``Tabel``, numbers as
numbers (money to the sen, percentages to two decimals, as ``evaluation.ekspor_xlsx``)."""

from __future__ import annotations

import datetime
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from evaluation.ekspor_xlsx import (
    FORMAT_PERSEN,
    FORMAT_RP,
    HURUF_JUDUL,
    HURUF_KEPALA,
    ISI_KEPALA,
    ISI_TOTAL,
    nilai_sel,
)
from lib.rupiah import KOSONG
from lib.sel import sel_aman

from .tabel import Tabel

FORMAT = {"rp": FORMAT_RP, "persen": FORMAT_PERSEN, "k": "#,##0.00"}
LEBAR = {"rp": 20, "persen": 11, "k": 11, "teks": 30, "kategori": 14, "waktu": 17}


def _nilai(v, jenis: str):
    if jenis in FORMAT:
        return nilai_sel(v) if v is not None or jenis != "k" else ""
    if jenis == "kategori":
        return v.label if v is not None else KOSONG
    if jenis == "waktu":
        return timezone.localtime(v).replace(tzinfo=None) if v is not None else KOSONG
    return sel_aman("" if v is None else str(v))


def xlsx_tabel(tabel: Tabel, periode: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = tabel.judul.split(" — ")[0][:31]
    ws.sheet_view.showGridLines = False
    wb.properties.creator = "SIAP"
    wb.properties.created = wb.properties.modified = datetime.datetime(periode["tahun"], 1, 1)
    ws["A1"] = sel_aman(tabel.judul)
    ws["A1"].font = HURUF_JUDUL
    ws["A2"] = sel_aman(f"Tahun anggaran {periode['tahun']}, s.d. {periode['batas']}")
    ws["A2"].font = Font(italic=True, color="4A5563")
    kolom = [("Kode", "teks"), (tabel.kolom_nama, "teks"), *tabel.kolom]
    for i, (label, jenis) in enumerate(kolom, start=1):
        c = ws.cell(4, i, sel_aman(label))
        c.font, c.fill = HURUF_KEPALA, ISI_KEPALA
        c.alignment = Alignment(wrap_text=True, vertical="bottom",
                                horizontal="right" if jenis in FORMAT else "left")
        ws.column_dimensions[get_column_letter(i)].width = 44 if i == 2 else (
            18 if i == 1 else LEBAR[jenis])
    ws.row_dimensions[4].height = 45
    ws.freeze_panes = "C5"
    baris = 5
    for r in [*tabel.baris, None]:
        if r is None:
            isi = [("", "teks"), (tabel.label_total, "teks"), *tabel.total]
        else:
            isi = [(r.kode, "teks"), (r.nama, "teks"), *r.sel]
        for i, (v, jenis) in enumerate(isi, start=1):
            c = ws.cell(baris, i, _nilai(v, jenis))
            if jenis in FORMAT and not isinstance(c.value, str):
                c.number_format = FORMAT[jenis]
            elif jenis == "waktu" and not isinstance(c.value, str):
                c.number_format = "d mmm yyyy hh:mm"
            c.alignment = Alignment(horizontal="right" if jenis in FORMAT else "left",
                                    vertical="top", wrap_text=jenis == "teks")
            if r is None or (r.tingkat in ("program",) and not r.lanjutan):
                c.font = Font(bold=True)
            if r is None:
                c.fill = ISI_TOTAL
        baris += 1
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
