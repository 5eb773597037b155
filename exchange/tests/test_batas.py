"""SIAP_BATAS_UNGGAH_MB: a file above the limit is refused, with its size, before parsing."""

import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from exchange.baca import BerkasTidakValid, baca, periksa_ukuran
from exchange.impor_realisasi import impor_realisasi
from exchange.umum import KOLOM_REALISASI, ImporGagal

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
    assert sum(1 for _ in baca(p, KOLOM_REALISASI)) > 10_000


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


def _realisasi_csv(path, n: int):
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(KOLOM_REALISASI) + "\n")
        for i in range(n):
            f.write(f"1.02.0.00.0.00.{i % 40:02d}.0000,1.02.02.2.01.{i // 12 % 500:04d},DAU,"
                    f"5.1.02,{i % 12 + 1},{i * 1000 + 7}.25\n")
    return path


def _puncak(fungsi) -> tuple[int, object]:
    """Peak memory traced while ``fungsi()`` runs, above what was held when it started."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        dasar = tracemalloc.get_traced_memory()[0]
        hasil = fungsi()
        return tracemalloc.get_traced_memory()[1] - dasar, hasil
    finally:
        tracemalloc.stop()


def test_the_reader_streams_rows(settings, tmp_path):
    """The reader yields rows one at a time: reading 20,000 rows peaks no higher than reading
    10,000 (a list of rows cost ~0.3 KB per row). Measured as the cost of 10,000 more rows, so
    what the rest of the process holds does not count."""
    settings.SIAP_BATAS_UNGGAH_MB = 100

    def hitung(p):
        n, b13 = 0, None
        for b in baca(p, KOLOM_REALISASI):
            n += 1
            if n == 14:
                b13 = (b.nomor, dict(b.nilai))
        return n, b13

    sedikit, _ = _puncak(lambda: hitung(_realisasi_csv(tmp_path / "r10.csv", 10_000)))
    banyak, (n, b13) = _puncak(lambda: hitung(_realisasi_csv(tmp_path / "r20.csv", 20_000)))
    assert n == 20_000
    per_baris = (banyak - sedikit) / 10_000
    assert per_baris < 30, per_baris
    assert b13 == (15, {"kode_opd": "1.02.0.00.0.00.13.0000",
                        "kode_sub_kegiatan": "1.02.02.2.01.0001", "kode_sumber_dana": "DAU",
                        "kode_jenis_belanja": "5.1.02", "bulan": "2", "realisasi": "13007.25"})


@pytest.fixture
def apbd_besar(db):
    """1,700 budget lines of 2025 (850 sub kegiatan × DAU/PAD), each with a pagu of 12,000,000:
    room for 20,400 (line, month) realisasi rows."""
    from budget import testing as t

    garis = t.apbd_besar(OPD, SUB)
    assert len(garis) == 1700
    return garis


def _berkas_valid(path, garis, n: int):
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(KOLOM_REALISASI) + "\n")
        for i in range(n):
            sub, sd = garis[i // 12]
            f.write(f"{OPD},{sub},{sd},5.1.02,{i % 12 + 1},{1000 + i % 997}.{i % 100:02d}\n")
    return path


def test_the_import_memory_does_not_grow_with_the_rows(settings, tmp_path, apbd_besar):
    """Importing 20,000 realisasi rows peaks barely above importing 10,000: rows are checked
    and written in batches as they are read, only a fixed table per line × month is kept.
    (The list-based import held every row until the end: ~1.1 KB per row in a dry run,
    ~1.8 KB in an import.) Each run is rolled back, so both start from the same database."""
    from django.db import transaction

    from budget.models import RealisasiKeuangan

    settings.SIAP_BATAS_UNGGAH_MB = 100
    sepuluh = _berkas_valid(tmp_path / "r10.csv", apbd_besar, 10_000)
    duapuluh = _berkas_valid(tmp_path / "r20.csv", apbd_besar, 20_000)

    def impor(p, dry_run):
        with transaction.atomic():
            r = impor_realisasi(p, tahun=2025, dry_run=dry_run)
            n = RealisasiKeuangan.objects.count()
            transaction.set_rollback(True)
        return r.hitungan["realisasi keuangan"]["dibuat"], n

    for dry_run in (True, False):
        sedikit, hasil = _puncak(lambda: impor(sepuluh, dry_run))  # noqa: B023
        assert hasil == (10_000, 0 if dry_run else 10_000)
        banyak, hasil = _puncak(lambda: impor(duapuluh, dry_run))  # noqa: B023
        assert hasil == (20_000, 0 if dry_run else 20_000)
        per_baris = (banyak - sedikit) / 10_000
        assert per_baris < 200, (dry_run, per_baris, sedikit, banyak)
