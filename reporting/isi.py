"""What a monthly report shows: the OPD's lines with their pagu, anggaran kas and realisasi,
and its sub kegiatan with fisik and open permasalahan — fetched in a constant number of
queries whatever the number of lines.

This month's values are the operator's draft where there is one (``IsianRealisasi``,
``IsianFisik``), else the official value (``RealisasiKeuangan``, ``RealisasiFisik``); earlier
months are official data only. ``None`` is a field not filled in, distinct from zero."""

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
from budget.sen import SumSen, sen_ke_rupiah
from lib.periode import akhir_bulan

from .gabung import FISIK, REALISASI, Kunci, Nilai
from .models import IsianFisik, IsianRealisasi, LaporanBulanan, Permasalahan, StatusPermasalahan
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
    realisasi: Decimal | None  # this month's: the draft over the official (None: blank)
    realisasi_resmi: Decimal | None = None  # this month's official amount (None: no row)
    draf: bool = False  # ``realisasi`` is the operator's unsubmitted draft

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
    fisik: Decimal | None  # the draft over the official, like ``BarisIsi.realisasi``
    fisik_sebelumnya: Decimal | None
    target_fisik: Decimal | None
    baris: list[BarisIsi] = field(default_factory=list)
    permasalahan: list[Permasalahan] = field(default_factory=list)
    fisik_resmi: Decimal | None = None
    fisik_draf: bool = False

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
    # drafts of lines or sub kegiatan the version in force no longer holds (an APBD Perubahan
    # took effect after they were saved): not shown, not checked, dropped on submission
    draf_tanpa_baris: int = 0

    @property
    def baris(self) -> list[BarisIsi]:
        return [b for s in self.sub for b in s.baris]

    @property
    def ada_draf(self) -> bool:
        return any(s.fisik_draf or any(b.draf for b in s.baris) for s in self.sub)

    def label(self, kunci: Kunci) -> str:
        """The line ("sub kegiatan · sumber dana · jenis belanja") or sub kegiatan of an input,
        as the messages name it."""
        for s in self.sub:
            if kunci == (FISIK, s.sub_kegiatan_id):
                return f"{s.label} (fisik)"
            for b in s.baris:
                if kunci == (REALISASI, b.rincian_id):
                    return f"{s.label} · {b.sumber_dana} · {b.jenis_belanja}"
        return str(kunci)

    def nilai_kini(self) -> dict[Kunci, Nilai]:
        """Every input's value as the form shows it now, for ``gabung``."""
        hasil: dict[Kunci, Nilai] = {}
        for s in self.sub:
            hasil[FISIK, s.sub_kegiatan_id] = s.fisik
            for b in s.baris:
                hasil[REALISASI, b.rincian_id] = b.realisasi
        return hasil

    def untuk_validasi(
        self,
        realisasi: dict[int, Decimal | None] | None = None,
        fisik: dict[int, Decimal | None] | None = None,
    ) -> tuple[list[BarisLaporan], list[SubLaporan]]:
        """Plain data for ``validasi.periksa``, with the given inputs (None: blank) in place
        of what is stored."""
        realisasi = realisasi or {}
        fisik = fisik or {}
        baris, subs = [], []
        for s in self.sub:
            for b in s.baris:
                nilai = realisasi[b.rincian_id] if b.rincian_id in realisasi else b.realisasi
                baris.append(BarisLaporan(
                    b.rincian_id, f"{s.label} · {b.sumber_dana} · {b.jenis_belanja}",
                    s.sub_kegiatan_id, b.pagu, b.ak_kumulatif, b.realisasi_sebelumnya, nilai,
                ))
            subs.append(SubLaporan(
                s.sub_kegiatan_id, s.label,
                fisik[s.sub_kegiatan_id] if s.sub_kegiatan_id in fisik else s.fisik,
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
    draf_r, draf_f = {}, {}
    if laporan.pk is not None:
        draf_r = dict(IsianRealisasi.objects.filter(laporan_id=laporan.pk)
                      .values_list("rincian_id", "jumlah"))
        draf_f = dict(IsianFisik.objects.filter(laporan_id=laporan.pk)
                      .values_list("sub_kegiatan_id", "persen"))
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
                fisik=draf_f[sk.pk] if sk.pk in draf_f else fisik_ini.get(sk.pk),
                fisik_sebelumnya=fisik_lalu.get(sk.pk),
                target_fisik=target.get(sk.pk), permasalahan=permasalahan.get(sk.pk, []),
                fisik_resmi=fisik_ini.get(sk.pk), fisik_draf=sk.pk in draf_f,
            )
        ak = [getattr(p, f) for f in BULAN_AK[:bulan]]
        s.baris.append(BarisIsi(
            rincian_id=r.pk, sub_kegiatan_id=sk.pk,
            sumber_dana=r.sumber_dana.kode, jenis_belanja=r.jenis_belanja.kode,
            jenis_belanja_nama=r.jenis_belanja.nama,
            pagu=p.pagu, ak_bulan_ini=ak[-1], ak_kumulatif=sum(ak, NOL),
            realisasi_sebelumnya=realisasi_lalu.get(r.pk, NOL),
            realisasi=draf_r[r.pk] if r.pk in draf_r else realisasi_ini.get(r.pk),
            realisasi_resmi=realisasi_ini.get(r.pk), draf=r.pk in draf_r,
        ))
    baris = {b.rincian_id for s in subs.values() for b in s.baris}
    yatim = sum(1 for k in draf_r if k not in baris) + sum(1 for k in draf_f if k not in subs)
    return IsiLaporan(laporan=laporan, versi=versi, sub=list(subs.values()),
                      draf_tanpa_baris=yatim)
