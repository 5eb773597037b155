"""The monthly report's operations, each all-or-nothing inside one transaction.

Every operation locks the report row (``select_for_update``) and checks the revision the user's
page showed, so two people saving from stale pages never silently overwrite each other.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from budget.models import RealisasiFisik, RealisasiKeuangan, TahunAnggaran
from lib.periode import batas_lapor, nama_bulan
from lib.rupiah import desimal

from .isi import IsiLaporan, muat_isi
from .models import (
    LaporanBulanan,
    PenjelasanPeringatan,
    PeriodePelaporan,
    RiwayatLaporan,
    SnapshotLaporan,
    StatusLaporan,
)
from .sinyal import sebelum_diajukan
from .validasi import Pesan, galat, periksa, periksa_periode, peringatan_tanpa_penjelasan


class KonflikRevisi(Exception):
    """The report changed since the user's page was loaded."""

    def __init__(self, laporan: LaporanBulanan):
        self.laporan = laporan
        super().__init__(
            "Laporan ini telah diubah oleh pengguna lain sejak halaman Anda dibuka "
            f"(terakhir diubah {timezone.localtime(laporan.diubah_pada):%d-%m-%Y %H:%M}). "
            "Isian Anda belum disimpan dan tetap ditampilkan; periksa perubahan lalu simpan lagi."
        )


class LaporanDitolak(Exception):
    """The operation is refused; ``pesan`` lists why (Indonesian, naming line and value)."""

    def __init__(self, pesan: list[Pesan] | str):
        if isinstance(pesan, str):
            from .validasi import Tingkat

            pesan = [Pesan(Tingkat.GALAT, "status", pesan)]
        self.pesan = pesan
        super().__init__("; ".join(p.pesan for p in pesan))


def batas_waktu(laporan_or_periode_tahun: int, bulan: int,
                periode: PeriodePelaporan | None = None) -> datetime.datetime:
    if periode is not None and periode.batas_lapor is not None:
        return periode.batas_lapor
    return batas_lapor(laporan_or_periode_tahun, bulan, settings.SIAP_HARI_BATAS_LAPOR,
                       timezone.get_default_timezone())


def laporan_untuk(opd, tahun: int, bulan: int) -> LaporanBulanan:
    ta = TahunAnggaran.objects.get(tahun=tahun)
    return LaporanBulanan.objects.get_or_create(tahun=ta, opd=opd, bulan=bulan)[0]


def pesan_periode(laporan: LaporanBulanan, sekarang: datetime.datetime) -> list[Pesan]:
    tahun, bulan = laporan.tahun.tahun, laporan.bulan
    lokal = timezone.localtime(sekarang)
    periode = PeriodePelaporan.objects.filter(tahun_id=laporan.tahun_id, bulan=bulan).first()
    return periksa_periode(
        f"{nama_bulan(bulan)} {tahun}",
        terkunci=bool(periode and periode.dikunci),
        belum_mulai=(lokal.year, lokal.month) < (tahun, bulan),
    )


def _kunci(laporan: LaporanBulanan, revisi: int | None) -> LaporanBulanan:
    lap = LaporanBulanan.objects.select_for_update().select_related("tahun", "opd").get(
        pk=laporan.pk
    )
    if revisi is not None and lap.revisi != revisi:
        raise KonflikRevisi(lap)
    return lap


def _catat(lap: LaporanBulanan, dari: str, oleh, pada, catatan: str = "") -> None:
    RiwayatLaporan.objects.create(laporan=lap, dari=dari, ke=lap.status, oleh=oleh, pada=pada,
                                  catatan=catatan)


