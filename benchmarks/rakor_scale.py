"""Benchmark: the Rakor figures at 1x, 10x and 100x a kabupaten, beside DuckDB.

    .venv/bin/python benchmarks/rakor_scale.py [--skala 1 10 100] [--db sqlite postgres]
                                               [--ulang 5]

For each (database, scale) the script runs itself in a subprocess (``--satu``) with its own
``DATABASE_URL`` and ``SIAP_DATA_DIR``: a fresh SQLite file in a temporary directory, or a
PostgreSQL database it creates and drops (``postgres://postgres@127.0.0.1:5432``, trust auth).
The subprocess migrates, loads the demo with ``muat_demo(skala=N)``, and times (median of
``--ulang`` runs after one warm-up) and counts the SQL queries of:

  figures    ``evaluation.queries.hitung_rekap(2025, 11)`` — pemda, every OPD, sumber dana,
             jenis belanja and the sebaran of sub kegiatan;
  figures+sub  the same, reading ``rekap.sub_kegiatan`` (the sub kegiatan figures are
             built when first read);
  duckdb     the same group sums by DuckDB over the same rows exported into DuckDB tables
             (export not timed);
  dashboard  ``/?tahun=2025&bulan=11`` through Django's test client as the demo pimpinan;
  simpan     ``reporting.services.simpan`` of one monthly report of (up to) 300 lines.

``--db-ada URL --skala N`` measures an already loaded database instead (e.g. a 100x demo
loaded once with ``muat_demo(skala=100)``, which takes many minutes): no migrate, no load, and
the database is not dropped — but ``simpan`` adds lines to it, and reopens (status back to
draft, through ``update()``, with no entry in the report's history) the report it saves when
it is submitted or verified, as in a database loaded by ``siap demo-data``. Use it only on a
database made for the benchmark.

The machine is shared: the numbers are medians, and noisy.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = "postgres://postgres@127.0.0.1:5432"
TAHUN, BULAN = 2025, 11
BARIS_LAPORAN = 300


# --- parent: one subprocess per (db, skala), then the table --------------------------------


def _psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql], check=True,
                   capture_output=True)


def jalankan(db: str, skala: int, ulang: int, ada: str | None = None) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="siap-bench-") as tmp:
        env = dict(os.environ, SIAP_DATA_DIR=tmp, DEBUG="1", ALLOWED_HOSTS="testserver",
                   DJANGO_SETTINGS_MODULE="siap.settings")
        nama_pg = f"siap_bench_{skala}_{os.getpid()}"
        if ada:
            env["DATABASE_URL"], env["SIAP_BENCH_ADA"] = ada, "1"
            db = "postgres" if ada.startswith("postgres") else "sqlite"
        elif db == "postgres":
            _psql(f"DROP DATABASE IF EXISTS {nama_pg}")
            _psql(f"CREATE DATABASE {nama_pg}")
            env["DATABASE_URL"] = f"{PG}/{nama_pg}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{tmp}/siap.sqlite3"
        keluar = Path(tmp) / "hasil.json"
        try:
            subprocess.run(
                [sys.executable, __file__, "--satu", db, str(skala), str(ulang), str(keluar)],
                env=env, cwd=ROOT, check=True,
            )
            return json.loads(keluar.read_text())
        finally:
            if db == "postgres" and not ada:
                _psql(f"DROP DATABASE IF EXISTS {nama_pg}")


def cetak(hasil: list[dict]) -> None:
    duck = {(h["db"], h["skala"]): h["ms"] for h in hasil if h["operasi"] == "duckdb"}
    kepala = f"| {'operation':<12} | {'scale':>5} | {'db':<8} | {'median ms':>10} | " \
             f"{'x DuckDB':>8} | {'SQL queries':>11} |"
    print(kepala)
    print("|" + "|".join("-" * (len(k)) for k in kepala.split("|")[1:-1]) + "|")
    for h in hasil:
        d = duck.get((h["db"], h["skala"]))
        rasio = f"{h['ms'] / d:.1f}" if d and h["operasi"].startswith("figures") else ""
        q = "" if h["query"] is None else str(h["query"])
        print(f"| {h['operasi']:<12} | {h['skala']:>5} | {h['db']:<8} | {h['ms']:>10.1f} | "
              f"{rasio:>8} | {q:>11} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--skala", type=int, nargs="+", default=[1, 10, 100])
    p.add_argument("--db", nargs="+", choices=["sqlite", "postgres"],
                   default=["sqlite", "postgres"])
    p.add_argument("--ulang", type=int, default=5)
    p.add_argument("--json", help="also write the results to this file")
    p.add_argument("--db-ada", help="DATABASE_URL of a database already loaded at --skala")
    p.add_argument("--satu", nargs=4, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.satu:
        db, skala, ulang, keluar = a.satu
        anak(db, int(skala), int(ulang), Path(keluar))
        return
    hasil = []
    if a.db_ada:
        hasil = jalankan("", a.skala[0], a.ulang, ada=a.db_ada)
        a.skala = []
    for skala in a.skala:
        for db in a.db:
            hasil += jalankan(db, skala, a.ulang)
            if a.json:
                Path(a.json).write_text(json.dumps(hasil, indent=1))
    cetak(hasil)


# --- child: one database, one scale ---------------------------------------------------------


def _ukur(fungsi, ulang: int) -> tuple[float, int]:
    """Median milliseconds of ``ulang`` runs after one warm-up, and the SQL query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fungsi()
    connection.queries_log.clear()  # DEBUG keeps at most 9,000: a full log counts nothing
    with CaptureQueriesContext(connection) as q:
        fungsi()
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        fungsi()
        waktu.append((time.perf_counter() - mulai) * 1000)
    return statistics.median(waktu), len(q.captured_queries)


