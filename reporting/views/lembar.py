"""The pre-filled realisasi sheet (lembar isian) of a monthly report: download and upload.

The upload is the report form by another road: the sheet is read into the same
``realisasi``/``fisik`` dicts the form posts, and saved by ``services.simpan`` with the
revision and the download-time values written in the sheet — the same validation, the same
field-by-field merge with what changed since the download, all or nothing.
Errors are shown on the report page, each naming the sheet's row, column, value and reason.
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.akses import opd_atau_404, wajib_boleh_mengisi
from lib.periode import nama_bulan

from .. import services
from ..forms import IsianLaporan
from ..isi import muat_isi
from ..lembar import LEMBAR_FISIK, LEMBAR_REALISASI, buat_lembar
from ..lembar_baca import baca_lembar
from ..services import KonflikIsian, KonflikRevisi, LaporanDitolak
from ..unggah import periksa_ukuran
from ..validasi import Pesan, Tingkat
from .formulir import laporan_formulir, tampilkan_formulir, url_formulir
from .formulir_konflik import setelah_konflik, teks_diubah_lain

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def unduh(request, opd_id, tahun, bulan):
    opd = opd_atau_404(request.user, opd_id)  # before the method: another OPD learns nothing
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    lap = laporan_formulir(opd, tahun, bulan)
    isi = muat_isi(lap)
    nama = f"lembar-isian-{opd.kode}-{tahun}-{bulan:02d}.xlsx"
    return HttpResponse(buat_lembar(isi), content_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{nama}"'})


def _dengan_baris(pesan: list[Pesan], baris_rincian: dict[int, int],
                  baris_sub: dict[int, int]) -> list[Pesan]:
    """The form's messages, each prefixed with the sheet row it comes from."""
    hasil = []
    for p in pesan:
        if p.rincian_id in baris_rincian:
            p = replace(p, pesan=f"Lembar {LEMBAR_REALISASI} baris {baris_rincian[p.rincian_id]}"
                                 f" — {p.pesan}")
        elif p.sub_kegiatan_id in baris_sub:
            p = replace(p, pesan=f"Lembar {LEMBAR_FISIK} baris {baris_sub[p.sub_kegiatan_id]}"
                                 f" — {p.pesan}")
        hasil.append(p)
    return hasil


@login_required
@require_POST
def unggah(request, opd_id, tahun, bulan):
    opd = opd_atau_404(request.user, opd_id)
    wajib_boleh_mengisi(request.user)
    lap = laporan_formulir(opd, tahun, bulan)
    berkas = request.FILES.get("lembar")
    if berkas is None:
        messages.error(request, "Pilih berkas lembar isian (.xlsx) yang akan diunggah.")
        return redirect(url_formulir(lap))
    try:
        periksa_ukuran(berkas)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(url_formulir(lap))
    if lap.pk is None:  # a month not yet begun
        for p in services.pesan_periode(lap, timezone.now()):
            messages.error(request, p.pesan)
        return redirect(url_formulir(lap))

    isi = muat_isi(lap)
    lembar = baca_lembar(berkas, isi)
    isian = IsianLaporan(revisi=lembar.revisi, teks_realisasi=lembar.teks_realisasi,
                         teks_fisik=lembar.teks_fisik, realisasi=lembar.realisasi,
                         fisik=lembar.fisik, semula=lembar.semula)
    if lembar.galat:
        galat = [Pesan(Tingkat.GALAT, f"lembar:{i}", str(g))
                 for i, g in enumerate(lembar.galat.daftar())]
        return tampilkan_formulir(request, lap, isian=isian if lembar.revisi is not None else None,
                          galat_lain=galat, status=422)
    try:
        hasil = services.simpan(lap, request.user, revisi=lembar.revisi,
                                realisasi=lembar.realisasi, fisik=lembar.fisik,
                                semula=lembar.semula)
    except KonflikIsian as exc:
        setelah_konflik(isian)
        return tampilkan_formulir(request, exc.laporan, isian=isian, bentrok=exc.bentrok,
                          revisi=exc.laporan.revisi,
                          konflik=str(exc) + " (Lembar isian yang diunggah dibuat sebelum "
                                             "perubahan itu.)", status=409)
    except KonflikRevisi as exc:
        return tampilkan_formulir(request, exc.laporan, isian=isian, revisi=exc.laporan.revisi,
                          konflik=str(exc) + " Lembar isian yang diunggah dibuat dari revisi "
                                             "sebelumnya.", status=409)
    except LaporanDitolak as exc:
        return tampilkan_formulir(request, lap, isian=isian, revisi=lembar.revisi, status=422,
                          galat_lain=_dengan_baris(exc.pesan, lembar.baris_rincian,
                                                   lembar.baris_sub))
    messages.success(request, f"Lembar isian diunggah: laporan {nama_bulan(lap.bulan)} "
                              f"{lap.tahun.tahun} tersimpan sebagai draf ({hasil.ditulis} isian "
                              f"berubah dari {len(lembar.realisasi)} rincian dan "
                              f"{len(lembar.fisik)} sub kegiatan).")
    if hasil.diubah_lain:
        messages.info(request, teks_diubah_lain(hasil.diubah_lain, request.user))
    return redirect(url_formulir(lap))
