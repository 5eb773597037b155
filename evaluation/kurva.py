"""The monthly series of the Kurva S (dashboard, OPD page, sub kegiatan page, Rakor pack), in a
constant number of queries, money summed exactly with ``SumSen``.

The arithmetic stays in ``lib.figures``: the series are built as ``Jumlah`` per month
and turned into percentages by ``hitung_angka()``, so a point of the curve is computed exactly like
the figure in the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from budget.models import (
    BULAN_AK,
    BULAN_FISIK,
    BULAN_KUMULATIF,
    BULAN_TARGET_FISIK,
    FisikTerakhir,
    PaguAnggaran,
    RealisasiKumulatif,
    RincianAnggaran,
    VersiAnggaran,
)
from budget.sen import sql_jumlah_sen
from lib.figures import Angka, Jumlah, hitung_angka
from lib.periode import akhir_bulan, cek_bulan

from .sql_rekap import nama_tabel, sql_id_tahun

# --- Kurva S -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriKurva:
    """Cumulative figures per month (index 0 = January). ``bulanan[m]`` is the ``Angka`` of
    the cut-off at the end of month m+1 with the pagu in force at the page's cut-off;
    realisasi and realisasi fisik exist only up to the cut-off."""

    bulan: int
    bulanan: list[Angka]

    @property
    def persen_target(self) -> list[Decimal | None]:
        return [a.persen_target for a in self.bulanan]

    @property
    def persen_realisasi(self) -> list[Decimal | None]:
        return [a.persen_realisasi if i < self.bulan else None
                for i, a in enumerate(self.bulanan)]

    @property
    def target_fisik(self) -> list[Decimal | None]:
        return [a.target_fisik for a in self.bulanan]

    @property
    def fisik(self) -> list[Decimal | None]:
        return [a.fisik if i < self.bulan else None for i, a in enumerate(self.bulanan)]


CARI = object()


_PISAH = 100_000_000  # pagu_sen = hi × _PISAH + lo: Σ hi × h and Σ lo × h stay in 64 bits


def _sql_kurva(tahun: int, bulan: int, versi_id: int, opd_id: int | None,
               sub_kegiatan_id: int | None) -> tuple[str, list]:
    """One query for the whole series, as at most six rows (jenis, a, m01..m12) of integers:
    jenis 0 = pagu (a) and anggaran kas per month of the version (sen); 1 = realisasi up to
    the end of each month (sen, from ``RealisasiKumulatif``); 2/3 = Σ pagu × realisasi fisik
    at each month (sen × hundredths of a percent) split as 2 × ``_PISAH`` + 3, weighted by
    the pagu of each (OPD, sub kegiatan) and taken from ``FisikTerakhir`` (the latest report
    at or before each month); 4/5 the same for target fisik. No per-(OPD, sub kegiatan) row
    reaches Python, and the database reads one row per line and per sub kegiatan instead of
    one per month."""
    id_tahun = sql_id_tahun()
    rincian = nama_tabel(RincianAnggaran)

    def saring(opd: str, sub: str) -> tuple[str, list]:
        sql, params = "", []
        if opd_id is not None:
            sql += f" AND {opd} = %s"
            params.append(opd_id)
        if sub_kegiatan_id is not None:
            sql += f" AND {sub} = %s"
            params.append(sub_kegiatan_id)
        return sql, params

    s_r, p_r = saring("r.opd_id", "r.sub_kegiatan_id")
    s_f, p_f = saring("f.opd_id", "f.sub_kegiatan_id")
    pagu = f"{nama_tabel(PaguAnggaran)} p JOIN {rincian} r ON r.id = p.rincian_id"
    bagian = [
        (f"""SELECT 0, {sql_jumlah_sen("p.pagu")},
                    {", ".join(sql_jumlah_sen(f"p.{k}") for k in BULAN_AK)}
            FROM {pagu} WHERE p.versi_id = %s{s_r}""", [versi_id, *p_r]),
        (f"""SELECT 1, 0, {", ".join(f"SUM(k.{c})" for c in BULAN_KUMULATIF)}
            FROM {nama_tabel(RealisasiKumulatif)} k JOIN {rincian} r ON r.id = k.rincian_id
            WHERE r.tahun_id = {id_tahun}{s_r}""", [tahun, *p_r]),
    ]
    # The pagu of each (OPD, sub kegiatan) with fisik, computed once (MATERIALIZED) for the
    # four sums below. PostgreSQL hash-joins the pagu grouped per (OPD, sub kegiatan);
    # SQLite has no index on a grouped CTE and would scan it for every row, so it looks the
    # pagu up per row through the base tables' indexes instead (on PostgreSQL that lookup
    # is the slower plan).
    if connection.vendor == "postgresql":
        cte = f"""WITH pg AS (
            SELECT r.opd_id, r.sub_kegiatan_id, {sql_jumlah_sen("p.pagu")} AS sen
            FROM {pagu} WHERE p.versi_id = %s{s_r}
            GROUP BY r.opd_id, r.sub_kegiatan_id),
        w AS MATERIALIZED (SELECT pg.sen AS w, f.* FROM {nama_tabel(FisikTerakhir)} f
              JOIN pg ON pg.opd_id = f.opd_id AND pg.sub_kegiatan_id = f.sub_kegiatan_id
              WHERE f.tahun_id = {id_tahun}{s_f})
        """
        p_cte = [versi_id, *p_r, tahun, *p_f]
    else:
        cte = f"""WITH w AS MATERIALIZED (SELECT f.*, (
                      SELECT {sql_jumlah_sen("p.pagu")} FROM {pagu}
                      WHERE p.versi_id = %s AND r.tahun_id = f.tahun_id
                        AND r.opd_id = f.opd_id AND r.sub_kegiatan_id = f.sub_kegiatan_id
                  ) AS w
                  FROM {nama_tabel(FisikTerakhir)} f WHERE f.tahun_id = {id_tahun}{s_f})
        """
        p_cte = [versi_id, tahun, *p_f]
    hi, lo = f"(w.w / {_PISAH})", f"(w.w - (w.w / {_PISAH}) * {_PISAH})"
    for jenis, kolom in ((2, BULAN_FISIK), (4, BULAN_TARGET_FISIK)):
        for geser, bagian_w in ((0, hi), (1, lo)):
            bagian.append((f"""SELECT {jenis + geser}, 0,
                    {", ".join(f"SUM({bagian_w} * w.{c})" for c in kolom)}
                FROM w WHERE w.w IS NOT NULL""", []))
    sql = cte + "\nUNION ALL\n".join(b for b, _ in bagian)
    params = p_cte + [x for _, p in bagian for x in p]
    return sql, params


def seri_kurva(tahun: int, bulan: int, *, opd_id: int | None = None,
               sub_kegiatan_id: int | None = None, versi=CARI) -> SeriKurva:
    """The Kurva S series of the pemda, one OPD or one sub kegiatan of an OPD, in two
    queries whatever the size: the version in force at the cut-off, and ``_sql_kurva``
    (six rows). Pass ``versi`` (``HasilRekap.data.versi``) when already known to save the
    first one.

    Sums are integers (sen; fisik weights in sen × hundredths of a percent), so the curve
    equals ``seri_kurva_rujukan`` exactly."""
    cek_bulan(bulan)
    if versi is CARI:
        versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    sql, params = _sql_kurva(tahun, bulan, versi.pk if versi is not None else -1, opd_id,
                             sub_kegiatan_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    pagu_total = 0
    deret = {j: [0] * 12 for j in range(6)}
    for jenis, a, *bulanan in rows:
        if jenis == 0:
            pagu_total = int(a or 0)
        deret[jenis] = [int(x or 0) for x in bulanan]
    # Realisasi stops at the cut-off: later months keep the cut-off's total.
    realisasi = [deret[1][min(m, bulan - 1)] for m in range(12)]
    bulanan = []
    target = 0
    for m in range(12):
        target += deret[0][m]
        bulanan.append(hitung_angka(Jumlah(
            pagu=Decimal(pagu_total).scaleb(-2), target=Decimal(target).scaleb(-2),
            realisasi=Decimal(realisasi[m]).scaleb(-2),
            bobot_fisik=Decimal(deret[2][m] * _PISAH + deret[3][m]).scaleb(-4),
            bobot_target_fisik=Decimal(deret[4][m] * _PISAH + deret[5][m]).scaleb(-4),
        )))
    return SeriKurva(bulan=bulan, bulanan=bulanan)
