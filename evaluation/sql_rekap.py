"""The SQL behind ``queries.hitung_rekap`` (and ``rincian``): the lines of a cut-off with their
sums in whole sen, and — on PostgreSQL — the group sums added up by the database. Text and
parameters only; ``queries`` runs them and ``figures`` does the arithmetic."""

from __future__ import annotations

from django.db import connection

from budget.models import (
    BULAN_AK,
    BULAN_FISIK,
    BULAN_KUMULATIF,
    BULAN_TARGET_FISIK,
    FisikTerakhir,
    JenisBelanja,
    PaguAnggaran,
    PerangkatDaerah,
    RealisasiKumulatif,
    RincianAnggaran,
    SubKegiatan,
    SumberDana,
    TahunAnggaran,
)
from budget.sen import sql_sen
from lib.figures import sql_hitung_sebaran


def nama_tabel(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def sql_id_tahun() -> str:
    return f"(SELECT id FROM {nama_tabel(TahunAnggaran)} WHERE tahun = %s)"


def sql_baris_dasar(tahun: int, bulan: int, versi_id: int, opd_id: int | None = None
                     ) -> tuple[str, list]:
    """The lines of the cut-off, one row each: keys, pagu, anggaran kas up to the cut-off
    and realisasi up to the cut-off in sen, and the latest realisasi and target fisik of
    their sub kegiatan in hundredths of a percent. Realisasi and fisik come from the
    derived tables kept in step by the database (``budget.models.kumulatif``): one row per
    line instead of every month of every line. Lines outside the cut-off (no pagu in the
    version in force and nothing spent) are left out. Unordered."""
    if connection.vendor == "postgresql":  # numeric adds exactly: convert once
        kolom_ak = sql_sen("(" + " + ".join(f"p.{k}" for k in BULAN_AK[:bulan]) + ")")
    else:  # REAL: each amount to sen first, then add the integers
        kolom_ak = " + ".join(sql_sen(f"p.{k}") for k in BULAN_AK[:bulan])
    realisasi = f"COALESCE(k.{BULAN_KUMULATIF[bulan - 1]}, 0)"
    saring, params = "", [versi_id, tahun]
    if opd_id is not None:
        saring, params = " AND r.opd_id = %s", [*params, opd_id]
    sql = f"""
        SELECT r.opd_id, r.sub_kegiatan_id, r.sumber_dana_id, r.jenis_belanja_id,
               COALESCE({sql_sen("p.pagu")}, 0) AS p, COALESCE({kolom_ak}, 0) AS t,
               {realisasi} AS r,
               COALESCE(f.{BULAN_FISIK[bulan - 1]}, 0) AS fh,
               COALESCE(f.{BULAN_TARGET_FISIK[bulan - 1]}, 0) AS tfh
        FROM {nama_tabel(RincianAnggaran)} r
        LEFT JOIN {nama_tabel(PaguAnggaran)} p ON p.rincian_id = r.id AND p.versi_id = %s
        LEFT JOIN {nama_tabel(RealisasiKumulatif)} k ON k.rincian_id = r.id
        LEFT JOIN {nama_tabel(FisikTerakhir)} f ON f.tahun_id = r.tahun_id
            AND f.opd_id = r.opd_id AND f.sub_kegiatan_id = r.sub_kegiatan_id
        WHERE r.tahun_id = {sql_id_tahun()}{saring}
          AND (COALESCE(p.pagu, 0) <> 0 OR {realisasi} <> 0)"""
    return sql, params


def sql_baris(tahun: int, bulan: int, versi_id: int, opd_id: int | None = None
               ) -> tuple[str, list]:
    """``sql_baris_dasar`` ordered as ``RincianAnggaran.Meta.ordering``, so that groups
    appear in the reference's order."""
    dasar, params = sql_baris_dasar(tahun, bulan, versi_id, opd_id)
    sql = f"""
        SELECT b.opd_id, b.sub_kegiatan_id, b.sumber_dana_id, b.jenis_belanja_id,
               b.p, b.t, b.r, b.fh, b.tfh
        FROM ({dasar}) b
        JOIN {nama_tabel(PerangkatDaerah)} o ON o.id = b.opd_id
        JOIN {nama_tabel(SubKegiatan)} s ON s.id = b.sub_kegiatan_id
        JOIN {nama_tabel(SumberDana)} sd ON sd.id = b.sumber_dana_id
        JOIN {nama_tabel(JenisBelanja)} jb ON jb.id = b.jenis_belanja_id
        ORDER BY o.kode, s.kode, sd.urutan, jb.kode"""
    return sql, params


def sql_agregat(tahun: int, bulan: int, versi_id: int) -> tuple[str, list]:
    """PostgreSQL: the group sums of the cut-off added up by the database, as at most a few
    thousand rows (jenis, kunci, kunci2, pagu, target, realisasi, Σ pagu × fisik,
    Σ pagu × target fisik): jenis 0 per OPD, 1 per (sumber dana, jenis belanja); jenis 2 is
    the sebaran — the count of sub kegiatan with pagu in each class, compared as whole
    numbers from the one table of bounds (``figures.sql_hitung_sebaran``). Sums of
    ``bigint`` are ``numeric`` in PostgreSQL: exact at any size. (SQLite's 64-bit SUM could
    overflow on the fisik weights of a very large pemda, so SQLite adds the lines up in
    Python instead.)"""
    dasar, params = sql_baris_dasar(tahun, bulan, versi_id)
    jumlah = ("SUM(p), SUM(t), SUM(r), SUM(p * CAST(fh AS NUMERIC)), "
              "SUM(p * CAST(tfh AS NUMERIC))")
    sql = f"""
        WITH b AS MATERIALIZED ({dasar}),
        s AS (SELECT SUM(p) AS p, SUM(r) AS r FROM b GROUP BY opd_id, sub_kegiatan_id)
        SELECT 0, opd_id, NULL, {jumlah} FROM b GROUP BY opd_id
        UNION ALL
        SELECT 1, sumber_dana_id, jenis_belanja_id, {jumlah} FROM b
        GROUP BY sumber_dana_id, jenis_belanja_id
        UNION ALL
        SELECT 2, NULL, NULL, {sql_hitung_sebaran("r", "p")}
        FROM s WHERE p > 0"""
    return sql, params
