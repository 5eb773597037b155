"""The monthly report's operations, each all-or-nothing inside one transaction.

Every operation locks the report row (``select_for_update``). A save writes the operator's
draft only (``reporting.draf``) and is merged with what is stored field by field against the
values the user's page was loaded with (``reporting.gabung``), so a stale page never writes
over someone else's change: what it did not change is left alone, what both changed is a
conflict the user resolves. Submission checks the revision the page showed, then makes the
report's values official data — the only data the leaders' figures read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from budget.models import TahunAnggaran
from lib.periode import batas_lapor, nama_bulan
from lib.rupiah import desimal

from . import draf
from .gabung import FISIK, REALISASI, Kunci, Nilai, gabung
from .isi import IsiLaporan, muat_isi
from .jejak import Pengubah, pengubah_laporan, pengubah_terakhir
from .models import (
    LaporanBulanan,
    PenjelasanPeringatan,
    PeriodePelaporan,
    RiwayatLaporan,
    SnapshotLaporan,
    StatusLaporan,
)
from .sinyal import sebelum_diajukan
from .validasi import (
    Pesan,
    galat,
    periksa,
    periksa_lengkap,
    periksa_periode,
    peringatan_tanpa_penjelasan,
)


class KonflikRevisi(Exception):
    """The report changed since the user's page was loaded (named: who and when)."""

    def __init__(self, laporan: LaporanBulanan, pesan: str | None = None, *, oleh=None):
        self.laporan = laporan
        if pesan is None:
            pengubah = pengubah_laporan(laporan)
            siapa = f" oleh {pengubah.teks(oleh)}" if pengubah else ""
            pesan = (f"Laporan ini telah berubah sejak halaman Anda dibuka (diubah{siapa}). "
                     "Isian Anda belum disimpan dan tetap ditampilkan; periksa lalu simpan lagi.")
        super().__init__(pesan)


@dataclass(frozen=True)
class IsianBentrok:
    """An input both this page and someone else changed: both values, and who changed it."""

    kunci: Kunci
    label: str
    anda: Nilai
    tersimpan: Nilai
    pengubah: Pengubah | None


class KonflikIsian(KonflikRevisi):
    """Inputs changed both by this (stale) page and by someone else since it was loaded.
    Nothing is written; the user chooses, input by input, which value stays."""

    def __init__(self, laporan: LaporanBulanan, bentrok: list[IsianBentrok], oleh):
        self.bentrok = bentrok
        siapa = sorted({b.pengubah.teks(oleh) for b in bentrok if b.pengubah})
        super().__init__(laporan, (
            f"{len(bentrok)} isian yang Anda ubah juga diubah sejak halaman ini dibuka, oleh "
            f"{'; '.join(siapa) or 'impor data'}. Tidak ada yang disimpan: kedua nilai "
            f"ditampilkan berdampingan; pilih nilai yang dipakai untuk setiap isian itu, lalu "
            f"simpan lagi. Isian lain yang Anda ubah ikut disimpan saat itu."
        ))


@dataclass
class HasilSimpan:
    peringatan: list[Pesan]  # the warnings that remain
    # Inputs someone else changed since the page was loaded, kept as they left them.
    diubah_lain: list[tuple[str, Pengubah | None]] = field(default_factory=list)
    ditulis: int = 0  # inputs written by this save


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


def laporan_untuk(opd, tahun: int, bulan: int, *, ta: TahunAnggaran | None = None) -> LaporanBulanan:
    """The report of ``opd`` for the month, created when missing (``ta``: the year, if read)."""
    if ta is None:
        ta = TahunAnggaran.objects.get(tahun=tahun)
    lap = LaporanBulanan.objects.get_or_create(tahun=ta, opd=opd, bulan=bulan)[0]
    lap.tahun, lap.opd = ta, opd
    return lap


def periode_laporan(laporan: LaporanBulanan) -> PeriodePelaporan | None:
    """The reporting period of ``laporan`` (its deadline, its lock), read once per instance:
    for the pages that ask several times while building one answer."""
    if not hasattr(laporan, "_siap_periode"):
        laporan._siap_periode = PeriodePelaporan.objects.filter(
            tahun_id=laporan.tahun_id, bulan=laporan.bulan).first()
    return laporan._siap_periode


_CARI = object()