def anak(db: str, skala: int, ulang: int, keluar: Path) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # As Django's own TestCase does: keep one connection across test-client requests, so
    # that the queries of a page can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    from demo.load import muat_demo

    hasil: list[dict] = []

    def catat(operasi: str, ms: float, query: int | None, **lain) -> None:
        hasil.append({"operasi": operasi, "skala": skala, "db": db, "ms": ms, "query": query,
                      **lain})
        print(f"  {db} x{skala} {operasi}: {ms:.1f} ms, {query} queries {lain or ''}",
              file=sys.stderr, flush=True)

    if not os.environ.get("SIAP_BENCH_ADA"):
        call_command("migrate", verbosity=0)
        mulai = time.perf_counter()
        ringkasan = muat_demo(skala=skala)
        catat("muat_demo", (time.perf_counter() - mulai) * 1000, None,
              baris=ringkasan.rincian.get(TAHUN), realisasi=ringkasan.realisasi)
    _analisa()

    from evaluation.queries import hitung_rekap

    ms, q = _ukur(lambda: hitung_rekap(TAHUN, BULAN), ulang)
    catat("figures", ms, q)
    # The sub kegiatan figures are built when first read (``Rekap.sub_kegiatan``): with them.
    ms, q = _ukur(lambda: hitung_rekap(TAHUN, BULAN).rekap.sub_kegiatan, ulang)
    catat("figures+sub", ms, q)
    catat("duckdb", _duckdb(ulang), None)
    ms, q = _ukur(_dasbor(), ulang)
    catat("dashboard", ms, q)
    ms, q, n = _simpan(ulang)
    catat("simpan", ms, q, baris=n)
    keluar.write_text(json.dumps(hasil))


def _analisa() -> None:
    from django.db import connection

    with connection.cursor() as c:
        c.execute("ANALYZE")


def _dasbor():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from demo.akun import AKUN_DEMO

    pimpinan = next(a.username for a in AKUN_DEMO if a.username == "pimpinan")
    klien = Client()
    klien.force_login(get_user_model().objects.get(username=pimpinan))

    def buka():
        r = klien.get("/", {"tahun": TAHUN, "bulan": BULAN})
        assert r.status_code == 200, r.status_code

    return buka


