"""Benchmark: importing a 50,000-row (and a 25,000-row) realisasi file, XLSX and CSV.

    .venv/bin/python benchmarks/impor_besar.py [--baris 25000 50000] [--skala 3]

The script works in a temporary directory with its own SQLite database (``DATABASE_URL``,
``SIAP_DATA_DIR``; DEBUG off, so no query log grows); nothing of the project's database is
touched. A first subprocess migrates,
loads the demo at ``--skala`` (3: about 5,800 budget lines in 2025, enough for 50,000 (line,
month) rows), deletes the demo's realisasi of 2025, and writes for every row count a valid
realisasi file as .xlsx and .csv: rows line by line, months 1–12, each amount a twelfth of the
line's smallest pagu of the year rounded down to the sen, so no cumulative sum ever exceeds the
pagu in force. Then, for every (rows, format) it runs a fresh subprocess that imports the file
with ``dry_run=True`` and then for real (writing every row, with history), and reports wall
time, rows per second, and the peak resident memory of that process (``ru_maxrss``) above the
same process's baseline after ``django.setup()``. The machine is shared: times are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAHUN = 2025


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "siap.settings")
    import django

    django.setup()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- subprocess 1: database and files -------------------------------------------------------


def siapkan(tmp: Path, skala: int, jumlah: list[int]) -> None:
    _django()
    from decimal import ROUND_DOWN, Decimal

    from django.core.management import call_command
    from django.db import connection

    from budget.demo import muat_demo
    from budget.models import PaguAnggaran, RealisasiKeuangan, RincianAnggaran, VersiAnggaran
    from exchange.ekspor import tulis
    from exchange.impor import KOLOM_REALISASI

    call_command("migrate", verbosity=0)
    muat_demo(skala=skala)
    with connection.cursor() as c:
        for m in (RealisasiKeuangan, RealisasiKeuangan.history.model):
            c.execute(f"DELETE FROM {m._meta.db_table}")
    versi = list(VersiAnggaran.objects.filter(tahun__tahun=TAHUN).values_list("pk", flat=True))
    pagu: dict[int, dict[int, Decimal]] = {}
    for v, r, p in PaguAnggaran.objects.filter(versi__in=versi).values_list(
            "versi_id", "rincian_id", "pagu"):
        pagu.setdefault(r, {})[v] = p
    garis = []
    for r in RincianAnggaran.objects.filter(tahun__tahun=TAHUN).order_by("pk").values_list(
            "pk", "opd__kode", "sub_kegiatan__kode", "sumber_dana__kode", "jenis_belanja__kode"):
        terkecil = min(pagu.get(r[0], {}).get(v, Decimal(0)) for v in versi)
        garis.append((*r[1:], (terkecil / 12).quantize(Decimal("0.01"), rounding=ROUND_DOWN)))
    baris = [[*g[:4], bulan, g[4]] for g in garis for bulan in range(1, 13)]
    if len(baris) < max(jumlah):
        sys.exit(f"skala {skala} memberi {len(baris)} baris; perlu {max(jumlah)}: naikkan --skala")
    for n in jumlah:
        for akhiran in ("xlsx", "csv"):
            tulis(tmp / f"realisasi_{n}.{akhiran}", KOLOM_REALISASI, baris[:n])
    (tmp / "siap.json").write_text(json.dumps({"rincian": len(garis)}))


# --- subprocess 2: one import, dry run then real ---------------------------------------------


def ukur(path: Path, hasil: Path) -> None:
    _django()
    from django.db import connection

    from budget.models import RealisasiKeuangan, TahunAnggaran
    from exchange.impor import impor_realisasi

    TahunAnggaran.objects.count()  # connection open, models loaded
    dasar = _rss_mb()
    out = {"berkas": path.name, "ukuran_mb": path.stat().st_size / 1024 / 1024,
           "rss_dasar_mb": dasar}
    for mode, dry in (("dry_run", True), ("impor", False)):
        t0 = time.perf_counter()
        r = impor_realisasi(path, tahun=TAHUN, dry_run=dry)
        detik = time.perf_counter() - t0
        dibuat = r.hitungan["realisasi keuangan"]["dibuat"]
        out[mode] = {"detik": detik, "dibuat": dibuat, "rss_puncak_mb": _rss_mb()}
    out["tersimpan"] = RealisasiKeuangan.objects.filter(rincian__tahun__tahun=TAHUN).count()
    with connection.cursor() as c:  # leave the table empty for the next run
        for m in (RealisasiKeuangan, RealisasiKeuangan.history.model):
            c.execute(f"DELETE FROM {m._meta.db_table}")
    hasil.write_text(json.dumps(out))


# --- parent ------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baris", type=int, nargs="+", default=[25_000, 50_000])
    ap.add_argument("--skala", type=int, default=3)
    ap.add_argument("--siapkan", nargs=1, help=argparse.SUPPRESS)
    ap.add_argument("--ukur", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.siapkan:
        return siapkan(Path(a.siapkan[0]), a.skala, a.baris)
    if a.ukur:
        return ukur(Path(a.ukur[0]), Path(a.ukur[1]))

    with tempfile.TemporaryDirectory(prefix="siap-impor-besar-") as tmp:
        env = dict(os.environ, SIAP_DATA_DIR=tmp, DATABASE_URL=f"sqlite:///{tmp}/siap.sqlite3",
                   SIAP_BATAS_UNGGAH_MB="1024", DEBUG="0",
                   SECRET_KEY="benchmark-only-" + os.urandom(16).hex(), ALLOWED_HOSTS="localhost",
                   DJANGO_SETTINGS_MODULE="siap.settings")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--siapkan", tmp, "--skala", str(a.skala),
                        "--baris", *map(str, a.baris)], env=env, cwd=ROOT, check=True)
        rincian = json.loads((Path(tmp) / "siap.json").read_text())["rincian"]
        print(f"Demo skala {a.skala}: {rincian} rincian anggaran {TAHUN}; basis data dan berkas "
              f"disiapkan dalam {time.perf_counter() - t0:.0f} s.")
        print(f"Mesin: {platform.machine()}, {os.cpu_count()} core, Python "
              f"{platform.python_version()}, SQLite, {platform.platform()}")
        print()
        print("| berkas | baris | ukuran | mode | detik | baris/detik | RSS puncak | di atas dasar |")
        print("|---|---:|---:|---|---:|---:|---:|---:|")
        for n in a.baris:
            for akhiran in ("xlsx", "csv"):
                keluar = Path(tmp) / "hasil.json"
                subprocess.run([sys.executable, __file__, "--ukur",
                                str(Path(tmp) / f"realisasi_{n}.{akhiran}"), str(keluar)],
                               env=env, cwd=ROOT, check=True)
                h = json.loads(keluar.read_text())
                assert h["impor"]["dibuat"] == n == h["tersimpan"], h
                for mode in ("dry_run", "impor"):
                    m = h[mode]
                    print(f"| {akhiran} | {n:,} | {h['ukuran_mb']:.1f} MB | {mode} | "
                          f"{m['detik']:.1f} | {n / m['detik']:,.0f} | "
                          f"{m['rss_puncak_mb']:.0f} MB | "
                          f"{m['rss_puncak_mb'] - h['rss_dasar_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