def simpan(
    laporan: LaporanBulanan,
    oleh,
    *,
    revisi: int,
    realisasi: dict[int, Decimal],
    fisik: dict[int, Decimal | None],
    penjelasan: dict[str, str] | None = None,
    sekarang: datetime.datetime | None = None,
) -> list[Pesan]:
    """Save this month's realisasi keuangan per line and fisik per sub kegiatan.

    Refuses the whole save (``LaporanDitolak``) on any error; returns the warnings that remain.
    Keys not among the OPD's own lines or sub kegiatan are refused as forbidden."""
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        lap = _kunci(laporan, revisi)
        if not lap.dapat_diubah:
            raise LaporanDitolak(
                f"Laporan berstatus {lap.get_status_display()} dan tidak dapat diubah."
            )
        if periode := pesan_periode(lap, sekarang):
            raise LaporanDitolak(periode)
        isi = muat_isi(lap)
        milik_baris = {b.rincian_id: b for b in isi.baris}
        milik_sub = {s.sub_kegiatan_id: s for s in isi.sub}
        if not set(realisasi) <= set(milik_baris) or not set(fisik) <= set(milik_sub):
            raise PermissionDenied("Rincian atau sub kegiatan bukan milik perangkat daerah ini.")
        baris, subs = isi.untuk_validasi(realisasi, fisik)
        pesan = periksa(lap.bulan, baris, subs)
        if errors := galat(pesan):
            raise LaporanDitolak(errors)

        _tulis_realisasi(lap, isi, realisasi, oleh, sekarang)
        _tulis_fisik(lap, isi, fisik, oleh, sekarang)
        if penjelasan:
            simpan_penjelasan(lap, oleh, penjelasan)
        lap.revisi += 1
        if lap.status == StatusLaporan.DIKEMBALIKAN:
            dari = lap.status
            lap.status = StatusLaporan.DRAFT
            _catat(lap, dari, oleh, sekarang, "Diperbaiki setelah dikembalikan.")
        lap.save()
    return [p for p in pesan if p.tingkat != "galat"]


def _tulis_realisasi(lap, isi: IsiLaporan, realisasi, oleh, sekarang) -> None:
    ada = {
        r.rincian_id: r
        for r in RealisasiKeuangan.objects.filter(
            rincian_id__in=list(realisasi), bulan=lap.bulan
        )
    }
    ubah, baru = [], []
    for rid, nilai in realisasi.items():
        if rid in ada:
            if ada[rid].jumlah != nilai:
                ada[rid].jumlah = nilai
                ubah.append(ada[rid])
        elif nilai:
            baru.append(RealisasiKeuangan(rincian_id=rid, bulan=lap.bulan, jumlah=nilai))
    if ubah:
        bulk_update_with_history(ubah, RealisasiKeuangan, ["jumlah"], default_user=oleh,
                                 default_date=sekarang)
    if baru:
        bulk_create_with_history(baru, RealisasiKeuangan, default_user=oleh,
                                 default_date=sekarang)


def _tulis_fisik(lap, isi: IsiLaporan, fisik, oleh, sekarang) -> None:
    ada = {
        r.sub_kegiatan_id: r
        for r in RealisasiFisik.objects.filter(
            tahun_id=lap.tahun_id, opd_id=lap.opd_id, bulan=lap.bulan,
            sub_kegiatan_id__in=list(fisik),
        )
    }
    ubah, baru, hapus = [], [], []
    for sid, nilai in fisik.items():
        if sid in ada:
            if nilai is None:
                hapus.append(ada[sid].pk)
            elif ada[sid].persen != nilai:
                ada[sid].persen = nilai
                ubah.append(ada[sid])
        elif nilai is not None:
            baru.append(RealisasiFisik(tahun_id=lap.tahun_id, opd_id=lap.opd_id,
                                       sub_kegiatan_id=sid, bulan=lap.bulan, persen=nilai))
    if ubah:
        bulk_update_with_history(ubah, RealisasiFisik, ["persen"], default_user=oleh,
                                 default_date=sekarang)
    if baru:
        bulk_create_with_history(baru, RealisasiFisik, default_user=oleh, default_date=sekarang)
    if hapus:
        for obj in RealisasiFisik.objects.filter(pk__in=hapus):
            obj._history_user = oleh
            obj.delete()


def simpan_penjelasan(lap: LaporanBulanan, oleh, penjelasan: dict[str, str]) -> None:
    isi = {k: v.strip() for k, v in penjelasan.items()}
    PenjelasanPeringatan.objects.filter(laporan=lap, kode__in=list(isi)).delete()
    PenjelasanPeringatan.objects.bulk_create([
        PenjelasanPeringatan(laporan=lap, kode=k, teks=v, oleh=oleh) for k, v in isi.items() if v
    ])


def periksa_laporan(lap: LaporanBulanan, isi: IsiLaporan | None = None) -> list[Pesan]:
    isi = isi or muat_isi(lap)
    baris, subs = isi.untuk_validasi()
    return periksa(lap.bulan, baris, subs)


def snapshot_data(isi: IsiLaporan) -> dict:
    return {
        "baris": {
            str(b.rincian_id): {
                "label": f"{s.label} · {b.sumber_dana} · {b.jenis_belanja}",
                "realisasi": desimal(b.realisasi or Decimal(0)),
                "kumulatif": desimal(b.kumulatif),
            }
            for s in isi.sub for b in s.baris
        },
        "fisik": {
            str(s.sub_kegiatan_id): {"label": s.label,
                                     "fisik": desimal(s.fisik) if s.fisik is not None else None}
            for s in isi.sub
        },
        "permasalahan": [
            {"id": p.pk, "sub_kegiatan": s.label, "kategori": p.get_kategori_display(),
             "uraian": p.uraian, "tindak_lanjut": p.tindak_lanjut, "status": p.status}
            for s in isi.sub for p in s.permasalahan
        ],
    }


