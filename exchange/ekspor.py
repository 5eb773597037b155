"""Writing anggaran, realisasi keuangan and realisasi fisik in the import formats.

The files are exactly what ``impor_anggaran`` and ``impor_realisasi`` read, so exporting and
importing again is a fixed point. Text cells go through ``lib.sel.sel_aman`` (no formula
injection); XLSX amounts are numeric cells with a number format, and the header row is frozen.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from budget.models import BULAN_AK, PaguAnggaran, RealisasiFisik, RealisasiKeuangan, VersiAnggaran
from lib.rupiah import desimal
from lib.sel import sel_aman

from .umum import KOLOM_ANGGARAN, KOLOM_FISIK, KOLOM_REALISASI

FORMAT_UANG = "#,##0.00"
FORMAT_PERSEN = "0.00"
LEBAR = {"nama_opd": 40, "nama_sub_kegiatan": 50, "kode_opd": 24, "kode_sub_kegiatan": 20}


class EksporGagal(Exception):
    """Nothing to export as asked; ``str()`` says why, in Indonesian."""


def _csv(v) -> str:
    if isinstance(v, Decimal):
        return desimal(v)
    if isinstance(v, int):
        return str(v)
    return sel_aman(v or "")


def tulis(path, kolom: tuple[str, ...], baris: Iterable[list], format_angka: str = FORMAT_UANG
          ) -> int:
    """Write ``baris`` under the header ``kolom`` as .csv or .xlsx (by the extension)."""
    path = Path(path)
    n = 0
    if path.suffix.lower() == ".csv":
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(kolom)
            for b in baris:
                w.writerow([_csv(v) for v in b])
                n += 1
        return n
    if path.suffix.lower() != ".xlsx":
        raise EksporGagal(f"jenis berkas {path.suffix or '(tanpa akhiran)'} tidak didukung; "
                          f"pakai .csv atau .xlsx")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)  # streams rows to the file: constant memory at any size
    ws = wb.create_sheet("data")
    ws.freeze_panes = "A2"
    for i, k in enumerate(kolom, start=1):
        ws.column_dimensions[get_column_letter(i)].width = LEBAR.get(k, 16)
    judul = []
    for k in kolom:
        c = WriteOnlyCell(ws, value=k)
        c.font = Font(bold=True)
        judul.append(c)
    ws.append(judul)
    for b in baris:
        sel = []
        for v in b:
            if isinstance(v, Decimal):
                c = WriteOnlyCell(ws, value=v)  # written as its exact decimal text
                c.number_format = format_angka
            elif isinstance(v, int):
                c = WriteOnlyCell(ws, value=v)
            else:
                # sel_aman: a text starting with = + - @ would otherwise become a formula.
                c = WriteOnlyCell(ws, value=sel_aman(v or ""))
                c.data_type = "s"
            sel.append(c)
        ws.append(sel)
        n += 1
    wb.save(path)
    return n


def versi_untuk(tahun: int, berlaku: datetime.date | None) -> VersiAnggaran:
    tanggal = berlaku or datetime.date(tahun, 12, 31)
    v = VersiAnggaran.berlaku_pada(tahun, tanggal)
    if v is None:
        raise EksporGagal(f"tidak ada versi anggaran tahun {tahun} yang berlaku pada "
                          f"{tanggal:%d-%m-%Y}")
    return v


def ekspor_anggaran(path, *, tahun: int, berlaku: datetime.date | None = None) -> int:
    v = versi_untuk(tahun, berlaku)
    rows = (
        PaguAnggaran.objects.filter(versi=v)
        .order_by("rincian__opd__kode", "rincian__sub_kegiatan__kode",
                  "rincian__sumber_dana__kode", "rincian__jenis_belanja__kode")
        .values_list("rincian__opd__kode", "rincian__opd__nama", "rincian__sub_kegiatan__kode",
                     "rincian__sub_kegiatan__nama", "rincian__sumber_dana__kode",
                     "rincian__jenis_belanja__kode", "pagu", *BULAN_AK)
    )
    return tulis(path, KOLOM_ANGGARAN, (list(r) for r in rows.iterator(chunk_size=2000)))


def _rentang(dari: int, sampai: int) -> None:
    if not 1 <= dari <= sampai <= 12:
        raise EksporGagal(f"rentang bulan {dari}–{sampai} tidak sah; pakai 1 ≤ dari ≤ sampai ≤ 12")


def ekspor_realisasi(path, *, tahun: int, dari: int = 1, sampai: int = 12) -> int:
    _rentang(dari, sampai)
    rows = (
        RealisasiKeuangan.objects.filter(rincian__tahun__tahun=tahun, bulan__gte=dari,
                                         bulan__lte=sampai)
        .order_by("rincian__opd__kode", "rincian__sub_kegiatan__kode",
                  "rincian__sumber_dana__kode", "rincian__jenis_belanja__kode", "bulan")
        .values_list("rincian__opd__kode", "rincian__sub_kegiatan__kode",
                     "rincian__sumber_dana__kode", "rincian__jenis_belanja__kode", "bulan",
                     "jumlah")
    )
    return tulis(path, KOLOM_REALISASI, (list(r) for r in rows.iterator(chunk_size=2000)))


def ekspor_fisik(path, *, tahun: int, dari: int = 1, sampai: int = 12) -> int:
    _rentang(dari, sampai)
    rows = (
        RealisasiFisik.objects.filter(tahun__tahun=tahun, bulan__gte=dari, bulan__lte=sampai)
        .order_by("opd__kode", "sub_kegiatan__kode", "bulan")
        .values_list("opd__kode", "sub_kegiatan__kode", "bulan", "persen")
    )
    return tulis(path, KOLOM_FISIK, (list(r) for r in rows.iterator(chunk_size=2000)),
                 format_angka=FORMAT_PERSEN)
