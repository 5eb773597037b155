"""Export writes the import formats: import → export → import is a fixed point."""

import csv
import datetime
from decimal import Decimal

from openpyxl import load_workbook

from exchange.ekspor import ekspor_anggaran, ekspor_fisik, ekspor_realisasi
from exchange.impor_anggaran import impor_anggaran
from exchange.impor_realisasi import impor_fisik, impor_realisasi

from .bantu import (
    KOLOM_ANGGARAN,
    KOLOM_FISIK,
    KOLOM_REALISASI,
    keadaan,
    tulis_csv,
    tulis_xlsx,
)

OPD_A, OPD_B = "1.02.0.00.0.00.01.0000", "1.03.0.00.0.00.01.0000"
SUB_A, SUB_B = "1.02.02.2.01.0001", "1.03.10.2.01.0005"
ANGGARAN = [
    [OPD_A, "Dinas Kesehatan", SUB_A, "Pelayanan Kesehatan", "DAU", "5.1.02", "1200.00",
     *["100.00"] * 12],
    [OPD_A, "Dinas Kesehatan", SUB_A, "Pelayanan Kesehatan", "PAD", "5.2.02",
     "1094182195169.02", *["0.00"] * 11, "1094182195169.02"],
    [OPD_B, "Dinas PUPR", SUB_B, "Rehabilitasi Jalan", "DAK Fisik", "5.2.04", "999.99",
     "0.01", *["0.00"] * 10, "999.98"],
]
REALISASI = [
    [OPD_A, SUB_A, "DAU", "5.1.02", "1", "100.00"],
    [OPD_A, SUB_A, "DAU", "5.1.02", "2", "0.00"],
    [OPD_A, SUB_A, "PAD", "5.2.02", "11", "839535848290.34"],
    [OPD_B, SUB_B, "DAK Fisik", "5.2.04", "3", "0.01"],
]
FISIK = [
    [OPD_A, SUB_A, "1", "12.50"],
    [OPD_A, SUB_A, "2", "100.00"],
    [OPD_B, SUB_B, "3", "0.00"],
]
MURNI = {"tahun": 2025, "jenis_versi": "murni", "berlaku": datetime.date(2025, 1, 1),
         "buat_master": True}


