"""Test oracle: the plain computation of the Rakor figures and of the Kurva S. Every line is
fetched with ``Decimal`` amounts from the source rows (monthly realisasi, every fisik report)
and added up by ``lib.figures`` — slow, obvious and independent of the derived tables. The
fast path (``evaluation.queries.hitung_rekap``, ``evaluation.kurva.seri_kurva``) is tested
against it (``test_optimasi.py``, ``test_skala_acak.py``). It lives with the tests because
nothing else may use a second derivation of the figures."""

from __future__ import annotations

from collections import defaultdict
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
from evaluation.kurva import CARI, SeriKurva
from evaluation.queries import DataRekap, HasilRekap
from lib.figures import NOL, Baris, Jumlah, hitung_angka, rekap
from lib.periode import akhir_bulan, cek_bulan


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


def fisik_per_bulan(model, tahun: int, saring: dict) -> dict[tuple[int, int], list[Decimal]]:
    """Cumulative percent per (opd, sub kegiatan) for each month 1..12, a month without a
    row carrying the latest earlier value (0 before the first)."""
    rows = model.objects.filter(tahun__tahun=tahun, **saring).values_list(
        "opd_id", "sub_kegiatan_id", "bulan", "persen"
    )
    per_bulan: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for o, s, b, p in rows:
        per_bulan[(o, s)][b] = p
    hasil = {}
    for kunci, nilai in per_bulan.items():
        deret, terakhir = [], NOL
        for b in range(1, 13):
            terakhir = nilai.get(b, terakhir)
            deret.append(terakhir)
        hasil[kunci] = deret
    return hasil


def seri_kurva_rujukan(tahun: int, bulan: int, *, opd_id: int | None = None,
               sub_kegiatan_id: int | None = None, versi=CARI) -> SeriKurva:
    """``seri_kurva`` by the plain computation (``Decimal`` per (OPD, sub kegiatan) and
    month, five queries) — the reference the fast path is tested against."""
    cek_bulan(bulan)
    saring_rincian: dict = {}
    saring_fisik: dict = {}
    if opd_id is not None:
        saring_rincian["rincian__opd_id"] = opd_id
        saring_fisik["opd_id"] = opd_id
    if sub_kegiatan_id is not None:
        saring_rincian["rincian__sub_kegiatan_id"] = sub_kegiatan_id
        saring_fisik["sub_kegiatan_id"] = sub_kegiatan_id

    if versi is CARI:
        versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    pagu: dict[tuple[int, int], tuple[Decimal, list[Decimal]]] = {}
    if versi is not None:
        rows = (
            PaguAnggaran.objects.filter(versi=versi, **saring_rincian)
            .values("rincian__opd_id", "rincian__sub_kegiatan_id")
            .annotate(pagu_sen=SumSen("pagu"), **{f"{k}_sen": SumSen(k) for k in BULAN_AK})
        )
        for r in rows:
            pagu[(r["rincian__opd_id"], r["rincian__sub_kegiatan_id"])] = (
                sen_ke_rupiah(r["pagu_sen"]),
                [sen_ke_rupiah(r[f"{k}_sen"]) for k in BULAN_AK],
            )
    realisasi = [NOL] * 12
    for b, sen in (
        RealisasiKeuangan.objects.filter(rincian__tahun__tahun=tahun, bulan__lte=bulan,
                                         **saring_rincian)
        .values("bulan").annotate(sen=SumSen("jumlah")).values_list("bulan", "sen")
    ):
        realisasi[b - 1] = sen_ke_rupiah(sen)
    fisik = fisik_per_bulan(RealisasiFisik, tahun, saring_fisik)
    target_fisik = fisik_per_bulan(TargetFisik, tahun, saring_fisik)

    bulanan = []
    kumulatif_real = NOL
    for m in range(12):
        kumulatif_real += realisasi[m]
        j = Jumlah(realisasi=kumulatif_real)
        for kunci, (p, ak) in pagu.items():
            f = fisik.get(kunci)
            tf = target_fisik.get(kunci)
            j = j + Jumlah(
                pagu=p,
                target=sum(ak[: m + 1], NOL),
                bobot_fisik=p * f[m] if f else NOL,
                bobot_target_fisik=p * tf[m] if tf else NOL,
            )
        bulanan.append(hitung_angka(j))
    return SeriKurva(bulan=bulan, bulanan=bulanan)
