"""Reporting months as the Bagian Administrasi Pembangunan sets them: each month's deadline
(``batas_lapor``) and its lock, changed by a verifikator or admin with a written reason.

Every change is one transaction that locks the month's row and writes a ``CatatanPeriode``
(who, when, what it was, what it became, why), so the log can never miss a change made here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from budget.models import TahunAnggaran
from lib.periode import akhir_bulan, nama_bulan, tanggal_panjang

from .models import CatatanPeriode, PeriodePelaporan, TindakanPeriode
from .services import batas_waktu

PANJANG_ALASAN = 2000


def teks_batas(batas: datetime.datetime) -> str:
    """``10 Desember 2026, 23.59 WIB`` (the time as the form shows it)."""
    lokal = timezone.localtime(batas)
    return f"{tanggal_panjang(lokal.date())}, {lokal:%H.%M} WIB"


@dataclass
class BulanPeriode:
    """One month of the periods page: its deadline in force and whether it was set."""

    bulan: int
    batas: datetime.datetime
    diatur: bool  # set by the Bagian; else the default day of the next month
    dikunci: bool

    @property
    def nama(self) -> str:
        return nama_bulan(self.bulan)


def daftar_bulan(tahun: TahunAnggaran) -> list[BulanPeriode]:
    """The twelve months of ``tahun``, in one query."""
    periode = {p.bulan: p for p in PeriodePelaporan.objects.filter(tahun=tahun)}
    hasil = []
    for b in range(1, 13):
        p = periode.get(b)
        hasil.append(BulanPeriode(b, batas_waktu(tahun.tahun, b, p),
                                  diatur=bool(p and p.batas_lapor), dikunci=bool(p and p.dikunci)))
    return hasil


def _alasan(alasan: str) -> str:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan wajib diisi; tulis mengapa periode ini diubah."})
    if len(alasan) > PANJANG_ALASAN:
        raise ValidationError({"alasan": f"Alasan paling banyak {PANJANG_ALASAN} karakter "
                                         f"(sekarang {len(alasan)})."})
    return alasan


def _kunci_periode(tahun: TahunAnggaran, bulan: int) -> PeriodePelaporan:
    PeriodePelaporan.objects.get_or_create(tahun=tahun, bulan=bulan)
    return PeriodePelaporan.objects.select_for_update().get(tahun=tahun, bulan=bulan)


def _catat(p: PeriodePelaporan, tindakan, lama: str, baru: str, alasan: str, oleh, pada):
    CatatanPeriode.objects.create(tahun=p.tahun, bulan=p.bulan, tindakan=tindakan, lama=lama,
                                  baru=baru, alasan=alasan, oleh=oleh, pada=pada)


def atur_batas(tahun: TahunAnggaran, bulan: int, batas: datetime.datetime | None, oleh, *,
               alasan: str, sekarang: datetime.datetime | None = None) -> PeriodePelaporan:
    """Set month ``bulan``'s deadline; ``None`` goes back to the default day. A deadline
    before the month has ended is refused: its report cannot be complete by then."""
    sekarang = sekarang or timezone.now()
    alasan = _alasan(alasan)
    label = f"{nama_bulan(bulan)} {tahun.tahun}"
    if batas is not None:
        akhir = akhir_bulan(tahun.tahun, bulan)
        if timezone.localtime(batas).date() <= akhir:
            raise ValidationError({"tanggal": (
                f"Batas waktu {teks_batas(batas)} jatuh sebelum {label} berakhir "
                f"({tanggal_panjang(akhir)}); laporan bulan itu baru lengkap setelah bulannya "
                f"berakhir. Pilih tanggal sesudahnya.")})
    with transaction.atomic():
        p = _kunci_periode(tahun, bulan)
        if p.batas_lapor == batas:
            raise ValidationError({"tanggal": f"Batas waktu {label} sudah "
                                              f"{teks_batas(batas_waktu(tahun.tahun, bulan, p))}; "
                                              f"tidak ada yang diubah."})
        lama = teks_batas(batas_waktu(tahun.tahun, bulan, p))
        if p.batas_lapor is None:
            lama += " (bawaan)"
        p.batas_lapor = batas
        baru = teks_batas(batas_waktu(tahun.tahun, bulan, p)) + ("" if batas else " (bawaan)")
        p.save(update_fields=["batas_lapor"])
        _catat(p, TindakanPeriode.BATAS, lama, baru, alasan, oleh, sekarang)
    return p


def _ubah_kunci(tahun: TahunAnggaran, bulan: int, dikunci: bool, oleh, alasan: str,
                sekarang) -> PeriodePelaporan:
    sekarang = sekarang or timezone.now()
    alasan = _alasan(alasan)
    with transaction.atomic():
        p = _kunci_periode(tahun, bulan)
        if p.dikunci == dikunci:
            keadaan = "sudah dikunci" if dikunci else "tidak dikunci"
            raise ValidationError(f"{nama_bulan(bulan)} {tahun.tahun} {keadaan}; tidak ada yang "
                                  f"diubah.")
        p.dikunci = dikunci
        p.save(update_fields=["dikunci"])
        _catat(p, TindakanPeriode.KUNCI if dikunci else TindakanPeriode.BUKA,
               "terbuka" if dikunci else "dikunci", "dikunci" if dikunci else "terbuka",
               alasan, oleh, sekarang)
    return p


def kunci(tahun: TahunAnggaran, bulan: int, oleh, *, alasan: str,
          sekarang: datetime.datetime | None = None) -> PeriodePelaporan:
    """Lock a month: its reports can no longer be saved, submitted or given permasalahan."""
    return _ubah_kunci(tahun, bulan, True, oleh, alasan, sekarang)


def buka(tahun: TahunAnggaran, bulan: int, oleh, *, alasan: str,
         sekarang: datetime.datetime | None = None) -> PeriodePelaporan:
    return _ubah_kunci(tahun, bulan, False, oleh, alasan, sekarang)
