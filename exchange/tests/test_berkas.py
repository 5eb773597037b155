"""A file that is not the expected table is refused as a whole, with its reason."""

import pytest

from exchange.impor_anggaran import impor_anggaran
from exchange.impor_realisasi import impor_realisasi
from exchange.umum import ImporGagal

from .bantu import KOLOM_ANGGARAN, KOLOM_REALISASI, MURNI, baris_anggaran, keadaan, tulis_csv, tulis_xlsx


def _galat(fn):
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        fn()
    assert keadaan() == sebelum
    return [str(g) for g in e.value.galat]


def _anggaran(path):
    return lambda: impor_anggaran(path, tahun=2025, jenis_versi="murni", berlaku=MURNI)


def test_a_wrong_header_names_the_unknown_and_the_missing_columns(apbd, tmp_path):
    judul = ["kode_opd", "nama_opd", "kode_sub", *KOLOM_ANGGARAN[3:]]
    p = tulis_csv(tmp_path / "a.csv", [baris_anggaran()], judul)
    assert _galat(_anggaran(p)) == [
        "Baris 1, kolom kode_sub, nilai 'kode_sub': judul kolom tidak dikenal; kolom yang "
        "diharapkan: " + ", ".join(KOLOM_ANGGARAN),
        "Baris 1, kolom kode_sub_kegiatan, nilai '': kolom wajib ini tidak ada di baris judul",
    ]


def test_a_missing_column_is_named(apbd, tmp_path):
    p = tulis_csv(tmp_path / "a.csv", [baris_anggaran()[:-1]], KOLOM_ANGGARAN[:-1])
    assert _galat(_anggaran(p)) == [
        "Baris 1, kolom ak_12, nilai '': kolom wajib ini tidak ada di baris judul",
    ]


def test_a_duplicate_column_is_refused(apbd, tmp_path):
    p = tulis_csv(tmp_path / "a.csv", [baris_anggaran() + ["1"]], [*KOLOM_ANGGARAN, "pagu"])
    assert _galat(_anggaran(p)) == [
        "Baris 1, kolom pagu, nilai 'pagu': kolom ini muncul lebih dari sekali di baris judul",
    ]


def test_an_empty_csv_is_refused(apbd, tmp_path):
    p = tmp_path / "a.csv"
    p.write_bytes(b"")
    assert _galat(_anggaran(p)) == [
        "Berkas: berkas kosong: tidak ada baris judul (" + ", ".join(KOLOM_ANGGARAN) + ")",
    ]


def test_a_header_without_rows_is_refused(apbd, tmp_path):
    p = tulis_csv(tmp_path / "a.csv", [], KOLOM_REALISASI)
    assert _galat(lambda: impor_realisasi(p, tahun=2025)) == [
        "Berkas: berkas kosong: tidak ada baris data di bawah baris judul",
    ]


def test_an_empty_xlsx_sheet_is_refused(apbd, tmp_path):
    from openpyxl import Workbook

    p = tmp_path / "a.xlsx"
    Workbook().save(p)
    assert _galat(_anggaran(p)) == [
        "Berkas: berkas kosong: tidak ada baris judul (" + ", ".join(KOLOM_ANGGARAN) + ")",
    ]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def test_a_png_renamed_xlsx_is_not_a_spreadsheet(apbd, tmp_path):
    p = tmp_path / "a.xlsx"
    p.write_bytes(PNG)
    assert _galat(_anggaran(p)) == [
        "Berkas: bukan lembar kerja XLSX (Excel); simpan berkas sebagai .xlsx atau .csv",
    ]


def test_a_png_renamed_csv_is_not_text(apbd, tmp_path):
    p = tmp_path / "a.csv"
    p.write_bytes(PNG)
    assert _galat(_anggaran(p)) == ["Berkas: bukan berkas CSV (teks); isinya biner"]


def test_a_csv_that_is_not_utf8_is_refused(apbd, tmp_path):
    p = tmp_path / "a.csv"
    p.write_bytes(",".join(KOLOM_ANGGARAN).encode() + b"\n1,Dinas Kesehatan Kab. Lampung\xe9")
    assert _galat(_anggaran(p)) == [
        "Berkas: bukan teks UTF-8 (baris 2); simpan ulang sebagai CSV UTF-8",
    ]


def test_a_truncated_xlsx_is_refused(apbd, tmp_path):
    p = tulis_xlsx(tmp_path / "a.xlsx", [baris_anggaran()], KOLOM_ANGGARAN)
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    assert _galat(_anggaran(p)) == [
        "Berkas: berkas XLSX rusak atau terpotong; simpan ulang dari Excel",
    ]


def test_an_unsupported_extension_is_refused(apbd, tmp_path):
    p = tulis_csv(tmp_path / "a.txt", [baris_anggaran()], KOLOM_ANGGARAN)
    assert _galat(_anggaran(p)) == [
        "Berkas: jenis berkas .txt tidak didukung; pakai .csv atau .xlsx",
    ]


def test_values_outside_the_headed_columns_are_refused_row_by_row(apbd, tmp_path):
    p = tulis_csv(tmp_path / "a.csv", [baris_anggaran(), baris_anggaran() + ["x"],
                                       baris_anggaran() + ["", "y"]], KOLOM_ANGGARAN)
    assert _galat(_anggaran(p)) == [
        "Baris 3: baris ini berisi nilai di luar kolom yang punya judul",
        "Baris 4: baris ini berisi nilai di luar kolom yang punya judul",
    ]


def test_a_wrong_xlsx_header_is_refused_like_a_csv_one(apbd, tmp_path):
    p = tulis_xlsx(tmp_path / "a.xlsx", [baris_anggaran()], [*KOLOM_ANGGARAN[:-1], "ak_13"])
    assert _galat(_anggaran(p)) == [
        "Baris 1, kolom ak_13, nilai 'ak_13': judul kolom tidak dikenal; kolom yang "
        "diharapkan: " + ", ".join(KOLOM_ANGGARAN),
        "Baris 1, kolom ak_12, nilai '': kolom wajib ini tidak ada di baris judul",
    ]
