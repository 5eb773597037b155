"""Hostile import files (issue #13), each written in the test and small on disk, are refused with
a message naming the bound and its setting, within bounded memory and time, and nothing is
written."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from exchange.impor_realisasi import impor_realisasi
from exchange.umum import KOLOM_REALISASI, ImporGagal

from . import bermusuhan
from .bantu import OPD, SUB, keadaan, tulis_csv

pytestmark = pytest.mark.django_db

ISI = [OPD, SUB, "DAU", "5.1.02", 1, 100]
MB = 1024 * 1024


def _tolak(path, tahun=2025):
    sebelum = keadaan()
    hasil, detik, puncak = bermusuhan.ukur(lambda: impor_realisasi(path, tahun=tahun))
    assert isinstance(hasil, ImporGagal), hasil
    assert keadaan() == sebelum
    [galat] = hasil.galat
    return galat.alasan, detik, puncak


def test_twenty_million_blank_rows_are_refused_before_parsing(apbd, tmp_path):
    p = tmp_path / "kosong.xlsx"
    bermusuhan.impor(p, KOLOM_REALISASI, baris_kosong=20_000_000, isi=ISI)
    assert p.stat().st_size < 400 * 1024
    alasan, detik, puncak = _tolak(p)
    assert "melebihi batas 100 MB (SIAP_XLSX_BAGIAN_MB)" in alasan
    assert detik < 2 and puncak < 10 * MB


def test_blank_rows_under_the_size_bound_are_refused_by_the_ratio(apbd, tmp_path):
    p = tmp_path / "kosong.xlsx"
    bermusuhan.impor(p, KOLOM_REALISASI, baris_kosong=5_000_000, isi=ISI)  # 29 MB of XML
    alasan, detik, puncak = _tolak(p)
    assert "dimampatkan" in alasan and "melebihi batas 100:1 (SIAP_XLSX_RASIO)" in alasan
    assert detik < 2 and puncak < 10 * MB


def test_blank_rows_are_counted_while_streaming(apbd, tmp_path, settings):
    """Past the archive checks (the ratio bound raised), the parser still counts every
    ``<row/>``, blank ones included, and stops at the row bound."""
    settings.SIAP_XLSX_RASIO = 100_000
    p = tmp_path / "kosong.xlsx"
    bermusuhan.impor(p, KOLOM_REALISASI, baris_kosong=5_000_000, isi=ISI)
    alasan, detik, puncak = _tolak(p)
    assert alasan.startswith("lembar 'impor' berlanjut sampai baris 200.001: melebihi batas "
                             "200.000 baris (SIAP_IMPOR_BARIS)")
    assert detik < 10 and puncak < 10 * MB


def test_a_huge_shared_string_is_refused_by_its_declared_size(apbd, tmp_path):
    p = tmp_path / "teks.xlsx"
    bermusuhan.impor(p, KOLOM_REALISASI, teks_mb=200, isi=ISI)
    assert p.stat().st_size < 400 * 1024
    alasan, detik, puncak = _tolak(p)
    assert "sharedStrings.xml berukuran 190,7 MB setelah dibuka" in alasan
    assert detik < 2 and puncak < 10 * MB


def test_a_huge_shared_string_is_measured_as_it_streams(apbd, tmp_path, settings):
    settings.SIAP_XLSX_RASIO = 100_000
    settings.SIAP_XLSX_BAGIAN_MB = 1000
    p = tmp_path / "teks.xlsx"
    bermusuhan.impor(p, KOLOM_REALISASI, teks_mb=200, isi=ISI)
    alasan, detik, puncak = _tolak(p)
    assert alasan.startswith("teks bersama ke-1 (sharedStrings.xml) lebih dari 32.767 karakter: "
                             "melebihi batas 32.767 karakter (SIAP_IMPOR_SEL)")
    assert detik < 2 and puncak < 10 * MB


def test_a_part_larger_than_its_header_says_is_refused(apbd, tmp_path, settings):
    """The central directory claims 1 KB for a 60 MB sheet: the count of bytes really
    decompressed (or zipfile's own CRC check) stops it, not the header."""
    settings.SIAP_XLSX_RASIO = 100_000
    p = tmp_path / "bohong.xlsx"
    bermusuhan.impor(p, KOLOM_REALISASI, baris_kosong=10_000_000, isi=ISI)
    _ubah_ukuran(p, "xl/worksheets/sheet1.xml", 1024)
    with zipfile.ZipFile(p) as z:
        assert z.getinfo("xl/worksheets/sheet1.xml").file_size == 1024
    alasan, detik, puncak = _tolak(p)
    assert "rusak atau terpotong" in alasan or "lebih besar daripada yang tertulis" in alasan
    assert detik < 2 and puncak < 10 * MB


def _ubah_ukuran(path: Path, nama: str, ukuran: int) -> None:
    """Rewrite the uncompressed size of ``nama`` in the central directory (ZIP64 extra)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(nama)
    tanda = b"PK\x01\x02"
    i = data.find(tanda)
    while i >= 0:
        panjang_nama = int.from_bytes(data[i + 28:i + 30], "little")
        if data[i + 46:i + 46 + panjang_nama] == nama.encode():
            break
        i = data.find(tanda, i + 4)
    assert i >= 0
    extra = i + 46 + panjang_nama
    if int.from_bytes(data[i + 24:i + 28], "little") == 0xFFFFFFFF:
        assert data[extra:extra + 2] == b"\x01\x00"  # ZIP64: uncompressed size comes first
        data[extra + 4:extra + 12] = ukuran.to_bytes(8, "little")
    else:
        data[i + 24:i + 28] = ukuran.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert info.file_size != ukuran


def test_too_many_filled_rows_are_refused_and_nothing_is_written(apbd, tmp_path, settings):
    """Valid rows that would all be written: the bound stops the import, which is rolled back."""
    settings.SIAP_IMPOR_BARIS = 1_000
    p = tmp_path / "isi.xlsx"
    bermusuhan.impor(p, KOLOM_REALISASI, baris_isi=2_000, isi=[OPD, SUB, "DAU", "5.1.02", 2, 1])
    alasan, _, _ = _tolak(p)
    assert "berlanjut sampai baris 1.001: melebihi batas 1.000 baris (SIAP_IMPOR_BARIS)" in alasan


def test_a_csv_past_the_row_bound_is_refused(apbd, tmp_path, settings):
    settings.SIAP_IMPOR_BARIS = 500
    p = tulis_csv(tmp_path / "r.csv", [ISI] * 600, KOLOM_REALISASI)
    alasan, _, _ = _tolak(p)
    assert alasan.startswith("berkas CSV berlanjut sampai baris 501: melebihi batas 500 baris "
                             "(SIAP_IMPOR_BARIS)")


def test_a_csv_line_past_the_length_bound_is_refused_before_parsing(apbd, tmp_path):
    p = tmp_path / "panjang.csv"
    p.write_text(",".join(KOLOM_REALISASI) + "\n" + "A" * (2 * MB) + "\n", encoding="utf-8")
    alasan, detik, puncak = _tolak(p)
    assert alasan.startswith("baris 2 berkas CSV lebih panjang dari 256 KB: melebihi batas 256 "
                             "KB (SIAP_IMPOR_BARIS_KB)")
    assert puncak < 2 * MB


def test_a_csv_with_too_many_columns_or_too_long_a_cell_is_refused(apbd, tmp_path, settings):
    p = tulis_csv(tmp_path / "lebar.csv", [ISI + [""] * 200], KOLOM_REALISASI)
    assert "berisi 206 kolom: melebihi batas 100 kolom (SIAP_IMPOR_KOLOM)" in _tolak(p)[0]
    settings.SIAP_IMPOR_SEL = 1000
    p = tulis_csv(tmp_path / "sel.csv", [[OPD, "x" * 1001, "DAU", "5.1.02", 1, 1]],
                  KOLOM_REALISASI)
    assert "melebihi batas 1.000 karakter (SIAP_IMPOR_SEL)" in _tolak(p)[0]


def test_the_reader_in_a_fresh_process_stays_small(tmp_path):
    """RSS, not only Python allocations: zlib and expat buffers included. Each hostile file is
    read in a fresh interpreter; its peak RSS may not exceed the same interpreter's after
    loading SIAP by more than 60 MB."""
    kosong, teks = tmp_path / "kosong.xlsx", tmp_path / "teks.xlsx"
    bermusuhan.impor(kosong, KOLOM_REALISASI, baris_kosong=5_000_000, isi=ISI)
    bermusuhan.impor(teks, KOLOM_REALISASI, teks_mb=200, isi=ISI)
    kode = """
import json, resource, sys, time
import django
django.setup()
from django.conf import settings
from exchange.baca import BerkasTidakValid, baca
from exchange.umum import KOLOM_REALISASI
settings.SIAP_XLSX_RASIO = 100_000  # let the parser meet the streams, not the archive check
settings.SIAP_XLSX_BAGIAN_MB = 1000
awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
hasil = {}
for p in sys.argv[1:]:
    t = time.monotonic()
    try:
        sum(1 for _ in baca(p, KOLOM_REALISASI))
        alasan = None
    except BerkasTidakValid as exc:
        alasan = str(exc)
    hasil[p] = [alasan, time.monotonic() - t]
hasil["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - awal
print(json.dumps(hasil))
"""
    keluar = subprocess.run(
        [sys.executable, "-c", kode, str(kosong), str(teks)], capture_output=True, text=True,
        timeout=120, env={"DJANGO_SETTINGS_MODULE": "siap.settings_test", "PATH": "/usr/bin",
                          "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        cwd=Path(__file__).resolve().parents[2])
    assert keluar.returncode == 0, keluar.stderr
    hasil = json.loads(keluar.stdout.strip().splitlines()[-1])
    assert "SIAP_IMPOR_BARIS" in hasil[str(kosong)][0]
    assert "SIAP_IMPOR_SEL" in hasil[str(teks)][0]
    assert hasil[str(kosong)][1] < 10 and hasil[str(teks)][1] < 10
    assert hasil["rss_kb"] < 60 * 1024, hasil
