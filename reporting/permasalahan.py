"""Recording obstacles (permasalahan) of a sub kegiatan and their follow-up, from the monthly
report of the month they are reported or closed in.

Each operation locks the report row, so a permasalahan is only changed while its report is
still editable (draft or returned) and its month open. The model's ``HistoricalRecords`` keeps
who changed what; ``_history_user`` names the user even outside a request (CLI, tests).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from budget.models import RincianAnggaran
from lib.periode import nama_bulan

from .models import (
    KategoriPermasalahan,
    LaporanBulanan,
    Permasalahan,
    StatusPermasalahan,
)
from .services import pesan_periode

PANJANG_PENANGGUNG_JAWAB = 200


def _kunci_laporan(opd_id: int, tahun_id: int, bulan: int,
                   sekarang: datetime.datetime) -> LaporanBulanan:
    lap = (LaporanBulanan.objects.select_for_update().select_related("tahun")
           .filter(opd_id=opd_id, tahun_id=tahun_id, bulan=bulan).first())
    if lap is None:
        raise ValidationError(f"Laporan bulan {nama_bulan(bulan)} belum dibuka; buka formulir "
                              f"laporannya terlebih dahulu.")
    if not lap.dapat_diubah:
        raise ValidationError(f"Laporan bulan {nama_bulan(bulan)} berstatus "
                              f"{lap.get_status_display()}; permasalahannya tidak dapat diubah.")
    if periode := pesan_periode(lap, sekarang):
        raise ValidationError(periode[0].pesan)
    return lap


def _periksa_isian(*, tindak_lanjut: str, penanggung_jawab: str,
                   target_selesai: datetime.date | None, lap: LaporanBulanan) -> dict:
    galat = {}
    if len(penanggung_jawab) > PANJANG_PENANGGUNG_JAWAB:
        galat["penanggung_jawab"] = (f"Penanggung jawab paling banyak {PANJANG_PENANGGUNG_JAWAB} "
                                     f"karakter (sekarang {len(penanggung_jawab)}).")
    awal_bulan = datetime.date(lap.tahun.tahun, lap.bulan, 1)
    if target_selesai is not None and target_selesai < awal_bulan:
        galat["target_selesai"] = (
            f"Target selesai {target_selesai:%d-%m-%Y} sudah lewat sebelum bulan laporan "
            f"({nama_bulan(lap.bulan)} {lap.tahun.tahun}); isi tanggal yang akan datang."
        )
    return galat


def tambah(
    laporan: LaporanBulanan,
    oleh,
    *,
    sub_kegiatan_id: int,
    kategori: str,
    uraian: str,
    tindak_lanjut: str = "",
    penanggung_jawab: str = "",
    target_selesai: datetime.date | None = None,
    sekarang: datetime.datetime | None = None,
) -> Permasalahan:
    """Record a new obstacle on one of the OPD's sub kegiatan in ``laporan``'s month.

    A sub kegiatan the OPD has no budget line for that year is refused as forbidden."""
    sekarang = sekarang or timezone.now()
    uraian, tindak_lanjut = uraian.strip(), tindak_lanjut.strip()
    penanggung_jawab = penanggung_jawab.strip()
    with transaction.atomic():
        lap = _kunci_laporan(laporan.opd_id, laporan.tahun_id, laporan.bulan, sekarang)
        if not RincianAnggaran.objects.filter(opd_id=lap.opd_id, tahun_id=lap.tahun_id,
                                              sub_kegiatan_id=sub_kegiatan_id).exists():
            raise PermissionDenied("Sub kegiatan ini bukan milik perangkat daerah ini.")
        galat = _periksa_isian(tindak_lanjut=tindak_lanjut, penanggung_jawab=penanggung_jawab,
                               target_selesai=target_selesai, lap=lap)
        if kategori not in KategoriPermasalahan.values:
            galat["kategori"] = f"Kategori “{kategori}” tidak dikenal; pilih dari daftar."
        if not uraian:
            galat["uraian"] = "Uraian permasalahan wajib diisi."
        if galat:
            raise ValidationError(galat)
        p = Permasalahan(
            tahun_id=lap.tahun_id, opd_id=lap.opd_id, sub_kegiatan_id=sub_kegiatan_id,
            bulan=lap.bulan, kategori=kategori, uraian=uraian, tindak_lanjut=tindak_lanjut,
            penanggung_jawab=penanggung_jawab, target_selesai=target_selesai,
        )
        p._history_user = oleh
        p.save()
    return p


def ubah(
    permasalahan: Permasalahan,
    oleh,
    *,
    bulan: int,
    tindak_lanjut: str,
    penanggung_jawab: str = "",
    target_selesai: datetime.date | None = None,
    selesai: bool = False,
    sekarang: datetime.datetime | None = None,
) -> Permasalahan:
    """Update the follow-up of an obstacle from the report of month ``bulan``; ``selesai``
    closes it in that month (unticking it in the same month reopens it)."""
    sekarang = sekarang or timezone.now()
    tindak_lanjut, penanggung_jawab = tindak_lanjut.strip(), penanggung_jawab.strip()
    with transaction.atomic():
        lap = _kunci_laporan(permasalahan.opd_id, permasalahan.tahun_id, bulan, sekarang)
        p = Permasalahan.objects.select_for_update().get(pk=permasalahan.pk)
        if bulan < p.bulan:
            raise ValidationError(f"Permasalahan ini baru dicatat pada bulan {nama_bulan(p.bulan)}; "
                                  f"tidak dapat diubah dari laporan bulan {nama_bulan(bulan)}.")
        if p.status == StatusPermasalahan.SELESAI and p.bulan_selesai != bulan:
            raise ValidationError(f"Permasalahan ini sudah selesai pada bulan "
                                  f"{nama_bulan(p.bulan_selesai)}; tidak dapat diubah dari laporan "
                                  f"bulan {nama_bulan(bulan)}.")
        galat = _periksa_isian(tindak_lanjut=tindak_lanjut, penanggung_jawab=penanggung_jawab,
                               target_selesai=None, lap=lap)
        if selesai and not tindak_lanjut:
            galat["tindak_lanjut"] = ("Tulis tindak lanjut yang menyelesaikan permasalahan ini "
                                      "sebelum menandainya selesai.")
        if galat:
            raise ValidationError(galat)
        p.tindak_lanjut = tindak_lanjut
        p.penanggung_jawab = penanggung_jawab
        p.target_selesai = target_selesai
        if selesai:
            p.status, p.bulan_selesai = StatusPermasalahan.SELESAI, bulan
        else:
            p.status, p.bulan_selesai = StatusPermasalahan.TERBUKA, None
        p._history_user = oleh
        p.save()
    return p