def ajukan(laporan: LaporanBulanan, oleh, *, revisi: int,
           sekarang: datetime.datetime | None = None) -> LaporanBulanan:
    """Submit: refused while an error stands or a warning has no explanation."""
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        lap = _kunci(laporan, revisi)
        if not lap.dapat_diubah:
            raise LaporanDitolak(
                f"Laporan berstatus {lap.get_status_display()}; tidak dapat diajukan lagi."
            )
        if periode := pesan_periode(lap, sekarang):
            raise LaporanDitolak(periode)
        isi = muat_isi(lap)
        pesan = periksa_laporan(lap, isi)
        dijelaskan = set(lap.penjelasan.values_list("kode", flat=True))
        menghalangi = galat(pesan) + peringatan_tanpa_penjelasan(pesan, dijelaskan)
        for _, lain in sebelum_diajukan.send(LaporanBulanan, laporan=lap):  # e.g. kinerja
            menghalangi += lain
        if menghalangi:
            raise LaporanDitolak(menghalangi)
        nomor = lap.snapshot.count() + 1
        SnapshotLaporan.objects.create(laporan=lap, nomor=nomor, dibuat_pada=sekarang,
                                       oleh=oleh, data=snapshot_data(isi))
        dari = lap.status
        lap.status = StatusLaporan.DIAJUKAN
        lap.diajukan_pada = sekarang
        lap.pertama_diajukan_pada = lap.pertama_diajukan_pada or sekarang
        lap.revisi += 1
        lap.save()
        _catat(lap, dari, oleh, sekarang)
    return lap


def _ubah_status(laporan, oleh, *, dari: tuple, ke: str, catatan: str = "",
                 wajib_catatan: bool = False, sekarang=None) -> LaporanBulanan:
    sekarang = sekarang or timezone.now()
    catatan = (catatan or "").strip()
    if wajib_catatan and not catatan:
        raise LaporanDitolak("Catatan wajib diisi.")
    with transaction.atomic():
        lap = _kunci(laporan, None)
        if lap.status not in dari:
            raise LaporanDitolak(
                f"Laporan berstatus {lap.get_status_display()}; tindakan ini tidak berlaku."
            )
        semula = lap.status
        lap.status = ke
        if ke == StatusLaporan.DIVERIFIKASI:
            lap.diverifikasi_pada = sekarang
        if ke == StatusLaporan.DIKEMBALIKAN:
            lap.catatan_verifikator = catatan
        lap.revisi += 1
        lap.save()
        _catat(lap, semula, oleh, sekarang, catatan)
    return lap


def kembalikan(laporan, oleh, catatan: str, sekarang=None) -> LaporanBulanan:
    return _ubah_status(laporan, oleh, dari=(StatusLaporan.DIAJUKAN,),
                        ke=StatusLaporan.DIKEMBALIKAN, catatan=catatan, wajib_catatan=True,
                        sekarang=sekarang)


def verifikasi(laporan, oleh, sekarang=None) -> LaporanBulanan:
    return _ubah_status(laporan, oleh, dari=(StatusLaporan.DIAJUKAN,),
                        ke=StatusLaporan.DIVERIFIKASI, sekarang=sekarang)


def buka_kembali(laporan, oleh, alasan: str, sekarang=None) -> LaporanBulanan:
    """A verified report is locked; a verifier reopens it with a written reason."""
    return _ubah_status(laporan, oleh, dari=(StatusLaporan.DIVERIFIKASI,),
                        ke=StatusLaporan.DIKEMBALIKAN, catatan=alasan, wajib_catatan=True,
                        sekarang=sekarang)


def perubahan_sejak_sebelumnya(lap: LaporanBulanan) -> list[dict]:
    """What changed between the last two submissions: label, old and new value."""
    snaps = list(lap.snapshot.order_by("-nomor")[:2])
    if len(snaps) < 2:
        return []
    baru, lama = snaps[0].data, snaps[1].data
    hasil = []
    for bagian, kolom in (("baris", "realisasi"), ("fisik", "fisik")):
        for k, v in baru[bagian].items():
            semula = lama[bagian].get(k, {}).get(kolom)
            if semula != v[kolom]:
                hasil.append({"label": v["label"], "kolom": kolom, "lama": semula,
                              "baru": v[kolom]})
    return hasil
