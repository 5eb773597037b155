"""The write endpoint: an OPD's monthly realisasi, through the same services and validation as
the report form (``reporting.services.simpan``/``ajukan``, ``reporting.validasi``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from ninja import Path, Router, Status

from accounts.akses import opd_atau_404, wajib_boleh_mengisi
from lib.angka import AngkaTidakValid, baca_angka
from lib.rupiah import desimal
from reporting import services
from reporting.forms import IsianLaporan, SalahBaca
from reporting.isi import muat_isi
from reporting.models import LaporanBulanan
from reporting.salah_baca import pesan_salah_baca
from reporting.services import KonflikIsian, KonflikRevisi, LaporanDitolak
from reporting.validasi import Pesan

from . import schemas as s
from .tahun import tahun_atau_404

router = Router(tags=["tulis"])


def _pesan(p: Pesan) -> dict:
    return {"tingkat": str(p.tingkat), "kode": p.kode, "pesan": p.pesan,
            "rincian_id": p.rincian_id, "sub_kegiatan_id": p.sub_kegiatan_id}


def _ditolak(pesan: list[Pesan]) -> Status:
    return Status(422, {"detail": "; ".join(p.pesan for p in pesan),
                        "galat": [_pesan(p) for p in pesan]})


def _angka(teks: str | None, persen: bool = False):
    """A plain-style number ("1250000.50"); None for null or "" (left blank)."""
    if teks is None or not teks.strip():
        return None
    teks = teks.strip()
    return baca_angka(teks.removesuffix("%") if persen else teks, "polos")


def _baca(body: s.IsianLaporanAPI) -> IsianLaporan:
    """The body as the form's ``IsianLaporan``: amounts in plain style ("1250000.50"),
    unreadable ones collected in ``salah`` to be reported naming their line. An item's
    ``semula``, when sent (even as null), is its original for the field-by-field merge."""
    isian = IsianLaporan(revisi=body.revisi, penjelasan=dict(body.penjelasan), semula={})
    for kolom, daftar, kunci, nilai in (("r", body.realisasi, "rincian_id", "jumlah"),
                                        ("f", body.fisik, "sub_kegiatan_id", "persen")):
        tujuan = isian.realisasi if kolom == "r" else isian.fisik
        for item in daftar:
            pk, teks = getattr(item, kunci), getattr(item, nilai)
            try:
                tujuan[pk] = _angka(teks, kolom == "f")
                if "semula" in item.model_fields_set:
                    isian.semula[kolom, pk] = _angka(item.semula, kolom == "f")
            except AngkaTidakValid as exc:
                isian.salah.append(SalahBaca(kolom, pk, (teks or "").strip(), str(exc)))
    return isian


def _bentrok(b) -> dict:
    p = b.pengubah
    return {"jenis": "realisasi" if b.kunci[0] == "r" else "fisik", "id": b.kunci[1],
            "label": b.label, "anda": desimal(b.anda), "tersimpan": desimal(b.tersimpan),
            "diubah_oleh": p.oleh.username if p and p.oleh else None,
            "diubah_pada": p.pada.isoformat() if p else None}


@router.put(
    "/opd/{kode}/laporan/{tahun}/{bulan}",
    response={200: s.HasilSimpan, 400: s.Galat, 401: s.Galat, 403: s.Galat, 404: s.Galat, 409: s.Konflik,
              422: s.Ditolak},
    operation_id="simpan_laporan", summary="Simpan (dan ajukan) realisasi bulanan OPD",
)
def simpan_laporan(request, kode: str, body: s.IsianLaporanAPI,
                   tahun: int = Path(..., ge=2000, le=2100), bulan: int = Path(..., ge=1, le=12)):
    """Realisasi keuangan bulan ini per rincian dan realisasi fisik kumulatif per sub kegiatan,
    divalidasi persis seperti formulir laporan, disimpan sebagai draf (belum dihitung dalam
    rekap sampai diajukan). Hanya operator OPD itu (dan admin) yang boleh; verifikator dan
    pimpinan hanya membaca (403). Semua-atau-tidak-sama-sekali: satu galat, atau pengajuan
    (`ajukan: true`) yang ditolak, membatalkan seluruh penyimpanan (422); pengajuan menolak isian
    yang masih kosong (rincian dengan anggaran kas, sub kegiatan dengan pagu). Isian yang juga
    diubah orang lain sejak dibaca (lihat `semula`) dijawab 409 dengan daftar `konflik`, tanpa
    menyimpan apa pun."""
    opd = opd_atau_404(request.user, kode=kode)
    wajib_boleh_mengisi(request.user)
    ta = tahun_atau_404(tahun)
    isian = _baca(body)
    sekarang = timezone.now()
    lokal = timezone.localtime(sekarang)
    if (lokal.year, lokal.month) < (tahun, bulan):
        # A month not yet begun: refused without leaving an empty report behind.
        return _ditolak(services.pesan_periode(LaporanBulanan(tahun=ta, opd=opd, bulan=bulan),
                                               sekarang))
    lap = services.laporan_untuk(opd, tahun, bulan)
    if isian.salah:
        return _ditolak(pesan_salah_baca(muat_isi(lap), isian))
    try:
        with transaction.atomic():
            peringatan = services.simpan(lap, request.user, revisi=isian.revisi,
                                         realisasi=isian.realisasi, fisik=isian.fisik,
                                         semula=isian.semula, penjelasan=isian.penjelasan,
                                         sekarang=sekarang).peringatan
            lap.refresh_from_db()
            if body.ajukan:
                lap = services.ajukan(lap, request.user, revisi=lap.revisi, sekarang=sekarang)
                peringatan = []
    except KonflikIsian as exc:
        return Status(409, {"detail": str(exc), "revisi": exc.laporan.revisi,
                            "konflik": [_bentrok(b) for b in exc.bentrok]})
    except KonflikRevisi as exc:
        return Status(409, {"detail": str(exc), "revisi": exc.laporan.revisi})
    except LaporanDitolak as exc:
        return _ditolak(exc.pesan)
    return {"status": lap.status, "revisi": lap.revisi, "peringatan": [_pesan(p) for p in peringatan]}
