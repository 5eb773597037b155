"""A SIPD realisasi import's memory does not grow with the rows of the file: rows are added up
per (OPD, sub kegiatan, jenis belanja) as they are read; subtotal checks keep only the open
part of the code tree."""

import datetime

import pytest
from django.db import transaction

from budget import testing as t
from exchange.sipd.contoh_tulis import JUDUL_REALISASI
from exchange.sipd.realisasi import impor_sipd_realisasi

from .bantu import OPD, SUB

pytestmark = pytest.mark.django_db
BATAS = datetime.date(2025, 10, 31)


@pytest.fixture
def garis(db):
    """850 sub kegiatan × DAU/PAD of 5.1.02 (1,700 lines), pagu 12.000.000 each."""
    t.apbd_besar(OPD, SUB)
    return [f"1.02.02.2.01.{k:04d}" for k in range(1, 851)]


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


def _berkas(path, subs, n: int):
    """``n`` detail rows spread over the 850 groups, each a distinct sub rincian objek."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(f'"{j}"' for j in JUDUL_REALISASI) + "\n")
        for i in range(n):
            sub, k = subs[i % 850], i // 850 + 1
            f.write(f"{i + 1},2025,{OPD},Dinkes,{OPD},Dinkes,1.02,B,1.02.02,P,1.02.02.2.01,K,"
                    f"{sub},S,5.1.02.01.{k // 100 + 1:02d}.{k % 100 + 1:04d},R,,"
                    f"{1000 + i % 997}.{i % 100:02d},,,,,,\n")
    return path


def test_the_sipd_import_memory_does_not_grow_with_the_rows(settings, tmp_path, garis):
    settings.SIAP_BATAS_UNGGAH_MB = 100
    sepuluh = _berkas(tmp_path / "r10.csv", garis, 10_000)
    duapuluh = _berkas(tmp_path / "r20.csv", garis, 20_000)

    def impor(p, dry_run):
        with transaction.atomic():
            h = impor_sipd_realisasi(p, tanggal=BATAS, hari_ini=datetime.date(2025, 11, 5),
                                     dry_run=dry_run)
            transaction.set_rollback(True)
        return h.baris["dipakai"], h.ringkasan.hitungan["realisasi keuangan"]["dibuat"]

    for dry_run in (True, False):
        sedikit, hasil = _puncak(lambda: impor(sepuluh, dry_run))  # noqa: B023
        assert hasil == (10_000, 1700)
        banyak, hasil = _puncak(lambda: impor(duapuluh, dry_run))  # noqa: B023
        assert hasil == (20_000, 1700)
        per_baris = (banyak - sedikit) / 10_000
        assert per_baris < 100, (dry_run, per_baris, sedikit, banyak)
