"""Fetch the sums behind the Rakor figures in a constant number of SQL queries.

The count does not depend on the number of OPD or lines: one query for the version in force,
one for the lines with their pagu, anggaran kas up to the cut-off and realisasi summed by the
database (as whole sen, ``evaluation.db``), one each for the latest realisasi and target fisik,
and one per master used as labels. The group sums are added up as integers (sen), which is
exact and several times faster than adding ``Decimal`` objects; ``evaluation.figures`` does the
rest. ``ambil_data_rujukan``/``hitung_rekap_rujukan`` keep the plain line-grain computation as
the reference the optimised path is tested against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
from .figures import NOL, Baris, Jumlah, Rekap, rekap, rekap_dari_jumlah


@dataclass
class DataRekap:
    """Plain data for one cut-off: the lines and the labels of their keys."""

    tahun: int
    bulan: int
    versi: VersiAnggaran | None
    baris: list[Baris]
    opd: dict[int, PerangkatDaerah] = field(default_factory=dict)
    sumber_dana: dict[int, SumberDana] = field(default_factory=dict)
    jenis_belanja: dict[int, JenisBelanja] = field(default_factory=dict)


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


def _fisik_terakhir_sql(model, tahun: int, bulan: int) -> dict[tuple[int, int], Decimal]:
    """As ``_fisik_terakhir``, joined to the latest month per (opd, sub kegiatan) instead of a
    correlated subquery per row (which PostgreSQL runs once per row: seconds at 10x)."""
    q = connection.ops.quote_name
    tabel, ta = q(model._meta.db_table), q(TahunAnggaran._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"""
            SELECT f.opd_id, f.sub_kegiatan_id, CAST(ROUND(f.persen * 100) AS INTEGER)
            FROM {tabel} f
            JOIN (
                SELECT g.opd_id, g.sub_kegiatan_id, MAX(g.bulan) AS bulan
                FROM {tabel} g
                WHERE g.tahun_id = (SELECT id FROM {ta} WHERE tahun = %s) AND g.bulan <= %s
                GROUP BY g.opd_id, g.sub_kegiatan_id
            ) m ON f.opd_id = m.opd_id AND f.sub_kegiatan_id = m.sub_kegiatan_id
                AND f.bulan = m.bulan
            WHERE f.tahun_id = (SELECT id FROM {ta} WHERE tahun = %s)
        """, [tahun, bulan, tahun])
        return {(o, s): p for o, s, p in cursor.fetchall()}


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
        opd={o.pk: o for o in PerangkatDaerah.objects.filter(aktif=True)},
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


def _sql_baris(bulan: int) -> str:
    q = connection.ops.quote_name
    t = {m.__name__: q(m._meta.db_table) for m in (
        RincianAnggaran, PaguAnggaran, RealisasiKeuangan, PerangkatDaerah, SumberDana,
        JenisBelanja)}
    sub, ta = q(SubKegiatan._meta.db_table), q(TahunAnggaran._meta.db_table)
    target = " + ".join(_sen(f"p.{k}") for k in BULAN_AK[:bulan])
    # Same order as RincianAnggaran.Meta.ordering, so groups appear in the same order as in
    # the reference computation.
    return f"""
        SELECT r.opd_id, r.sub_kegiatan_id, r.sumber_dana_id, r.jenis_belanja_id,
               COALESCE({_sen("p.pagu")}, 0), COALESCE({target}, 0), COALESCE(k.sen, 0)
        FROM {t["RincianAnggaran"]} r
        JOIN {t["PerangkatDaerah"]} o ON o.id = r.opd_id
        JOIN {sub} s ON s.id = r.sub_kegiatan_id
        JOIN {t["SumberDana"]} sd ON sd.id = r.sumber_dana_id
        JOIN {t["JenisBelanja"]} jb ON jb.id = r.jenis_belanja_id
        LEFT JOIN {t["PaguAnggaran"]} p ON p.rincian_id = r.id AND p.versi_id = %s
        LEFT JOIN (
            SELECT x.rincian_id, SUM({_sen("x.jumlah")}) AS sen
            FROM {t["RealisasiKeuangan"]} x
            JOIN {t["RincianAnggaran"]} r2 ON r2.id = x.rincian_id
            WHERE r2.tahun_id = (SELECT id FROM {ta} WHERE tahun = %s) AND x.bulan <= %s
            GROUP BY x.rincian_id
        ) k ON k.rincian_id = r.id
        WHERE r.tahun_id = (SELECT id FROM {ta} WHERE tahun = %s)
        ORDER BY o.kode, s.kode, sd.urutan, jb.kode
    """


def _ke_jumlah(s: list[int]) -> Jumlah:
    # pagu, target and realisasi in sen; the fisik weights in sen × hundredths of a percent.
    return Jumlah(
        Decimal(s[0]).scaleb(-2), Decimal(s[1]).scaleb(-2), Decimal(s[2]).scaleb(-2),
        Decimal(s[3]).scaleb(-4), Decimal(s[4]).scaleb(-4),
    )


def hitung_rekap(tahun: int, bulan: int) -> HasilRekap:
    """The Rakor figures of ``tahun`` up to the end of ``bulan`` — the one entry point used by
    pages, exports, the API and the CLI."""
    cek_bulan(bulan)
    versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    # Fisik in hundredths of a percent (an int): pagu_sen × fisik_h adds up exactly.
    fisik_h = _fisik_terakhir_sql(RealisasiFisik, tahun, bulan)
    target_fisik_h = _fisik_terakhir_sql(TargetFisik, tahun, bulan)

    with connection.cursor() as cursor:
        cursor.execute(
            _sql_baris(bulan), [versi.pk if versi else -1, tahun, bulan, tahun]
        )
        rows = cursor.fetchall()

    per_opd: dict = {}
    per_sd: dict = {}
    per_jb: dict = {}
    per_sub: dict = {}
    baris = []
    for opd, sub, sd, jb, p, t, r in rows:
        if not (p or t or r):
            continue  # not in the version in force and nothing spent: not part of the cut-off
        kunci_sub = (opd, sub)
        fh = fisik_h.get(kunci_sub, 0)
        tfh = target_fisik_h.get(kunci_sub, 0)
        nilai = (p, t, r, p * fh, p * tfh)
        for peta, k in ((per_opd, opd), (per_sd, sd), (per_jb, jb), (per_sub, kunci_sub)):
            s = peta.get(k)
            if s is None:
                peta[k] = list(nilai)
            else:
                s[0] += nilai[0]
                s[1] += nilai[1]
                s[2] += nilai[2]
                s[3] += nilai[3]
                s[4] += nilai[4]
        baris.append(Baris(
            opd=opd, sub_kegiatan=sub, sumber_dana=sd, jenis_belanja=jb,
            pagu=Decimal(p).scaleb(-2), target=Decimal(t).scaleb(-2),
            realisasi=Decimal(r).scaleb(-2),
            fisik=Decimal(fh).scaleb(-2), target_fisik=Decimal(tfh).scaleb(-2),
        ))
    data = DataRekap(
        tahun=tahun,
        bulan=bulan,
        versi=versi,
        baris=baris,
        opd={o.pk: o for o in PerangkatDaerah.objects.filter(aktif=True)},
        sumber_dana={s.pk: s for s in SumberDana.objects.all()},
        jenis_belanja={j.pk: j for j in JenisBelanja.objects.all()},
    )
    return HasilRekap(
        data=data,
        rekap=rekap_dari_jumlah(
            tahun, bulan,
            per_opd={k: _ke_jumlah(v) for k, v in per_opd.items()},
            per_sumber_dana={k: _ke_jumlah(v) for k, v in per_sd.items()},
            per_jenis_belanja={k: _ke_jumlah(v) for k, v in per_jb.items()},
            per_sub_kegiatan={k: _ke_jumlah(v) for k, v in per_sub.items()},
            semua_opd=list(data.opd),
        ),
    )


def ambil_data(tahun: int, bulan: int) -> DataRekap:
    """The lines of one cut-off (as used by ``hitung_rekap``)."""
    return hitung_rekap(tahun, bulan).data
