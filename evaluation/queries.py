"""Fetch the sums behind the Rakor figures in a constant number of SQL queries.

The count does not depend on the number of OPD or lines: one query for the version in force,
one for the lines with their pagu, anggaran kas up to the cut-off and realisasi summed by the
database (as whole sen, ``evaluation.db``) and the latest realisasi and target fisik of their
sub kegiatan, and one per master used as labels. The group sums are added up as integers
(sen), which is exact and several times faster than adding ``Decimal`` objects;
``evaluation.figures`` does the rest. ``ambil_data_rujukan``/``hitung_rekap_rujukan`` keep the
plain line-grain computation as the reference the optimised path is tested against
(``evaluation/tests/test_optimasi.py``, ``test_skala_acak.py``).

PostgreSQL-specific SQL (``DISTINCT ON``, summing ``numeric`` before converting to sen) is
chosen by ``connection.vendor`` inside the SQL builders; the portable form is what SQLite runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import BigIntegerField, OuterRef, Subquery

from budget.models import (
    BULAN_AK,
    JenisBelanja,
    PaguAnggaran,
    PerangkatDaerah,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    SubKegiatan,
    SumberDana,
    TahunAnggaran,
    TargetFisik,
    VersiAnggaran,
)
from lib.periode import akhir_bulan, cek_bulan

from .db import SumSen, sen_ke_rupiah
from .figures import NOL, Baris, Jumlah, Rekap, rekap, rekap_dari_jumlah, sebaran_bulat


class DataRekap:
    """Plain data for one cut-off: the lines and the labels of their keys.

    ``baris`` (every line as ``Baris``) is either given or built on first read by
    ``buat_baris`` — ``hitung_rekap`` adds the figures up without it."""

    def __init__(
        self,
        tahun: int,
        bulan: int,
        versi: VersiAnggaran | None,
        baris: list[Baris] | None = None,
        opd: dict[int, PerangkatDaerah] | None = None,
        sumber_dana: dict[int, SumberDana] | None = None,
        jenis_belanja: dict[int, JenisBelanja] | None = None,
        *,
        buat_baris: Callable[[], list[Baris]] | None = None,
        fisik_sub: dict[tuple[int, int], tuple[int, int]] | None = None,
        sub_sen: dict[tuple[int, int], list[int]] | None = None,
    ) -> None:
        self.tahun = tahun
        self.bulan = bulan
        self.versi = versi
        self._baris = baris
        self._buat_baris = buat_baris
        self._fisik_sub = fisik_sub
        self._sub_sen = sub_sen
        self.opd = opd if opd is not None else {}
        self.sumber_dana = sumber_dana if sumber_dana is not None else {}
        self.jenis_belanja = jenis_belanja if jenis_belanja is not None else {}

    @property
    def baris(self) -> list[Baris]:
        if self._baris is None:
            self._baris = self._buat_baris() if self._buat_baris is not None else []
        return self._baris

    @baris.setter
    def baris(self, nilai: list[Baris]) -> None:
        self._baris = nilai

    def fisik_sub(self, opd: int, sub_kegiatan: int) -> tuple[Decimal, Decimal]:
        """(realisasi fisik, target fisik) in percent of one (opd, sub kegiatan) at the
        cut-off; 0 when it has no line in the cut-off or no fisik reported."""
        if self._fisik_sub is not None:
            fh, tfh = self._fisik_sub.get((opd, sub_kegiatan), (0, 0))
            return Decimal(fh).scaleb(-2), Decimal(tfh).scaleb(-2)
        return next(
            ((b.fisik, b.target_fisik) for b in self.baris
             if b.opd == opd and b.sub_kegiatan == sub_kegiatan),
            (NOL, NOL),
        )

    def jumlah_sub_kegiatan(self, opd: int) -> dict[tuple[int, int], Jumlah] | None:
        """The sums of one OPD's sub kegiatan, {(opd, sub kegiatan): Jumlah} in the rekap's
        order, from the whole-sen sums ``hitung_rekap`` keeps — without building the
        figures of every sub kegiatan. None when they were not kept (the reference path)."""
        if self._sub_sen is None or self._fisik_sub is None:
            return None
        hasil = {}
        for kunci, (p, t, r) in self._sub_sen.items():
            if kunci[0] == opd:
                fh, tfh = self._fisik_sub[kunci]
                hasil[kunci] = _ke_jumlah((p, t, r, p * fh, p * tfh))
        return hasil

    def __repr__(self) -> str:
        return f"DataRekap(tahun={self.tahun}, bulan={self.bulan}, versi={self.versi!r})"


@dataclass
class HasilRekap:
    """The figures of one cut-off with what is needed to label them."""

    data: DataRekap
    rekap: Rekap

    @property
    def tahun(self) -> int:
        return self.rekap.tahun

    @property
    def bulan(self) -> int:
        return self.rekap.bulan


def _fisik_terakhir(model, tahun: int, bulan: int) -> dict[tuple[int, int], Decimal]:
    """The latest cumulative value at or before ``bulan`` per (opd, sub kegiatan)."""
    terakhir = (
        model.objects.filter(
            tahun_id=OuterRef("tahun_id"),
            opd_id=OuterRef("opd_id"),
            sub_kegiatan_id=OuterRef("sub_kegiatan_id"),
            bulan__lte=bulan,
        )
        .order_by("-bulan")
        .values("bulan")[:1]
    )
    rows = model.objects.filter(
        tahun__tahun=tahun, bulan__lte=bulan, bulan=Subquery(terakhir)
    ).values_list("opd_id", "sub_kegiatan_id", "persen")
    return {(o, s): p for o, s, p in rows}


def ambil_data_rujukan(tahun: int, bulan: int) -> DataRekap:
    """The plain computation: every line fetched with ``Decimal`` amounts — the reference."""
    cek_bulan(bulan)
    versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))

    rincian = {
        r[0]: r[1:]
        for r in RincianAnggaran.objects.filter(tahun__tahun=tahun).values_list(
            "id", "opd_id", "sub_kegiatan_id", "sumber_dana_id", "jenis_belanja_id"
        )
    }
    pagu: dict[int, tuple[Decimal, Decimal]] = {}
    if versi is not None:
        kolom_ak = BULAN_AK[:bulan]
        for row in PaguAnggaran.objects.filter(versi=versi).values_list(
            "rincian_id", "pagu", *kolom_ak
        ):
            pagu[row[0]] = (row[1], sum(row[2:], NOL))
    realisasi = {
        rid: sen_ke_rupiah(sen)
        for rid, sen in RealisasiKeuangan.objects.filter(
            rincian__tahun__tahun=tahun, bulan__lte=bulan
        )
        .values("rincian_id")
        .annotate(sen=SumSen("jumlah", output_field=BigIntegerField()))
        .values_list("rincian_id", "sen")
    }
    fisik = _fisik_terakhir(RealisasiFisik, tahun, bulan)
    target_fisik = _fisik_terakhir(TargetFisik, tahun, bulan)

    baris = []
    for rid, (opd, sub, sd, jb) in rincian.items():
        p, t = pagu.get(rid, (NOL, NOL))
        r = realisasi.get(rid, NOL)
        if not (p or t or r):
            continue  # not in the version in force and nothing spent: not part of the cut-off
        baris.append(
            Baris(
                opd=opd, sub_kegiatan=sub, sumber_dana=sd, jenis_belanja=jb,
                pagu=p, target=t, realisasi=r,
                fisik=fisik.get((opd, sub), NOL),
                target_fisik=target_fisik.get((opd, sub), NOL),
            )
        )
    return DataRekap(
        tahun=tahun,
        bulan=bulan,
        versi=versi,
        baris=baris,
        opd={o.pk: o for o in PerangkatDaerah.objects.all()},  # inactive OPD with lines too
        sumber_dana={s.pk: s for s in SumberDana.objects.all()},
        jenis_belanja={j.pk: j for j in JenisBelanja.objects.all()},
    )


def hitung_rekap_rujukan(tahun: int, bulan: int) -> HasilRekap:
    """``hitung_rekap`` by the plain line-grain computation (reference for tests)."""
    data = ambil_data_rujukan(tahun, bulan)
    return HasilRekap(
        data=data,
        rekap=rekap(tahun, bulan, data.baris, semua_opd=list(data.opd)),
    )


def _sen(kolom: str) -> str:
    """SQL for a money column as a whole number of sen (see ``evaluation.db``)."""
    if connection.vendor == "postgresql":
        return f"CAST({kolom} * 100 AS BIGINT)"
    return f"CAST(ROUND({kolom} * 100) AS INTEGER)"


def _jumlah_sen(kolom: str) -> str:
    """SQL for the SUM of a money column as a whole number of sen. PostgreSQL adds
    ``numeric`` exactly and converts once per group; SQLite (REAL storage) converts each
    value to sen first, then adds the integers exactly."""
    if connection.vendor == "postgresql":
        return f"CAST(SUM({kolom}) * 100 AS BIGINT)"
    return f"SUM(CAST(ROUND({kolom} * 100) AS INTEGER))"


def _tabel(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _sql_id_tahun() -> str:
    return f"(SELECT id FROM {_tabel(TahunAnggaran)} WHERE tahun = %s)"


def _sql_fisik_terakhir(model, tahun: int, bulan: int, dialek: str | None = None
                        ) -> tuple[str, list]:
    """SQL of the latest cumulative percent (in hundredths: an integer) at or before the
    cut-off per (opd, sub kegiatan), as (opd_id, sub_kegiatan_id, h, ...), with its parameters.
    ``dialek`` (default: the connection's vendor) picks the form: PostgreSQL walks the unique
    index (tahun, opd, sub kegiatan, bulan) backwards with ``DISTINCT ON``, SQLite takes a
    bare column beside ``MAX``; the portable form
    (any other backend, and tested on both) joins the latest month per (opd, sub kegiatan)."""
    dialek = dialek or connection.vendor
    tabel, id_tahun = _tabel(model), _sql_id_tahun()
    if dialek == "postgresql":
        return f"""
            SELECT DISTINCT ON (g.opd_id, g.sub_kegiatan_id) g.opd_id, g.sub_kegiatan_id,
                   CAST(ROUND(g.persen * 100) AS INTEGER) AS h
            FROM {tabel} g WHERE g.tahun_id = {id_tahun} AND g.bulan <= %s
            ORDER BY g.opd_id DESC, g.sub_kegiatan_id DESC, g.bulan DESC""", [tahun, bulan]
    if dialek == "sqlite":
        # SQLite takes the bare column ``persen`` from the row holding MAX(bulan)
        # (documented: https://www.sqlite.org/lang_select.html#bareagg): one index walk.
        return f"""
            SELECT g.opd_id, g.sub_kegiatan_id, CAST(ROUND(g.persen * 100) AS INTEGER),
                   MAX(g.bulan)
            FROM {tabel} g WHERE g.tahun_id = {id_tahun} AND g.bulan <= %s
            GROUP BY g.opd_id, g.sub_kegiatan_id""", [tahun, bulan]
    return f"""
            SELECT f.opd_id, f.sub_kegiatan_id, CAST(ROUND(f.persen * 100) AS INTEGER) AS h
            FROM {tabel} f
            JOIN (
                SELECT g.opd_id, g.sub_kegiatan_id, MAX(g.bulan) AS bulan
                FROM {tabel} g WHERE g.tahun_id = {id_tahun} AND g.bulan <= %s
                GROUP BY g.opd_id, g.sub_kegiatan_id
            ) m ON f.opd_id = m.opd_id AND f.sub_kegiatan_id = m.sub_kegiatan_id
                AND f.bulan = m.bulan
            WHERE f.tahun_id = {id_tahun}""", [tahun, bulan, tahun]


def _sql_baris(tahun: int, bulan: int, versi_id: int, dialek: str | None = None
               ) -> tuple[str, list]:
    """One query for every line of the year: keys, pagu, anggaran kas up to the cut-off and
    realisasi up to the cut-off, all in sen. Ordered as
    ``RincianAnggaran.Meta.ordering`` so that groups appear in the reference's order.
    ``dialek`` (default: the connection's vendor): PostgreSQL sums each line's realisasi in
    a correlated subquery; the portable form joins the realisasi summed per line."""
    dialek = dialek or connection.vendor
    sub = _tabel(SubKegiatan)
    id_tahun = _sql_id_tahun()
    kolom_ak = [f"p.{k}" for k in BULAN_AK[:bulan]]
    if dialek == "postgresql":
        target = f"CAST(({' + '.join(kolom_ak)}) * 100 AS BIGINT)"
        # Per line, through the covering index (rincian_id, bulan) INCLUDE (jumlah)
        # (budget migration 0003): an index-only scan of this year's ~9 rows per line,
        # where the join + GROUP BY walked the realisasi of every year (×100: 0,6 s vs 1,6 s).
        realisasi = f"""(
            SELECT {_jumlah_sen("x.jumlah")} FROM {_tabel(RealisasiKeuangan)} x
            WHERE x.rincian_id = r.id AND x.bulan <= %s)"""
        gabung_realisasi, params = "", [bulan, versi_id, tahun]
    else:
        target = " + ".join(_sen(k) for k in kolom_ak)
        realisasi = "k.sen"
        gabung_realisasi = f"""
        LEFT JOIN (
            SELECT x.rincian_id, {_jumlah_sen("x.jumlah")} AS sen
            FROM {_tabel(RealisasiKeuangan)} x
            JOIN {_tabel(RincianAnggaran)} r2 ON r2.id = x.rincian_id
            WHERE r2.tahun_id = {id_tahun} AND x.bulan <= %s
            GROUP BY x.rincian_id
        ) k ON k.rincian_id = r.id"""
        params = [versi_id, tahun, bulan, tahun]
    sql = f"""
        SELECT r.opd_id, r.sub_kegiatan_id, r.sumber_dana_id, r.jenis_belanja_id,
               COALESCE({_sen("p.pagu")}, 0), COALESCE({target}, 0), COALESCE({realisasi}, 0)
        FROM {_tabel(RincianAnggaran)} r
        JOIN {_tabel(PerangkatDaerah)} o ON o.id = r.opd_id
        JOIN {sub} s ON s.id = r.sub_kegiatan_id
        JOIN {_tabel(SumberDana)} sd ON sd.id = r.sumber_dana_id
        JOIN {_tabel(JenisBelanja)} jb ON jb.id = r.jenis_belanja_id
        LEFT JOIN {_tabel(PaguAnggaran)} p ON p.rincian_id = r.id AND p.versi_id = %s{gabung_realisasi}
        WHERE r.tahun_id = {id_tahun}
        ORDER BY o.kode, s.kode, sd.urutan, jb.kode
    """
    return sql, params


def _ke_jumlah(s: list[int]) -> Jumlah:
    # pagu, target and realisasi in sen; the fisik weights in sen × hundredths of a percent.
    return Jumlah(
        Decimal(s[0]).scaleb(-2), Decimal(s[1]).scaleb(-2), Decimal(s[2]).scaleb(-2),
        Decimal(s[3]).scaleb(-4), Decimal(s[4]).scaleb(-4),
    )


def _fisik_terakhir_h(model, tahun: int, bulan: int, dialek: str | None = None
                      ) -> dict[tuple[int, int], int]:
    sql, params = _sql_fisik_terakhir(model, tahun, bulan, dialek)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(row[0], row[1]): row[2] for row in cursor.fetchall()}


def _baris_dari_rows(rows: list[tuple], fisik_h: dict, target_fisik_h: dict) -> list[Baris]:
    """The ``Baris`` of the rows of ``_sql_baris`` (lines outside the cut-off left out)."""
    return [
        Baris(
            opd=opd, sub_kegiatan=sub, sumber_dana=sd, jenis_belanja=jb,
            pagu=Decimal(p).scaleb(-2), target=Decimal(t).scaleb(-2),
            realisasi=Decimal(r).scaleb(-2),
            fisik=Decimal(fisik_h.get((opd, sub), 0)).scaleb(-2),
            target_fisik=Decimal(target_fisik_h.get((opd, sub), 0)).scaleb(-2),
        )
        for opd, sub, sd, jb, p, t, r in rows
        if p or t or r
    ]


def hitung_rekap(tahun: int, bulan: int) -> HasilRekap:
    """The Rakor figures of ``tahun`` up to the end of ``bulan`` — the one entry point used by
    pages, exports, the API and the CLI.

    Seven queries whatever the size: the version in force, the latest realisasi and target
    fisik per (OPD, sub kegiatan), the lines (``_sql_baris``), and one per master used as
    labels. The group sums are added up as integers: sen, and sen × hundredths of a percent
    for the fisik weights (a sub kegiatan's fisik is the same on all its lines, so its weight
    is its pagu × fisik). ``data.baris`` (every line as ``Baris``) is only built when read;
    ``data.fisik_sub`` gives one sub kegiatan's fisik without it."""
    cek_bulan(bulan)
    versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    # Fisik in hundredths of a percent (an int): pagu_sen × fisik_h adds up exactly.
    fisik_h = _fisik_terakhir_h(RealisasiFisik, tahun, bulan)
    target_fisik_h = _fisik_terakhir_h(TargetFisik, tahun, bulan)
    sql, params = _sql_baris(tahun, bulan, versi.pk if versi else -1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    per_sd_jb: dict = {}  # (sumber dana, jenis belanja): at most a few hundred pairs
    per_opd: dict = {}
    per_sub: dict = {}
    fisik_sub: dict = {}
    kunci_sub = None
    jumlah_sub = jumlah_opd = None
    fh = tfh = 0
    for opd, sub, sd, jb, p, t, r in rows:
        if not (p or t or r):
            continue  # not in the version in force and nothing spent: not part of the cut-off
        if kunci_sub is None or kunci_sub[1] != sub or kunci_sub[0] != opd:
            kunci_sub = (opd, sub)
            jumlah_sub = per_sub.get(kunci_sub)
            fh, tfh = fisik_h.get(kunci_sub, 0), target_fisik_h.get(kunci_sub, 0)
            if jumlah_sub is None:  # rows come ordered, so a sub kegiatan is one run
                jumlah_sub = per_sub[kunci_sub] = [0, 0, 0]
                fisik_sub[kunci_sub] = (fh, tfh)
            jumlah_opd = per_opd.get(opd)
            if jumlah_opd is None:
                jumlah_opd = per_opd[opd] = [0, 0, 0, 0, 0]
        jumlah_sub[0] += p
        jumlah_sub[1] += t
        jumlah_sub[2] += r
        bf, btf = p * fh, p * tfh
        jumlah_opd[0] += p
        jumlah_opd[1] += t
        jumlah_opd[2] += r
        jumlah_opd[3] += bf
        jumlah_opd[4] += btf
        s = per_sd_jb.get((sd, jb))
        if s is None:
            per_sd_jb[sd, jb] = [p, t, r, bf, btf]
        else:
            s[0] += p
            s[1] += t
            s[2] += r
            s[3] += bf
            s[4] += btf
    # Folded in first-seen order of the pairs = first-seen order of each key in the rows.
    per_sd: dict = {}
    per_jb: dict = {}
    for (sd, jb), nilai in per_sd_jb.items():
        for grup, k in ((per_sd, sd), (per_jb, jb)):
            s = grup.get(k)
            if s is None:
                grup[k] = list(nilai)
            else:
                for i in range(5):
                    s[i] += nilai[i]

    def jumlah_per_sub() -> dict:
        # Built only when ``rekap.sub_kegiatan`` is read: 124.000 groups at 100x.
        hasil = {}
        for kunci, (p, t, r) in per_sub.items():
            fh, tfh = fisik_sub[kunci]
            hasil[kunci] = _ke_jumlah((p, t, r, p * fh, p * tfh))
        return hasil

    data = DataRekap(
        tahun=tahun,
        bulan=bulan,
        versi=versi,
        opd={o.pk: o for o in PerangkatDaerah.objects.all()},  # inactive OPD with lines too
        sumber_dana={s.pk: s for s in SumberDana.objects.all()},
        jenis_belanja={j.pk: j for j in JenisBelanja.objects.all()},
        buat_baris=lambda: _baris_dari_rows(rows, fisik_h, target_fisik_h),
        fisik_sub=fisik_sub,
        sub_sen=per_sub,
    )
    return HasilRekap(
        data=data,
        rekap=rekap_dari_jumlah(
            tahun, bulan,
            per_opd={k: _ke_jumlah(v) for k, v in per_opd.items()},
            per_sumber_dana={k: _ke_jumlah(v) for k, v in per_sd.items()},
            per_jenis_belanja={k: _ke_jumlah(v) for k, v in per_jb.items()},
            per_sub_kegiatan=jumlah_per_sub,
            semua_opd=list(data.opd),
            sebaran_sub_kegiatan=sebaran_bulat((r, p) for p, _, r in per_sub.values()),
        ),
    )


def ambil_data(tahun: int, bulan: int) -> DataRekap:
    """The lines of one cut-off (as used by ``hitung_rekap``)."""
    return hitung_rekap(tahun, bulan).data