def pesan_periode(laporan: LaporanBulanan, sekarang: datetime.datetime,
                  periode=_CARI) -> list[Pesan]:
    """Why the month cannot be filled now; ``periode``: the row, when already read."""
    tahun, bulan = laporan.tahun.tahun, laporan.bulan
    lokal = timezone.localtime(sekarang)
    if periode is _CARI:
        periode = PeriodePelaporan.objects.filter(tahun_id=laporan.tahun_id, bulan=bulan).first()
    return periksa_periode(
        f"{nama_bulan(bulan)} {tahun}",
        terkunci=bool(periode and periode.dikunci),
        belum_mulai=(lokal.year, lokal.month) < (tahun, bulan),
    )


def _kunci(laporan: LaporanBulanan, revisi: int | None, oleh=None) -> LaporanBulanan:
    lap = LaporanBulanan.objects.select_for_update().select_related("tahun", "opd").get(
        pk=laporan.pk
    )
    if revisi is not None and lap.revisi != revisi:
        raise KonflikRevisi(lap, oleh=oleh)
    return lap


def _catat(lap: LaporanBulanan, dari: str, oleh, pada, catatan: str = "") -> None:
    RiwayatLaporan.objects.create(laporan=lap, dari=dari, ke=lap.status, oleh=oleh, pada=pada,
                                  catatan=catatan)


def simpan(
    laporan: LaporanBulanan,
    oleh,
    *,
    revisi: int,
    realisasi: dict[int, Nilai],
    fisik: dict[int, Nilai],
    semula: dict[Kunci, Nilai] | None = None,
    penjelasan: dict[str, str] | None = None,
    sekarang: datetime.datetime | None = None,
) -> HasilSimpan:
    """Save this month's realisasi per line and fisik per sub kegiatan (None: left blank) as
    the report's draft — no figure counts it until ``ajukan``.

    ``semula`` is what the user's page showed for each input when it was loaded; the save is
    merged with what is stored now field by field (``gabung``): inputs the page did not change
    are never written, inputs changed both here and elsewhere raise ``KonflikIsian`` (nothing
    written). Refuses the whole save (``LaporanDitolak``) on any error. Keys not among the
    OPD's own lines or sub kegiatan are refused as forbidden."""
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        lap = _kunci(laporan, None)
        if not lap.dapat_diubah:
            raise LaporanDitolak(
                f"Laporan berstatus {lap.get_status_display()} dan tidak dapat diubah."
            )
        if periode := pesan_periode(lap, sekarang):
            raise LaporanDitolak(periode)
        isi = muat_isi(lap)
        milik_baris = {b.rincian_id for b in isi.baris}
        milik_sub = {s.sub_kegiatan_id for s in isi.sub}
        if not set(realisasi) <= milik_baris or not set(fisik) <= milik_sub:
            raise PermissionDenied("Rincian atau sub kegiatan bukan milik perangkat daerah ini.")
        kini = isi.nilai_kini()
        baru = {(REALISASI, k): v for k, v in realisasi.items()}
        baru.update({(FISIK, k): v for k, v in fisik.items()})
        if semula is not None:  # an original of another OPD's input means nothing here
            semula = {k: v for k, v in semula.items() if k in kini}
        g = gabung(baru, kini, semula, revisi_sama=revisi == lap.revisi)
        if g.konflik:
            siapa = pengubah_terakhir(lap, [k.kunci for k in g.konflik])
            raise KonflikIsian(lap, [
                IsianBentrok(k.kunci, isi.label(k.kunci), k.anda, k.tersimpan,
                             siapa.get(k.kunci)) for k in g.konflik
            ], oleh)
        tulis_r, tulis_f = g.tulis_kolom(REALISASI), g.tulis_kolom(FISIK)
        pesan = periksa(lap.bulan, *isi.untuk_validasi(tulis_r, tulis_f))
        if errors := galat(pesan):
            raise LaporanDitolak(errors)

        draf.tulis_draf(lap, tulis_r, tulis_f, oleh, sekarang)
        if penjelasan:
            simpan_penjelasan(lap, oleh, penjelasan)
        lap.revisi += 1
        if lap.status == StatusLaporan.DIKEMBALIKAN:
            dari = lap.status
            lap.status = StatusLaporan.DRAFT
            _catat(lap, dari, oleh, sekarang, "Diperbaiki setelah dikembalikan.")
        lap.save()
        diubah_lain = []
        if g.diubah_lain:
            siapa = pengubah_terakhir(lap, g.diubah_lain)
            diubah_lain = [(isi.label(k), siapa.get(k)) for k in g.diubah_lain]
    return HasilSimpan([p for p in pesan if p.tingkat != "galat"], diubah_lain, len(g.tulis))


