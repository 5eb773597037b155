"""SIAP_BATAS_UNGGAH_MB: a file above the limit is refused, with its size, before parsing."""

import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from exchange.baca import BerkasTidakValid, baca, periksa_ukuran
from exchange.impor import KOLOM_REALISASI, ImporGagal, impor_realisasi

from .bantu import OPD, SUB, keadaan

pytestmark = pytest.mark.django_db


def _csv_sebesar(path, byte: int):
    baris = f"{OPD},{SUB},DAU,5.1.02,1,100.00\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(KOLOM_REALISASI) + "\n")
        f.write(baris * (byte // len(baris) + 1))
    return path


def test_the_default_limit_is_20_mb(settings):
    if "SIAP_BATAS_UNGGAH_MB" not in os.environ:
        from django.conf import settings as s

        assert s.SIAP_BATAS_UNGGAH_MB == 20


def test_a_file_above_the_limit_is_refused_with_its_size(settings, tmp_path, apbd):
    settings.SIAP_BATAS_UNGGAH_MB = 1
    p = _csv_sebesar(tmp_path / "besar.csv", 1536 * 1024)
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        impor_realisasi(p, tahun=2025)
    [g] = e.value.galat
    assert g.alasan == ("Berkas besar.csv berukuran 1,5 MB, melebihi batas 1 MB "
                        "(SIAP_BATAS_UNGGAH_MB).")
    assert keadaan() == sebelum


def test_a_file_just_under_the_limit_is_read(settings, tmp_path, apbd):
    settings.SIAP_BATAS_UNGGAH_MB = 1
    p = _csv_sebesar(tmp_path / "kecil.csv", 900 * 1024)
    assert os.path.getsize(p) < 1024 * 1024
    with pytest.raises(ImporGagal) as e:  # read and checked: the rows repeat one another
        impor_realisasi(p, tahun=2025)
    assert "sudah ada di baris 2" in e.value.galat[0].alasan
    settings.SIAP_BATAS_UNGGAH_MB = 20
    assert len(baca(p, KOLOM_REALISASI)) > 10_000


def test_the_size_is_checked_before_the_xlsx_is_parsed(settings, tmp_path):
    settings.SIAP_BATAS_UNGGAH_MB = 1
    p = tmp_path / "rusak.xlsx"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * (2 * 1024 * 1024))  # would be "rusak" if parsed
    with pytest.raises(BerkasTidakValid, match="berukuran 2,0 MB, melebihi batas 1 MB"):
        baca(p, KOLOM_REALISASI)
    settings.SIAP_BATAS_UNGGAH_MB = 3
    with pytest.raises(BerkasTidakValid, match="rusak atau terpotong"):
        baca(p, KOLOM_REALISASI)


def test_periksa_ukuran_for_the_upload_page(settings):
    settings.SIAP_BATAS_UNGGAH_MB = 5
    periksa_ukuran("a.xlsx", 5 * 1024 * 1024)  # exactly the limit is allowed
    with pytest.raises(BerkasTidakValid, match=r"Berkas a.xlsx berukuran 5,0 MB, melebihi batas 5 MB"):
        periksa_ukuran("a.xlsx", 5 * 1024 * 1024 + 1)


def test_the_command_prints_the_reason(settings, tmp_path, apbd, monkeypatch):
    settings.SIAP_BATAS_UNGGAH_MB = 1
    p = _csv_sebesar(tmp_path / "besar.csv", 2 * 1024 * 1024)
    import io

    err = io.StringIO()
    with pytest.raises(CommandError, match="1 galat"):
        call_command("impor", "realisasi", str(p), "--tahun", "2025", stderr=err)
    assert "melebihi batas 1 MB (SIAP_BATAS_UNGGAH_MB)" in err.getvalue()


def test_the_reader_keeps_rows_compactly(settings, tmp_path):
    """~0.3 KB per row held (a dict per row was ~0.65 KB): codes repeated on every row of a
    line are stored once, the cells of a row are one tuple. Measured as the cost of 10,000
    more rows, so what the rest of the process holds does not count."""
    import gc
    import tracemalloc

    settings.SIAP_BATAS_UNGGAH_MB = 100

    def berkas(n):
        p = tmp_path / f"r{n}.csv"
        with open(p, "w", encoding="utf-8") as f:
            f.write(",".join(KOLOM_REALISASI) + "\n")
            for i in range(n):
                f.write(f"1.02.0.00.0.00.{i % 40:02d}.0000,1.02.02.2.01.{i // 12 % 500:04d},DAU,"
                        f"5.1.02,{i % 12 + 1},{i * 1000 + 7}.25\n")
        return p

    def dipakai(p):
        gc.collect()
        tracemalloc.start()
        try:
            hasil = baca(p, KOLOM_REALISASI)
            return tracemalloc.get_traced_memory()[0], hasil
        finally:
            tracemalloc.stop()

    sedikit, _ = dipakai(berkas(10_000))
    banyak, rows = dipakai(berkas(20_000))
    assert len(rows) == 20_000
    per_baris = (banyak - sedikit) / 10_000
    assert per_baris < 450, per_baris
    b = rows[13]
    assert b.nomor == 15 and b.nilai["bulan"] == "2" and b.nilai.get("realisasi") == "13007.25"
    assert dict(b.nilai) == {"kode_opd": "1.02.0.00.0.00.13.0000",
                             "kode_sub_kegiatan": "1.02.02.2.01.0001", "kode_sumber_dana": "DAU",
                             "kode_jenis_belanja": "5.1.02", "bulan": "2", "realisasi": "13007.25"}
    assert rows[0].nilai["kode_sumber_dana"] is rows[1].nilai["kode_sumber_dana"]
