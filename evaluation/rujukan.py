"""The plain computation of the Rakor figures: every line fetched with ``Decimal`` amounts
from the source rows (monthly realisasi, every fisik report), added up by
``lib.figures.rekap``. Slow, obvious and independent of the derived tables — the
reference ``evaluation.queries.hitung_rekap`` is tested against
(``evaluation/tests/test_optimasi.py``, ``test_skala_acak.py``). Not used by pages."""

from __future__ import annotations

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
from budget.sen import SumSen, sen_ke_rupiah
from lib.figures import NOL, Baris, rekap
from lib.periode import akhir_bulan, cek_bulan

from .queries import DataRekap, HasilRekap


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
        rekap=rekap(tahun, bulan, data.baris, semua_opd=list(data.opd),
                    urutan_sumber_dana=list(data.sumber_dana),
                    urutan_jenis_belanja=list(data.jenis_belanja)),
    )