def bentrok_untuk(laporan: LaporanBulanan, kunci: list[Kunci], isian, oleh) -> list[IsianBentrok]:
    """The conflicts of these inputs as they stand now (for a page that must show them
    again): the user's value from ``isian``, the stored one, who stored it."""
    isi = muat_isi(laporan)
    kini = isi.nilai_kini()
    kunci = [k for k in kunci if k in kini]
    siapa = pengubah_terakhir(laporan, kunci)
    return [IsianBentrok(k, isi.label(k), isian.nilai(k), kini[k], siapa.get(k)) for k in kunci]


def ganti_realisasi(laporan: LaporanBulanan, oleh, realisasi: dict[int, Nilai], *,
                    alasan: str, sekarang: datetime.datetime | None = None) -> LaporanBulanan:
    """A verifier puts figures from elsewhere (SIPD) into this month's realisasi of some of the
    report's lines, whatever its status but verified: validated like a save, written with the
    verifier's name in the audit trail, and recorded in the report's history with ``alasan``."""
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        lap = _kunci(laporan, None)
        if lap.status == StatusLaporan.DIVERIFIKASI:
            raise LaporanDitolak("Laporan sudah diverifikasi; buka kembali dulu untuk mengubah "
                                 "angkanya.")
        if periode := pesan_periode(lap, sekarang):
            raise LaporanDitolak(periode)
        isi = muat_isi(lap)
        if not set(realisasi) <= {b.rincian_id for b in isi.baris}:
            raise PermissionDenied("Rincian bukan milik perangkat daerah ini.")
        if errors := galat(periksa(lap.bulan, *isi.untuk_validasi(realisasi, {}))):
            raise LaporanDitolak(errors)
        # official data at once, as an import by a verifier is; a draft of the same lines
        # would hide it from the operator and overwrite it at submission, so it goes
        draf.tetapkan_realisasi(lap, realisasi, oleh, sekarang)
        lap.revisi += 1
        lap.save()
        _catat(lap, lap.status, oleh, sekarang, alasan)
    return lap


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
                "realisasi": desimal(b.realisasi) if b.realisasi is not None else None,
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
    """Submit: refused while an error stands, a line with anggaran kas due or a sub kegiatan
    with pagu is blank, or a warning has no explanation. The report's values (the drafts over
    the official ones) become official data, which the leaders' figures count."""
    sekarang = sekarang or timezone.now()
    with transaction.atomic():
        lap = _kunci(laporan, revisi, oleh)
        if not lap.dapat_diubah:
            raise LaporanDitolak(
                f"Laporan berstatus {lap.get_status_display()}; tidak dapat diajukan lagi."
            )
        if periode := pesan_periode(lap, sekarang):
            raise LaporanDitolak(periode)
        isi = muat_isi(lap)
        baris, subs = isi.untuk_validasi()
        pesan = periksa(lap.bulan, baris, subs)
        kosong = periksa_lengkap(f"{nama_bulan(lap.bulan)} {lap.tahun.tahun}", baris, subs)
        dijelaskan = set(lap.penjelasan.values_list("kode", flat=True))
        menghalangi = (galat(pesan) + kosong
                       + peringatan_tanpa_penjelasan(pesan, dijelaskan))
        for _, lain in sebelum_diajukan.send(LaporanBulanan, laporan=lap):  # e.g. kinerja
            menghalangi += lain
        if menghalangi:
            raise LaporanDitolak(menghalangi)
        nomor = lap.snapshot.count() + 1
        SnapshotLaporan.objects.create(laporan=lap, nomor=nomor, dibuat_pada=sekarang,
                                       oleh=oleh, data=snapshot_data(isi))
        # From here on the report's values are official: every figure counts them.
        dibuang = draf.terbitkan(lap, oleh, sekarang, isi)
        dari = lap.status
        lap.status = StatusLaporan.DIAJUKAN
        lap.diajukan_pada = sekarang
        lap.pertama_diajukan_pada = lap.pertama_diajukan_pada or sekarang
        lap.revisi += 1
        lap.save()
        _catat(lap, dari, oleh, sekarang, draf.pesan_dibuang(dibuang))
    lap.draf_dibuang = dibuang
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
