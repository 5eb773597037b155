"""What a monthly report shows: the OPD's lines with their pagu, anggaran kas and realisasi,
and its sub kegiatan with fisik and open permasalahan — fetched in a constant number of
queries whatever the number of lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BigIntegerField, Q

from budget.models import (
    BULAN_AK,
    PaguAnggaran,
    RealisasiFisik,
    RealisasiKeuangan,
    TargetFisik,
    VersiAnggaran,
)
from evaluation.db import SumSen, sen_ke_rupiah
from lib.periode import akhir_bulan

from .models import LaporanBulanan, Permasalahan, StatusPermasalahan
from .validasi import BarisLaporan, SubLaporan

NOL = Decimal(0)


@dataclass
class BarisIsi:
    rincian_id: int
    sub_kegiatan_id: int
    sumber_dana: str
    jenis_belanja: str
    jenis_belanja_nama: str
    pagu: Decimal
    ak_bulan_ini: Decimal
    ak_kumulatif: Decimal
    realisasi_sebelumnya: Decimal
    realisasi: Decimal | None  # this month's stored amount (None: nothing entered yet)

    @property
    def kumulatif(self) -> Decimal:
        return self.realisasi_sebelumnya + (self.realisasi or NOL)


@dataclass
class SubIsi:
    sub_kegiatan_id: int
    kode: str
    nama: str
    kegiatan: str  # "kode nama"
    program: str
    fisik: Decimal | None
    fisik_sebelumnya: Decimal | None
    target_fisik: Decimal | None
    baris: list[BarisIsi] = field(default_factory=list)
    permasalahan: list[Permasalahan] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.kode} {self.nama}"

    @property
    def pagu(self) -> Decimal:
        return sum((b.pagu for b in self.baris), NOL)

    @property
    def ak_kumulatif(self) -> Decimal:
        return sum((b.ak_kumulatif for b in self.baris), NOL)

    @property
    def kumulatif(self) -> Decimal:
        return sum((b.kumulatif for b in self.baris), NOL)


@dataclass
class IsiLaporan:
    laporan: LaporanBulanan
    versi: VersiAnggaran | None
    sub: list[SubIsi]

    @property
    def baris(self) -> list[BarisIsi]:
        return [b for s in self.sub for b in s.baris]

    def untuk_validasi(
        self,
        realisasi: dict[int, Decimal] | None = None,
        fisik: dict[int, Decimal | None] | None = None,
    ) -> tuple[list[BarisLaporan], list[SubLaporan]]:
        """Plain data for ``validasi.periksa``, with the given inputs in place of what is
        stored."""
        realisasi = realisasi or {}
        fisik = fisik or {}
        baris, subs = [], []
        for s in self.sub:
            for b in s.baris:
                nilai = realisasi.get(b.rincian_id, b.realisasi) or NOL
                baris.append(BarisLaporan(
                    b.rincian_id, f"{s.label} · {b.sumber_dana} · {b.jenis_belanja}",
                    s.sub_kegiatan_id, b.pagu, b.ak_kumulatif, b.realisasi_sebelumnya, nilai,
                ))
            subs.append(SubLaporan(
                s.sub_kegiatan_id, s.label,
                fisik.get(s.sub_kegiatan_id, s.fisik) if s.sub_kegiatan_id in fisik else s.fisik,
                s.fisik_sebelumnya,
                any(p.status == StatusPermasalahan.TERBUKA for p in s.permasalahan),
            ))
        return baris, subs


def _fisik(model, laporan, *, bulan_sebelum: bool) -> dict[int, Decimal]:
    rows = model.objects.filter(tahun_id=laporan.tahun_id, opd_id=laporan.opd_id)
    if bulan_sebelum:
        rows = rows.filter(bulan__lt=laporan.bulan).order_by("sub_kegiatan_id", "bulan")
    else:
        rows = rows.filter(bulan=laporan.bulan)
    # Ordered by month, the last value per sub kegiatan wins: the latest earlier report.
    return {s: p for s, p in rows.values_list("sub_kegiatan_id", "persen")}


def muat_isi(laporan: LaporanBulanan) -> IsiLaporan:
    tahun = laporan.tahun.tahun
    bulan = laporan.bulan
    versi = VersiAnggaran.berlaku_pada(tahun, akhir_bulan(tahun, bulan))
    pagu_rows = []
    if versi is not None:
        pagu_rows = list(
            PaguAnggaran.objects.filter(versi=versi, rincian__opd_id=laporan.opd_id)
            .select_related(
                "rincian__sub_kegiatan__kegiatan__program",
                "rincian__sumber_dana",
                "rincian__jenis_belanja",
            )
            .order_by("rincian__sub_kegiatan__kode", "rincian__sumber_dana__urutan",
                      "rincian__jenis_belanja__kode")
        )
    realisasi_lalu = {
        rid: sen_ke_rupiah(sen)
        for rid, sen in RealisasiKeuangan.objects.filter(
            rincian__opd_id=laporan.opd_id, rincian__tahun_id=laporan.tahun_id,
            bulan__lt=bulan,
        )
        .values("rincian_id")
        .annotate(sen=SumSen("jumlah", output_field=BigIntegerField()))
        .values_list("rincian_id", "sen")
    }
    realisasi_ini = dict(
        RealisasiKeuangan.objects.filter(
            rincian__opd_id=laporan.opd_id, rincian__tahun_id=laporan.tahun_id, bulan=bulan
        ).values_list("rincian_id", "jumlah")
    )
    fisik_ini = _fisik(RealisasiFisik, laporan, bulan_sebelum=False)
    fisik_lalu = _fisik(RealisasiFisik, laporan, bulan_sebelum=True)
    target = _fisik(TargetFisik, laporan, bulan_sebelum=False)
    permasalahan: dict[int, list[Permasalahan]] = {}
    for p in Permasalahan.objects.filter(
        tahun_id=laporan.tahun_id, opd_id=laporan.opd_id, bulan__lte=bulan
    ).filter(Q(status=StatusPermasalahan.TERBUKA) | Q(bulan_selesai__gte=bulan)):
        permasalahan.setdefault(p.sub_kegiatan_id, []).append(p)

    subs: dict[int, SubIsi] = {}
    for p in pagu_rows:
        r = p.rincian
        sk = r.sub_kegiatan
        s = subs.get(sk.pk)
        if s is None:
            keg = sk.kegiatan
            s = subs[sk.pk] = SubIsi(
                sub_kegiatan_id=sk.pk, kode=sk.kode, nama=sk.nama,
                kegiatan=f"{keg.kode} {keg.nama}",
                program=f"{keg.program.kode} {keg.program.nama}",
                fisik=fisik_ini.get(sk.pk), fisik_sebelumnya=fisik_lalu.get(sk.pk),
                target_fisik=target.get(sk.pk), permasalahan=permasalahan.get(sk.pk, []),
            )
        ak = [getattr(p, f) for f in BULAN_AK[:bulan]]
        s.baris.append(BarisIsi(
            rincian_id=r.pk, sub_kegiatan_id=sk.pk,
            sumber_dana=r.sumber_dana.kode, jenis_belanja=r.jenis_belanja.kode,
            jenis_belanja_nama=r.jenis_belanja.nama,
            pagu=p.pagu, ak_bulan_ini=ak[-1], ak_kumulatif=sum(ak, NOL),
            realisasi_sebelumnya=realisasi_lalu.get(r.pk, NOL),
            realisasi=realisasi_ini.get(r.pk),
        ))
    return IsiLaporan(laporan=laporan, versi=versi, sub=list(subs.values()))
