"""The bounded XLSX reader (``lib.xlsx``): the same values as openpyxl's, row by row,
without keeping one per row."""

import datetime

import pytest
from openpyxl import Workbook, load_workbook

from exchange.baca import baca
from exchange.umum import KOLOM_REALISASI
from lib.xlsx import BukuKerja

from .test_batas import _puncak


def _isi(ws):
    ws.append(list(KOLOM_REALISASI))
    ws.append(["a", "b", "DAU", "5.1.02", 1, 100.25])
    ws.append([None, None, None, None, None, None])
    ws.append(["x", None, True, datetime.date(2025, 3, 1), 2.5, "=1+1"])
    ws.append([])
    ws.append(["c", 7, None, None, None, None, None, "lebih"])


@pytest.mark.parametrize("tulis_saja", [False, True])
def test_rows_are_those_of_openpyxl(tmp_path, tulis_saja):
    p = tmp_path / "a.xlsx"
    wb = Workbook(write_only=tulis_saja)
    ws = wb.create_sheet() if tulis_saja else wb.active
    _isi(ws)
    if not tulis_saja:
        ws.cell(row=12, column=2, value="jauh")  # rows 8–11 missing from the XML
    wb.save(p)
    wb = load_workbook(p, read_only=True, data_only=True)
    try:
        harapan = {i: r for i, r in enumerate(wb.worksheets[0].iter_rows(values_only=True),
                                              start=1) if any(v is not None for v in r)}
    finally:
        wb.close()
    with BukuKerja(p) as buku:
        hasil = {b.nomor: b.nilai for b in buku.baris(0)}
    # the same non-blank rows, the same values (openpyxl pads each row to the sheet's width)
    assert sorted(hasil) == sorted(harapan) == ([1, 2, 4, 6] + ([] if tulis_saja else [12]))
    for nomor, nilai in hasil.items():
        assert nilai == harapan[nomor][:len(nilai)]
        assert all(v is None for v in harapan[nomor][len(nilai):])
    assert hasil[2] == ("a", "b", "DAU", "5.1.02", 1, 100.25)
    assert hasil[4][3] == datetime.datetime(2025, 3, 1)
    assert hasil[4][2] is True and len(hasil[4]) == 5  # "=1+1" has no cached value: None


def test_the_xlsx_reader_streams_rows(settings, tmp_path):
    """Reading 20,000 XLSX rows peaks no higher than 10,000 (openpyxl's own parser keeps an
    emptied element per row, ~80 bytes, until the end of the sheet)."""
    settings.SIAP_BATAS_UNGGAH_MB = 100

    def berkas(n):
        p = tmp_path / f"r{n}.xlsx"
        wb = Workbook()
        ws = wb.active
        ws.append(list(KOLOM_REALISASI))
        for i in range(n):
            ws.append([f"1.02.0.00.0.00.{i % 40:02d}.0000", f"1.02.02.2.01.{i // 12 % 500:04d}",
                       "DAU", "5.1.02", i % 12 + 1, i * 1000 + 7.25])
        wb.save(p)
        return p

    sedikit, banyak = berkas(10_000), berkas(20_000)
    a, n10 = _puncak(lambda: sum(1 for _ in baca(sedikit, KOLOM_REALISASI)))
    b, n20 = _puncak(lambda: sum(1 for _ in baca(banyak, KOLOM_REALISASI)))
    assert (n10, n20) == (10_000, 20_000)
    assert (b - a) / 10_000 < 30, (a, b)
