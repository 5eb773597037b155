"""Benchmark: importing 25,000, 50,000 and 100,000-row realisasi files, XLSX and CSV.

    .venv/bin/python benchmarks/impor_besar.py [--baris 25000 50000 100000] [--skala 5]
        [--jenis realisasi sipd]

``--jenis sipd`` measures the SIPD "realisasi per rekening" import (``siap impor
sipd-realisasi``, header-set variant, cumulative to 30 November 2025) on files of the same row
counts: every (OPD, sub kegiatan, jenis belanja) of the version in force split into as many six-
level kode rekening rows as needed, pagu adding up to SIAP's, realisasi half of each row's pagu.

The script works in a temporary directory with its own SQLite database (``DATABASE_URL``,
``SIAP_DATA_DIR``; DEBUG off, so no query log grows); nothing of the project's database is
touched. A first subprocess migrates, loads the demo at ``--skala`` (5: 10,055 budget lines in
2025, enough for 100,000 (line, month) rows), deletes the demo's realisasi of 2025, and writes
for every row count a valid realisasi file as .xlsx (twice: with a ``<dimension>`` element as
Excel writes it, and without, as SIAP's own write-only exports) and .csv: rows line by line,
months 1–12, each amount a twelfth of the line's smallest pagu of the year rounded down to the
sen, so no cumulative sum ever exceeds the pagu in force. Then, for every (rows, format, mode)
it runs a fresh subprocess that imports the file once with ``dry_run=True`` or for real
(writing every row, with history), and reports wall
time, rows per second, the peak resident memory of that process (``ru_maxrss``) above the same
process's baseline after ``django.setup()``, and — from a second, identical run in the same
process under ``tracemalloc`` (slower, so not timed) — the peak of Python allocations during
the import above what was held before it. Flat columns across row counts show that memory does
not grow with the rows. The machine is shared: times are noisy.
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

    from budget.models import PaguAnggaran, RealisasiKeuangan, RincianAnggaran, VersiAnggaran
    from demo.load import muat_demo
    from exchange.ekspor import tulis
    from exchange.umum import KOLOM_REALISASI

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
        # SIAP writes XLSX in openpyxl's write-only mode, without the <dimension> element
        # that Excel and LibreOffice always write; keep that file, and give the main one a
        # dimension like a file saved by Excel.
        xlsx = tmp / f"realisasi_{n}.xlsx"
        xlsx.rename(tmp / f"realisasi_{n}_td.xlsx")
        _beri_dimensi(tmp / f"realisasi_{n}_td.xlsx", xlsx, f"A1:F{n + 1}")
    _tulis_sipd(tmp, jumlah)
    (tmp / "siap.json").write_text(json.dumps({"rincian": len(garis)}))


def _tulis_sipd(tmp: Path, jumlah: list[int]) -> None:
    import datetime
    from collections import defaultdict

    from budget.models import PaguAnggaran, VersiAnggaran
    from exchange.ekspor import tulis
    from exchange.sipd.bagi import bagi_sebanding
    from exchange.sipd.contoh_tulis import JUDUL_REALISASI
    from exchange.sipd.nilai_sipd import dari_sen, ke_sen

    versi = VersiAnggaran.berlaku_pada(TAHUN, datetime.date(TAHUN, 11, 30))
    grup: dict[tuple, int] = defaultdict(int)
    for k in PaguAnggaran.objects.filter(versi=versi).values_list(
            "rincian__opd__kode", "rincian__sub_kegiatan__kode", "rincian__jenis_belanja__kode",
            "pagu"):
        grup[k[:3]] += ke_sen(k[3])
    for n in jumlah:
        per_grup = -(-n // len(grup))

        def baris(n=n, per_grup=per_grup):
            no = 0
            for (opd, sub, jb), pagu in sorted(grup.items()):
                for j, p in enumerate(bagi_sebanding(pagu, [1] * per_grup), start=1):
                    no += 1
                    if no > n:
                        return
                    yield [no, TAHUN, opd, "SKPD", opd, "SKPD", "", "", "", "", "", "", sub,
                           "Sub", f"{jb}.{j // 100 + 1:02d}.{j % 100 + 1:02d}.0001", "Rek",
                           dari_sen(p), dari_sen(p // 2), "", "", "", "", "", ""]
        for akhiran in ("csv", "xlsx"):
            tulis(tmp / f"sipd_{n}.{akhiran}", JUDUL_REALISASI, baris())


def _beri_dimensi(asal: Path, tujuan: Path, ref: str) -> None:
    import zipfile

    with zipfile.ZipFile(asal) as za, zipfile.ZipFile(tujuan, "w", zipfile.ZIP_DEFLATED) as zb:
        for info in za.infolist():
            isi = za.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b"<dimension" not in isi and b"<sheetViews>" in isi
                isi = isi.replace(b"<sheetViews>", f'<dimension ref="{ref}" /><sheetViews>'.encode(), 1)
            zb.writestr(info, isi)


# --- subprocess 2: one import (dry run or real), untraced then traced ---------------------------


def _kosongkan() -> None:
    from django.db import connection

    from budget.models import RealisasiKeuangan

    with connection.cursor() as c:  # leave the table empty for the next run
        for m in (RealisasiKeuangan, RealisasiKeuangan.history.model):
            c.execute(f"DELETE FROM {m._meta.db_table}")


def _pengimpor(path: Path):
    """The import being measured, as ``f(dry_run) -> rows counted``."""
    import datetime

    from exchange.impor_realisasi import impor_realisasi
    from exchange.sipd.realisasi import impor_sipd_realisasi

    if path.name.startswith("sipd_"):
        def sipd(dry_run: bool) -> int:
            return impor_sipd_realisasi(path, tanggal=datetime.date(TAHUN, 11, 30),
                                        dry_run=dry_run, hari_ini=datetime.date(TAHUN, 12, 15)
                                        ).baris["dipakai"]
        return sipd

    def siap(dry_run: bool) -> int:
        r = impor_realisasi(path, tahun=TAHUN, dry_run=dry_run)
        return r.hitungan["realisasi keuangan"]["dibuat"]
    return siap


def ukur(path: Path, mode: str, hasil: Path) -> None:
    _django()
    import gc
    import tracemalloc

    from budget.models import RealisasiKeuangan, TahunAnggaran

    TahunAnggaran.objects.count()  # connection open, models loaded
    jalankan = _pengimpor(path)
    dry = mode == "dry_run"
    dasar = _rss_mb()
    out = {"berkas": path.name, "ukuran_mb": path.stat().st_size / 1024 / 1024,
           "rss_dasar_mb": dasar}
    t0 = time.perf_counter()
    out["dibuat"] = jalankan(dry)
    out["detik"] = time.perf_counter() - t0
    out["rss_puncak_mb"] = _rss_mb()
    out["tersimpan"] = RealisasiKeuangan.objects.filter(rincian__tahun__tahun=TAHUN).count()
    _kosongkan()
    gc.collect()
    tracemalloc.start()
    awal = tracemalloc.get_traced_memory()[0]
    jalankan(dry)
    out["tracemalloc_mb"] = (tracemalloc.get_traced_memory()[1] - awal) / 1024 / 1024
    tracemalloc.stop()
    _kosongkan()
    hasil.write_text(json.dumps(out))


# --- parent ------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baris", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    ap.add_argument("--skala", type=int, default=5)
    ap.add_argument("--jenis", nargs="+", choices=["realisasi", "sipd"],
                    default=["realisasi", "sipd"])
    ap.add_argument("--siapkan", nargs=1, help=argparse.SUPPRESS)
    ap.add_argument("--ukur", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.siapkan:
        return siapkan(Path(a.siapkan[0]), a.skala, a.baris)
    if a.ukur:
        return ukur(Path(a.ukur[0]), a.ukur[1], Path(a.ukur[2]))

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
        print("| berkas | baris | ukuran | mode | detik | baris/detik | RSS puncak | RSS di atas dasar "
              "| puncak tracemalloc |")
        print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
        berkas = [(n, j, f"{awal}_{n}{akhir}") for n in a.baris for awal, j, akhir in (
            ("realisasi", "xlsx", ".xlsx"), ("realisasi", "xlsx tanpa dimensi", "_td.xlsx"),
            ("realisasi", "csv", ".csv"), ("sipd", "SIPD xlsx", ".xlsx"),
            ("sipd", "SIPD csv", ".csv")) if awal in a.jenis]
        for n, jenis, nama in berkas:
            for mode in ("dry_run", "impor"):
                keluar = Path(tmp) / "hasil.json"
                subprocess.run([sys.executable, __file__, "--ukur", str(Path(tmp) / nama), mode,
                                str(keluar)], env=env, cwd=ROOT, check=True)
                h = json.loads(keluar.read_text())
                assert h["dibuat"] == n, h
                if not nama.startswith("sipd_"):
                    assert h["tersimpan"] == (0 if mode == "dry_run" else n), h
                print(f"| {jenis} | {n:,} | {h['ukuran_mb']:.1f} MB | {mode} | "
                      f"{h['detik']:.1f} | {n / h['detik']:,.0f} | "
                      f"{h['rss_puncak_mb']:.0f} MB | "
                      f"{h['rss_puncak_mb'] - h['rss_dasar_mb']:.0f} MB | "
                      f"{h['tracemalloc_mb']:.1f} MB |", flush=True)


if __name__ == "__main__":
    main()
