"""Fetch the inputs of the Indeks Kinerja Pelaksanaan Anggaran OPD and score every OPD, in a
constant number of queries whatever the number of OPD.

Per cut-off: ``hitung_rekap`` (pagu, target, realisasi and fisik per OPD), one query for the
monthly anggaran kas per OPD of the version in force, one for the monthly realisasi per OPD.
Once for both cut-offs (the quarter and the previous one): the monthly reports with whether
each was ever returned, and the reporting periods (deadlines set by the Bagian Administrasi
Pembangunan). ``evaluation.indeks`` does the scoring.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from budget.models import BULAN_AK, PaguAnggaran, PerangkatDaerah, RealisasiKeuangan
from budget.sen import SumSen, sen_ke_rupiah
from lib.periode import cek_bulan, triwulan
from reporting.models import LaporanBulanan, PeriodePelaporan, RiwayatLaporan, StatusLaporan
from reporting.services import batas_waktu

from .indeks import (
    Bobot,
    DataIndeksOPD,
    NilaiIndeks,
    daftar_punishment,
    daftar_reward,
    hitung_nilai,
    susun_peringkat,
)
from .queries import HasilRekap, hitung_rekap


@dataclass
class HasilIndeks:
    tahun: int
    bulan: int
    triwulan: int
    bobot: Bobot
    baris: list[NilaiIndeks]  # rank order
    opd: dict[int, PerangkatDaerah]
    reward: list[NilaiIndeks]
    punishment: list[NilaiIndeks]
    bulan_sebelumnya: int | None = None  # cut-off of the previous quarter (None in TW I)
    tidak_dinilai: list[int] = field(default_factory=list)  # OPD without pagu: no score

    def untuk_opd(self, opd_id: int) -> NilaiIndeks | None:
        return next((b for b in self.baris if b.opd_id == opd_id), None)


@dataclass(frozen=True)
class _Laporan:
    opd_id: int
    bulan: int
    pertama_diajukan_pada: datetime.datetime | None
    pernah_dikembalikan: bool


def bobot_berlaku() -> Bobot:
    """The weights in force (``SIAP_BOBOT_INDEKS``, read and checked by the settings)."""
    return settings.SIAP_BOBOT_INDEKS


def _anggaran_kas_bulanan(versi, bulan: int) -> dict[int, list[Decimal]]:
    if versi is None:
        return {}
    kolom = BULAN_AK[:bulan]
    rows = (
        PaguAnggaran.objects.filter(versi=versi)
        .values("rincian__opd_id")
        .annotate(**{f"{k}_sen": SumSen(k) for k in kolom})
    )
    return {r["rincian__opd_id"]: [sen_ke_rupiah(r[f"{k}_sen"]) for k in kolom] for r in rows}


def _realisasi_bulanan(tahun: int, bulan: int) -> dict[int, dict[int, Decimal]]:
    hasil: dict[int, dict[int, Decimal]] = {}
    for opd_id, b, sen in (
        RealisasiKeuangan.objects.filter(rincian__tahun__tahun=tahun, bulan__lte=bulan)
        .values("rincian__opd_id", "bulan")
        .annotate(sen=SumSen("jumlah"))
        .values_list("rincian__opd_id", "bulan", "sen")
    ):
        hasil.setdefault(opd_id, {})[b] = sen_ke_rupiah(sen)
    return hasil


def _laporan(tahun: int, bulan: int) -> dict[tuple[int, int], _Laporan]:
    dikembalikan = RiwayatLaporan.objects.filter(
        laporan=OuterRef("pk"), ke=StatusLaporan.DIKEMBALIKAN
    )
    rows = (
        LaporanBulanan.objects.filter(tahun__tahun=tahun, bulan__lte=bulan)
        .annotate(pernah=Exists(dikembalikan))
        .values_list("opd_id", "bulan", "pertama_diajukan_pada", "status", "pernah")
    )
    return {
        (o, b): _Laporan(o, b, pada, pernah or status == StatusLaporan.DIKEMBALIKAN)
        for o, b, pada, status, pernah in rows
    }


def _batas(tahun: int, bulan: int) -> dict[int, datetime.datetime]:
    periode = {p.bulan: p for p in PeriodePelaporan.objects.filter(tahun__tahun=tahun,
                                                                    bulan__lte=bulan)}
    return {b: batas_waktu(tahun, b, periode.get(b)) for b in range(1, bulan + 1)}


def _nilai_per_opd(hasil: HasilRekap, bobot: Bobot, laporan: dict, batas: dict,
                   realisasi: dict, sekarang: datetime.datetime) -> dict:
    bulan = hasil.bulan
    ak = _anggaran_kas_bulanan(hasil.data.versi, bulan)
    nol = [Decimal(0)] * bulan
    nilai = {}
    for k in hasil.rekap.opd:
        o, a = k.kunci, k.angka
        real = realisasi.get(o, {})
        tepat, terlambat, belum, kembali = [], [], [], []
        for b in range(1, bulan + 1):
            lap = laporan.get((o, b))
            pada = lap.pertama_diajukan_pada if lap else None
            if pada is None:
                if sekarang > batas[b]:
                    belum.append(b)
                continue
            (tepat if pada <= batas[b] else terlambat).append(b)
            if lap.pernah_dikembalikan:
                kembali.append(b)
        data = DataIndeksOPD(
            bulan=bulan, pagu=a.pagu, target=a.target_anggaran_kas, realisasi=a.realisasi,
            fisik=a.fisik, target_fisik=a.target_fisik,
            bulanan=list(zip(ak.get(o, nol), (real.get(b, Decimal(0))
                                               for b in range(1, bulan + 1)), strict=True)),
            bulan_tepat=tepat, bulan_terlambat=terlambat, bulan_belum=belum,
            bulan_dikembalikan=kembali,
        )
        nilai[o] = hitung_nilai(data, bobot)
    return nilai


def hitung_indeks(tahun: int, bulan: int, bobot: Bobot | None = None, *,
                  sekarang: datetime.datetime | None = None,
                  hasil_rekap: HasilRekap | None = None) -> HasilIndeks:
    """The index of every OPD for the quarter of the cut-off (``tahun``, ``bulan``), ranked,
    with the change from the previous quarter (cut-off at its last month) and the reward and
    punishment lists. Pass ``hasil_rekap`` when the page already has the cut-off's figures.
    A report not yet submitted counts as late only once its deadline has passed
    (``sekarang``, default now)."""
    cek_bulan(bulan)
    bobot = bobot or bobot_berlaku()
    sekarang = sekarang or timezone.now()
    tw = triwulan(bulan)
    bulan_lalu = 3 * (tw - 1) or None

    hasil = hasil_rekap or hitung_rekap(tahun, bulan)
    laporan = _laporan(tahun, bulan)
    batas = _batas(tahun, bulan)
    realisasi = _realisasi_bulanan(tahun, bulan)
    nilai = _nilai_per_opd(hasil, bobot, laporan, batas, realisasi, sekarang)

    sebelumnya: dict[int, Decimal] = {}
    if bulan_lalu is not None:
        hasil_lalu = hitung_rekap(tahun, bulan_lalu)
        real_lalu = {o: {b: v for b, v in per.items() if b <= bulan_lalu}
                     for o, per in realisasi.items()}
        for o, (v, _) in _nilai_per_opd(hasil_lalu, bobot, laporan, batas, real_lalu,
                                        sekarang).items():
            if v is not None:
                sebelumnya[o] = v

    urutan = list(hasil.data.opd)
    baris = susun_peringkat(nilai, urutan, sebelumnya)
    return HasilIndeks(
        tahun=tahun, bulan=bulan, triwulan=tw, bobot=bobot, baris=baris,
        opd=hasil.data.opd,
        reward=daftar_reward(baris), punishment=daftar_punishment(baris),
        bulan_sebelumnya=bulan_lalu,
        tidak_dinilai=[o for o, (v, _) in nilai.items() if v is None],
    )