def _simpan(ulang: int) -> tuple[float, int, int]:
    """Save the November report of the OPD with the most lines, first given extra lines in
    the version in force up to 300 (the demo's largest OPD has fewer at scale 1): the same
    amounts it already holds, so the save is valid at every repetition. Runs last: the extra
    lines change the figures."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from budget.models import (
        BULAN_AK,
        JenisBelanja,
        PaguAnggaran,
        PerangkatDaerah,
        RealisasiKeuangan,
        RincianAnggaran,
        SumberDana,
        VersiAnggaran,
    )
    from budget.testing import ak_rata
    from lib.periode import akhir_bulan
    from reporting import services
    from reporting.models import STATUS_DAPAT_DIUBAH, LaporanBulanan, StatusLaporan

    opd_id = (RincianAnggaran.objects.filter(tahun__tahun=TAHUN).values("opd_id")
              .annotate(n=Count("id")).order_by("-n").values_list("opd_id", flat=True)[0])
    opd = PerangkatDaerah.objects.get(pk=opd_id)
    versi = VersiAnggaran.berlaku_pada(TAHUN, akhir_bulan(TAHUN, BULAN))
    ada = set(RincianAnggaran.objects.filter(tahun=versi.tahun, opd=opd).values_list(
        "sub_kegiatan_id", "sumber_dana_id", "jenis_belanja_id"))
    kurang = BARIS_LAPORAN - PaguAnggaran.objects.filter(versi=versi, rincian__opd=opd).count()
    subs = sorted({s for s, _, _ in ada})
    baru = [(s, d, j) for s in subs for d in SumberDana.objects.values_list("id", flat=True)
            for j in JenisBelanja.objects.values_list("id", flat=True)
            if (s, d, j) not in ada][:max(kurang, 0)]
    pagu = Decimal("120000000.00")
    for s, d, j in baru:
        r = RincianAnggaran.objects.create(tahun=versi.tahun, opd=opd, sub_kegiatan_id=s,
                                           sumber_dana_id=d, jenis_belanja_id=j)
        PaguAnggaran.objects.create(versi=versi, rincian=r, pagu=pagu,
                                    **dict(zip(BULAN_AK, ak_rata(pagu), strict=True)))
    ids = list(PaguAnggaran.objects.filter(versi=versi, rincian__opd=opd)
               .order_by("rincian_id").values_list("rincian_id", flat=True)[:BARIS_LAPORAN])
    bulan_ini = dict(RealisasiKeuangan.objects.filter(rincian_id__in=ids, bulan=BULAN)
                     .values_list("rincian_id", "jumlah"))
    realisasi = {i: bulan_ini.get(i, Decimal(0)) for i in ids}
    oleh = get_user_model().objects.get(username="pimpinan")
    sekarang = datetime.datetime(TAHUN, BULAN, 28, 10, tzinfo=datetime.UTC)
    lap = services.laporan_untuk(opd, TAHUN, BULAN)
    if lap.status not in STATUS_DAPAT_DIUBAH:
        # A database loaded by `siap demo-data` (--db-ada) holds the demo's verified reports;
        # what is measured is a save, so this report of the benchmark's own database is
        # reopened first.
        LaporanBulanan.objects.filter(pk=lap.pk).update(status=StatusLaporan.DRAFT)

    def simpan():
        lap.refresh_from_db()
        services.simpan(lap, oleh, revisi=lap.revisi, realisasi=realisasi, fisik={},
                        sekarang=sekarang)

    ms, q = _ukur(simpan, ulang)
    return ms, q, len(ids)


def _duckdb(ulang: int) -> float:
    """Export the rows behind the cut-off into DuckDB tables (not timed), then time the same
    group sums (pagu, target, realisasi, fisik weights) per OPD, sumber dana, jenis belanja and
    (OPD, sub kegiatan), exact in whole sen."""
    import duckdb
    from django.db import connection

    from budget.models import BULAN_AK, VersiAnggaran
    from budget.sen import sql_sen
    from lib.periode import akhir_bulan

    versi = VersiAnggaran.berlaku_pada(TAHUN, akhir_bulan(TAHUN, BULAN))
    ak = ", ".join(f"{sql_sen(k)} AS {k}" for k in BULAN_AK)
    pertanyaan = {
        "rincian": ("id BIGINT, opd BIGINT, sub BIGINT, sd BIGINT, jb BIGINT",
                    "SELECT r.id, opd_id, sub_kegiatan_id, sumber_dana_id, jenis_belanja_id "
                    "FROM budget_rinciananggaran r JOIN budget_tahunanggaran t "
                    f"ON t.id = r.tahun_id WHERE t.tahun = {TAHUN}"),
        "pagu": ("versi BIGINT, rincian BIGINT, pagu BIGINT, "
                 + ", ".join(f"{k} BIGINT" for k in BULAN_AK),
                 f"SELECT versi_id, rincian_id, {sql_sen('pagu')}, {ak} FROM budget_paguanggaran"),
        "realisasi": ("rincian BIGINT, bulan INTEGER, jumlah BIGINT",
                      f"SELECT rincian_id, bulan, {sql_sen('jumlah')} "
                      "FROM budget_realisasikeuangan"),
        "fisik": ("tahun INTEGER, opd BIGINT, sub BIGINT, bulan INTEGER, persen INTEGER",
                  "SELECT t.tahun, opd_id, sub_kegiatan_id, bulan, CAST(ROUND(persen * 100) "
                  "AS INTEGER) FROM budget_realisasifisik f JOIN budget_tahunanggaran t "
                  "ON t.id = f.tahun_id"),
        "target_fisik": ("tahun INTEGER, opd BIGINT, sub BIGINT, bulan INTEGER, "
                         "persen INTEGER",
                         "SELECT t.tahun, opd_id, sub_kegiatan_id, bulan, CAST(ROUND(persen * "
                         "100) AS INTEGER) FROM budget_targetfisik f JOIN "
                         "budget_tahunanggaran t ON t.id = f.tahun_id"),
    }
    duck = duckdb.connect()
    with tempfile.TemporaryDirectory(prefix="siap-duck-") as tmp:
        for tabel, (kolom, sql) in pertanyaan.items():
            berkas = Path(tmp) / f"{tabel}.csv"
            with connection.cursor() as c, berkas.open("w", newline="") as f:
                c.execute(sql)
                tulis = csv.writer(f)
                while rows := c.fetchmany(50_000):
                    tulis.writerows(rows)
            duck.execute(f"CREATE TABLE {tabel} ({kolom})")
            duck.execute(f"INSERT INTO {tabel} SELECT * FROM read_csv('{berkas}', header=false, "
                         f"columns={{{', '.join(_kol(kolom))}}})")
    target = " + ".join(f"p.{k}" for k in BULAN_AK[:BULAN])
    sql = f"""
        WITH fl AS (
            SELECT opd, sub, arg_max(persen, bulan) AS persen FROM fisik
            WHERE tahun = {TAHUN} AND bulan <= {BULAN} GROUP BY opd, sub),
        tl AS (
            SELECT opd, sub, arg_max(persen, bulan) AS persen FROM target_fisik
            WHERE tahun = {TAHUN} AND bulan <= {BULAN} GROUP BY opd, sub),
        rk AS (
            SELECT rincian, SUM(jumlah) AS jumlah FROM realisasi WHERE bulan <= {BULAN}
            GROUP BY rincian),
        baris AS (
            SELECT r.opd, r.sub, r.sd, r.jb, COALESCE(p.pagu, 0) AS pagu,
                   COALESCE({target}, 0) AS target, COALESCE(rk.jumlah, 0) AS realisasi,
                   COALESCE(fl.persen, 0) AS fisik, COALESCE(tl.persen, 0) AS tfisik
            FROM rincian r
            LEFT JOIN pagu p ON p.rincian = r.id AND p.versi = {versi.pk}
            LEFT JOIN rk ON rk.rincian = r.id
            LEFT JOIN fl ON fl.opd = r.opd AND fl.sub = r.sub
            LEFT JOIN tl ON tl.opd = r.opd AND tl.sub = r.sub)
        SELECT opd, sub, sd, jb, GROUPING(opd, sub, sd, jb), SUM(pagu), SUM(target),
               SUM(realisasi), SUM(pagu::HUGEINT * fisik), SUM(pagu::HUGEINT * tfisik)
        FROM baris WHERE pagu <> 0 OR target <> 0 OR realisasi <> 0
        GROUP BY GROUPING SETS ((opd), (sd), (jb), (opd, sub))
    """
    duck.execute(sql).fetchall()
    waktu = []
    for _ in range(ulang):
        mulai = time.perf_counter()
        duck.execute(sql).fetchall()
        waktu.append((time.perf_counter() - mulai) * 1000)
    return statistics.median(waktu)


def _kol(kolom: str) -> list[str]:
    return [f"'{n}': '{t}'" for n, t in (k.strip().split() for k in kolom.split(","))]


if __name__ == "__main__":
    main()
