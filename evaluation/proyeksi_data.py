"""Fetch what the projection needs, in a constant number of queries, and compute it
(``evaluation.proyeksi``).

The cut-off sums come from ``hitung_rekap``. The reference year is the latest earlier year with
realisasi in December (a completed year); from it one query for the version in force at its own
end of month m, one for pagu and anggaran kas 1..m per OPD, one for realisasi 1..m and 1..12 per
OPD — all summed by the database as whole sen. One more query labels the sub kegiatan at risk.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, DecimalField, F, Max, Value, When

from budget.models import BULAN_AK, PaguAnggaran, RealisasiKeuangan, SubKegiatan, VersiAnggaran
from budget.sen import SumSen, sen_ke_rupiah
from lib.figures_proyeksi import laju_acuan
from lib.periode import akhir_bulan, cek_bulan

from .proyeksi import (
    HasilProyeksi,
    ProyeksiSub,
    alasan_sub,
    pilih_laju,
    proyeksi_opd,
    proyeksikan,
    urut_terburuk,
)
from .queries import HasilRekap, hitung_rekap

__all__ = ["HasilProyeksi", "acuan_per_opd", "hitung_proyeksi", "proyeksi_opd", "tahun_acuan"]

# (pagu, target 1..m, realisasi 1..m, realisasi 1..12) of one OPD in the reference year.
Acuan = tuple[Decimal, Decimal, Decimal, Decimal]


def tahun_acuan(tahun: int) -> int | None:
    """The latest year before ``tahun`` with realisasi in December, or None."""
    return RealisasiKeuangan.objects.filter(
        rincian__tahun__tahun__lt=tahun, bulan=12
    ).aggregate(t=Max("rincian__tahun__tahun"))["t"]


def acuan_per_opd(tahun: int, bulan: int) -> dict[int, Acuan]:
    """Per OPD of year ``tahun``: pagu and anggaran kas 1..``bulan`` of the version in force at
    the end of ``bulan``, realisasi 1..``bulan`` and 1..12. Three queries."""
    versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    hasil: dict[int, list[Decimal]] = {}
    if versi is not None:
        target = F(BULAN_AK[0])
        for kolom in BULAN_AK[1:bulan]:
            target = target + F(kolom)
        for opd, pagu, ak in (
            PaguAnggaran.objects.filter(versi=versi)
            .values("rincian__opd_id")
            .annotate(p=SumSen("pagu"), t=SumSen(target))
            .values_list("rincian__opd_id", "p", "t")
        ):
            hasil[opd] = [sen_ke_rupiah(pagu), sen_ke_rupiah(ak), Decimal("0.00"),
                          Decimal("0.00")]
    for opd, sampai, akhir in (
        RealisasiKeuangan.objects.filter(rincian__tahun__tahun=tahun)
        .values("rincian__opd_id")
        .annotate(
            # CASE rather than FILTER: SumSen's PostgreSQL template does not take a filter
            m=SumSen(Case(When(bulan__lte=bulan, then=F("jumlah")), default=Value(0),
                          output_field=DecimalField())),
            a=SumSen("jumlah"),
        )
        .values_list("rincian__opd_id", "m", "a")
    ):
        baris = hasil.setdefault(opd, [Decimal("0.00")] * 4)
        baris[2], baris[3] = sen_ke_rupiah(sampai), sen_ke_rupiah(akhir)
    return {k: tuple(v) for k, v in hasil.items()}


def hitung_proyeksi(tahun: int, bulan: int, *, hasil_rekap: HasilRekap | None = None) -> HasilProyeksi:
    """The year-end projection of the pemda and every OPD at the end of ``bulan``, and the
    early-warning lists. ``hasil_rekap``: the figures of this cut-off when the caller has them."""
    cek_bulan(bulan)
    rekap_kini = hasil_rekap or hitung_rekap(tahun, bulan)
    data, r = rekap_kini.data, rekap_kini.rekap

    acuan_tahun = tahun_acuan(tahun) if bulan < 12 else None
    acuan = acuan_per_opd(acuan_tahun, bulan) if acuan_tahun is not None else {}
    laju_pemda = None
    if acuan:
        jumlah = [sum(a[i] for a in acuan.values()) for i in range(4)]
        laju_pemda = laju_acuan(*jumlah)
    if laju_pemda is None:
        acuan_tahun = None  # nothing usable in that year: fall back to this year's pace

    t = r.total
    pemda = proyeksikan(
        tahun, bulan, opd_id=None, nama="Pemerintah Daerah", pagu=t.pagu,
        target=t.target_anggaran_kas, realisasi=t.realisasi,
        laju=pilih_laju(tahun, bulan, target=t.target_anggaran_kas, realisasi=t.realisasi,
                        tahun_acuan=acuan_tahun, laju_sendiri=laju_pemda,
                        subjek="pemda"),
    )

    semua = []
    for k in r.opd:
        a = k.angka
        o = data.opd.get(k.kunci)
        if o is None and not a.pagu:
            continue
        sendiri = laju_acuan(*acuan[k.kunci]) if k.kunci in acuan else None
        semua.append(proyeksikan(
            tahun, bulan, opd_id=k.kunci, nama=o.nama if o else str(k.kunci), pagu=a.pagu,
            target=a.target_anggaran_kas, realisasi=a.realisasi,
            laju=pilih_laju(tahun, bulan, target=a.target_anggaran_kas, realisasi=a.realisasi,
                            tahun_acuan=acuan_tahun, laju_sendiri=sendiri,
                            laju_pemda=laju_pemda),
        ))
    opd = urut_terburuk(semua)
    berisiko_opd = sorted((p for p in opd if p.berisiko), key=lambda p: (-p.pagu, p.nama))

    calon = []
    for k in r.sub_kegiatan:
        a = k.angka
        if a.pagu <= 0:
            continue
        alasan = alasan_sub(bulan, target=a.target_anggaran_kas, realisasi=a.realisasi,
                            fisik=a.fisik, target_fisik=a.target_fisik)
        if alasan:
            calon.append((k.kunci, a, alasan))
    label = {
        s.pk: s for s in SubKegiatan.objects.filter(pk__in={sub for (_, sub), _, _ in calon})
        .only("kode", "nama")
    } if calon else {}
    berisiko_sub = sorted(
        (
            ProyeksiSub(
                opd_id=opd_id, sub_kegiatan_id=sub, kode=label[sub].kode, nama=label[sub].nama,
                nama_opd=data.opd[opd_id].nama if opd_id in data.opd else str(opd_id),
                pagu=a.pagu, persen_realisasi=a.persen_realisasi, alasan=alasan,
            )
            for (opd_id, sub), a, alasan in calon
        ),
        key=lambda s: (-s.pagu, s.kode, s.nama_opd),
    )
    return HasilProyeksi(
        tahun=tahun, bulan=bulan, pemda=pemda, opd=opd, berisiko_opd=berisiko_opd,
        berisiko_sub=berisiko_sub, tahun_acuan=acuan_tahun, versi=data.versi,
    )