def _baca_csv(p):
    with open(p, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _impor_semua(tmp_path, akhiran, tulis):
    if akhiran == ".csv":
        berkas = [tulis(tmp_path / f"{n}.csv", rows, kol) for n, rows, kol in (
            ("anggaran", ANGGARAN, KOLOM_ANGGARAN), ("realisasi", REALISASI, KOLOM_REALISASI),
            ("fisik", FISIK, KOLOM_FISIK))]
    else:
        def angka(rows, dari):  # numeric cells, as Excel would hold them
            return [[*r[:dari], *(float(x) if "." in x else int(x) for x in r[dari:])]
                    for r in rows]
        berkas = [tulis(tmp_path / f"{n}.xlsx", rows, kol) for n, rows, kol in (
            ("anggaran", angka(ANGGARAN, 6), KOLOM_ANGGARAN),
            ("realisasi", angka(REALISASI, 4), KOLOM_REALISASI),
            ("fisik", angka(FISIK, 2), KOLOM_FISIK))]
    impor_anggaran(berkas[0], **MURNI)
    impor_realisasi(berkas[1], tahun=2025)
    impor_fisik(berkas[2], tahun=2025)
    return berkas


def _ekspor_semua(tmp_path, akhiran):
    keluar = [tmp_path / f"keluar_{n}{akhiran}" for n in ("anggaran", "realisasi", "fisik")]
    ekspor_anggaran(keluar[0], tahun=2025)
    ekspor_realisasi(keluar[1], tahun=2025)
    ekspor_fisik(keluar[2], tahun=2025)
    return keluar


def test_csv_export_equals_the_imported_file_and_reimport_changes_nothing(db, tmp_path):
    masuk = _impor_semua(tmp_path, ".csv", tulis_csv)
    keluar = _ekspor_semua(tmp_path, ".csv")
    for a, b in zip(masuk, keluar, strict=True):
        assert b.read_bytes() == a.read_bytes()
    sebelum = keadaan()
    assert not impor_anggaran(keluar[0], **MURNI).ada_perubahan
    assert not impor_realisasi(keluar[1], tahun=2025).ada_perubahan
    assert not impor_fisik(keluar[2], tahun=2025).ada_perubahan
    assert keadaan() == sebelum


def test_xlsx_round_trip_is_a_fixed_point_with_numeric_cells(db, tmp_path):
    masuk = _impor_semua(tmp_path, ".xlsx", tulis_xlsx)
    keluar = _ekspor_semua(tmp_path, ".xlsx")
    for a, b in zip(masuk, keluar, strict=True):
        rows_a = list(load_workbook(a, read_only=True).active.iter_rows(values_only=True))
        rows_b = list(load_workbook(b, read_only=True).active.iter_rows(values_only=True))
        assert rows_b == rows_a
    ws = load_workbook(keluar[0]).active
    assert ws.freeze_panes == "A2"
    pagu = ws["G3"]
    assert (pagu.data_type, pagu.value, pagu.number_format) == ("n", 1094182195169.02, "#,##0.00")
    sebelum = keadaan()
    assert not impor_anggaran(keluar[0], **MURNI).ada_perubahan
    assert not impor_realisasi(keluar[1], tahun=2025).ada_perubahan
    assert not impor_fisik(keluar[2], tahun=2025).ada_perubahan
    assert keadaan() == sebelum


def test_export_limits_months_and_picks_the_version_in_force(db, tmp_path):
    _impor_semua(tmp_path, ".csv", tulis_csv)
    geser = [[*ANGGARAN[0][:6], "600.00", *["50.00"] * 12]]
    impor_anggaran(tulis_csv(tmp_path / "geser.csv", geser, KOLOM_ANGGARAN), tahun=2025,
                   jenis_versi="pergeseran", berlaku=datetime.date(2025, 7, 1))
    ekspor_anggaran(tmp_path / "a.csv", tahun=2025)
    assert _baca_csv(tmp_path / "a.csv")[1:] == geser
    ekspor_anggaran(tmp_path / "b.csv", tahun=2025, berlaku=datetime.date(2025, 6, 30))
    assert _baca_csv(tmp_path / "b.csv")[1:] == ANGGARAN
    ekspor_realisasi(tmp_path / "r.csv", tahun=2025, dari=2, sampai=3)
    assert _baca_csv(tmp_path / "r.csv")[1:] == [REALISASI[1], REALISASI[3]]


def test_formula_like_text_is_neutralised_in_exports(db, tmp_path):
    jahat = '=HYPERLINK("http://contoh.invalid","klik")'
    baris = [[OPD_A, jahat, SUB_A, "@SUM(A1)", "DAU", "5.1.02", "12.00", *["1.00"] * 12]]
    impor_anggaran(tulis_csv(tmp_path / "a.csv", baris, KOLOM_ANGGARAN), **MURNI)
    ekspor_anggaran(tmp_path / "k.csv", tahun=2025)
    isi = _baca_csv(tmp_path / "k.csv")[1]
    assert (isi[1], isi[3]) == ("'" + jahat, "'@SUM(A1)")
    ekspor_anggaran(tmp_path / "k.xlsx", tahun=2025)
    ws = load_workbook(tmp_path / "k.xlsx").active
    assert (ws["B2"].data_type, ws["B2"].value) == ("s", "'" + jahat)
    assert ws["D2"].value == "'@SUM(A1)"
    # The exported file imports again without change (existing masters keep their names).
    assert not impor_anggaran(tmp_path / "k.csv", **MURNI).ada_perubahan


def test_amounts_are_exported_exactly(db, tmp_path):
    _impor_semua(tmp_path, ".csv", tulis_csv)
    ekspor_realisasi(tmp_path / "r.xlsx", tahun=2025)
    ws = load_workbook(tmp_path / "r.xlsx", read_only=True).active
    assert Decimal(repr(list(ws.iter_rows(values_only=True))[3][5])) == Decimal("839535848290.34")
