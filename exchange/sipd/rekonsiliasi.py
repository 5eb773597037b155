"""Reconciliation: realisasi the OPD report in SIAP against the last SIPD import of the month.

Compared cumulatively — SIAP's realisasi up to the end of the month against SIPD's up to the
import's cut-off — so the difference is also the difference of the month's amount (both sides
start from SIAP's cumulative up to the month before). SIPD's month for a line is its SIPD
cumulative minus SIAP's realisasi up to the month before, as it stands now. Each function
reads a constant number of queries.

The SIAP side is the realisasi the figures read (``RealisasiKeuangan``); ``realisasi_siap`` is
the one place that says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from budget.models import PerangkatDaerah, RealisasiKumulatif
from budget.sen import SumSen, sen_ke_rupiah
from lib.periode import tanggal_panjang
from lib.rupiah import rupiah
from reporting import services
from reporting.models import LaporanBulanan

from .models import ImporSipd, JenisBerkasSipd, RealisasiSipd, SipdDiterima

NOL = Decimal(0)


def impor_terakhir(tahun: int, bulan: int) -> ImporSipd | None:
    return (ImporSipd.objects.filter(jenis=JenisBerkasSipd.REALISASI, tahun=tahun, bulan=bulan)
            .select_related("oleh").order_by("-pada", "-pk").first())


def _k(bulan: int) -> str:
    return f"k{bulan:02d}"


def realisasi_siap(tahun: int, bulan: int, *, opd_id: int | None = None) -> dict[int, int]:
    """SIAP's realisasi up to the end of ``bulan`` in sen, per OPD (or per line of ``opd_id``)."""
    q = RealisasiKumulatif.objects.filter(rincian__tahun__tahun=tahun)
    if opd_id is not None:
        return dict(q.filter(rincian__opd_id=opd_id).values_list("rincian_id", _k(bulan)))
    return dict(q.values("rincian__opd_id").annotate(s=Sum(_k(bulan)))
                .values_list("rincian__opd_id", "s"))


@dataclass
class BarisOpd:
    opd: PerangkatDaerah
    siap: Decimal
    sipd: Decimal | None
    laporan: dict | None  # {"pk", "status"}

    @property
    def selisih(self) -> Decimal | None:
        return None if self.sipd is None else self.siap - self.sipd


def rekonsiliasi(tahun: int, bulan: int) -> tuple[ImporSipd | None, list[BarisOpd]]:
    """Every OPD with budget lines or SIPD figures that month — five queries."""
    impor = impor_terakhir(tahun, bulan)
    siap = realisasi_siap(tahun, bulan)
    sipd = dict(RealisasiSipd.objects.filter(impor=impor).values("rincian__opd_id")
                .annotate(s=SumSen("kumulatif")).values_list("rincian__opd_id", "s")) \
        if impor else {}
    laporan = {x["opd_id"]: x for x in LaporanBulanan.objects.filter(
        tahun__tahun=tahun, bulan=bulan).values("opd_id", "pk", "status")}
    hasil = [BarisOpd(o, sen_ke_rupiah(siap.get(o.pk)),
                      sen_ke_rupiah(sipd[o.pk]) if o.pk in sipd else None, laporan.get(o.pk))
             for o in PerangkatDaerah.objects.filter(pk__in=set(siap) | set(sipd))]
    return impor, hasil


@dataclass
class BarisRincian:
    rincian_id: int
    label: str
    siap_bulan: Decimal  # SIAP's realisasi of the month
    sipd_bulan: Decimal  # SIPD's cumulative − SIAP's up to the month before
    siap_kumulatif: Decimal
    sipd_kumulatif: Decimal

    @property
    def selisih(self) -> Decimal:
        return self.siap_kumulatif - self.sipd_kumulatif


def rekonsiliasi_laporan(laporan: LaporanBulanan) -> tuple[ImporSipd | None, list[BarisRincian]]:
    """The report's lines that SIPD covers, with both figures — four queries."""
    tahun, bulan = laporan.tahun.tahun, laporan.bulan
    impor = impor_terakhir(tahun, bulan)
    if impor is None:
        return None, []
    snap = list(RealisasiSipd.objects.filter(impor=impor, rincian__opd_id=laporan.opd_id)
                .select_related("rincian__sub_kegiatan", "rincian__sumber_dana",
                                "rincian__jenis_belanja")
                .order_by("rincian__sub_kegiatan__kode", "rincian__sumber_dana__urutan",
                          "rincian__jenis_belanja__kode"))
    kini = realisasi_siap(tahun, bulan, opd_id=laporan.opd_id)
    lalu = realisasi_siap(tahun, bulan - 1, opd_id=laporan.opd_id) if bulan > 1 else {}
    hasil = []
    for x in snap:
        r = x.rincian
        k_kini, k_lalu = sen_ke_rupiah(kini.get(r.pk)), sen_ke_rupiah(lalu.get(r.pk))
        hasil.append(BarisRincian(
            r.pk, f"{r.sub_kegiatan.kode} · {r.sumber_dana.kode} · {r.jenis_belanja.kode}",
            k_kini - k_lalu, x.kumulatif - k_lalu, k_kini, x.kumulatif))
    return impor, hasil


def sipd_per_rincian(laporan: LaporanBulanan) -> dict[int, Decimal]:
    """This month's realisasi per line as SIPD has it, for the operator's pre-fill and the
    verifier's acceptance; lines whose SIPD cumulative is below SIAP's up to the month before
    are left out (no month's amount can reconcile them)."""
    return {b.rincian_id: b.sipd_bulan for b in rekonsiliasi_laporan(laporan)[1]
            if b.sipd_bulan >= 0}


def terima_sipd(laporan: LaporanBulanan, oleh) -> SipdDiterima:
    """The verifier puts SIPD's month into the report, through the reporting service (which
    validates, writes with the audit trail and records it in the report's history), logged."""
    impor, baris = rekonsiliasi_laporan(laporan)
    if impor is None:
        raise services.LaporanDitolak("Belum ada impor realisasi SIPD untuk bulan ini.")
    turun = [b for b in baris if b.sipd_bulan < 0]
    if turun:
        raise services.LaporanDitolak(
            f"Realisasi SIPD {turun[0].label} lebih kecil dari realisasi SIAP s.d. bulan lalu; "
            f"perbaiki realisasi bulan sebelumnya dulu.")
    angka = {b.rincian_id: b.sipd_bulan for b in baris}
    sebelum = sum((b.siap_bulan for b in baris), NOL)
    sesudah = sum(angka.values(), NOL)
    berubah = sum(1 for b in baris if b.siap_bulan != b.sipd_bulan)
    alasan = (f"Realisasi diganti dengan angka SIPD s.d. {tanggal_panjang(impor.tanggal)} (impor "
              f"#{impor.pk}, {impor.nama_berkas}): {berubah} rincian, realisasi bulan ini "
              f"{rupiah(sebelum)} → {rupiah(sesudah)}.")
    with transaction.atomic():
        services.ganti_realisasi(laporan, oleh, angka, alasan=alasan)
        return SipdDiterima.objects.create(laporan=laporan, impor=impor, oleh=oleh,
                                           jumlah_rincian=berubah, sebelum=sebelum,
                                           sesudah=sesudah)


def keterangan_sumber(tahun: int, bulan: int) -> ImporSipd | None:
    """The last SIPD realisasi import of the month, for "realisasi per SIPD s.d. …" lines."""
    return impor_terakhir(tahun, bulan)

