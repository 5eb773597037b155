"""Fetch the sums behind the Rakor figures in a constant number of SQL queries.

The count does not depend on the number of OPD or lines: one query each for the version in
force, the lines with their pagu and anggaran kas, the realisasi sums, the latest realisasi and
target fisik, and the masters used as labels. ``evaluation.figures`` does the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BigIntegerField, OuterRef, Subquery

from budget.models import (
    BULAN_AK,
    JenisBelanja,
    PaguAnggaran,
    PerangkatDaerah,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    SumberDana,
    TargetFisik,
    VersiAnggaran,
)
from lib.periode import akhir_bulan, cek_bulan

from .db import SumSen, sen_ke_rupiah
from .figures import NOL, Baris, Rekap, rekap


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


def ambil_data(tahun: int, bulan: int) -> DataRekap:
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


def hitung_rekap(tahun: int, bulan: int) -> HasilRekap:
    """The Rakor figures of ``tahun`` up to the end of ``bulan`` — the one entry point used by
    pages, exports, the API and the CLI."""
    data = ambil_data(tahun, bulan)
    return HasilRekap(
        data=data,
        rekap=rekap(tahun, bulan, data.baris, semua_opd=list(data.opd)),
    )
