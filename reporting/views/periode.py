"""The periods page of the Bagian Administrasi Pembangunan: each month's reporting deadline and
lock for a year, changed with a written reason, and the log of every change. Verifikator and
admin only (the same people who verify reports); operators and pimpinan get 403."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.akses import wajib_verifikator
from budget.models import TahunAnggaran
from lib.periode import nama_bulan

from .. import periode as layanan
from ..forms import PeriodeBatasForm, PeriodeKunciForm
from ..models import CatatanPeriode

CATATAN_DITAMPILKAN = 200


def _wajib_pengatur(user) -> None:
    wajib_verifikator(user, "Hanya verifikator dan admin yang dapat mengatur periode pelaporan.")


def _tampilkan(request, tahun: int, *, galat_bulan: int | None = None, form=None,
               tindakan: str = "", status: int = 200):
    tersedia = list(TahunAnggaran.objects.order_by("-tahun").values_list("tahun", flat=True))
    ta = TahunAnggaran.objects.filter(tahun=tahun).first()
    konteks = {"tahun": tahun, "tahun_tersedia": tersedia,
               "hari_batas": settings.SIAP_HARI_BATAS_LAPOR}
    if ta is None:
        konteks["pesan"] = (f"Tahun anggaran {tahun} belum ada di SIAP. Tahun yang tersedia: "
                            f"{', '.join(map(str, tersedia))}." if tersedia
                            else "Belum ada tahun anggaran di SIAP.")
        return render(request, "reporting/periode.html", konteks, status=404)
    sekarang = timezone.now()
    bulan = []
    for b in layanan.daftar_bulan(ta):
        lokal = timezone.localtime(b.batas)
        form_batas = PeriodeBatasForm(prefix=f"b{b.bulan}", initial={
            "tanggal": lokal.date(), "jam": lokal.time().replace(second=0)})
        form_kunci = PeriodeKunciForm(prefix=f"k{b.bulan}")
        if b.bulan == galat_bulan:
            if tindakan == "batas":
                form_batas = form
            else:
                form_kunci = form
        bulan.append({"b": b, "lewat": sekarang > b.batas, "form_batas": form_batas,
                      "form_kunci": form_kunci, "galat": b.bulan == galat_bulan,
                      "tindakan_galat": tindakan if b.bulan == galat_bulan else ""})
    konteks.update({
        "ta": ta,
        "bulan": bulan,
        "catatan": CatatanPeriode.objects.filter(tahun=ta).select_related("oleh")
        [:CATATAN_DITAMPILKAN],
        "catatan_batas": CATATAN_DITAMPILKAN,
    })
    return render(request, "reporting/periode.html", konteks, status=status)


@login_required
def periode(request, tahun):
    _wajib_pengatur(request.user)  # first: an operator learns 403, whatever the method
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return _tampilkan(request, tahun)


@login_required
@require_POST
def periode_ubah(request, tahun, bulan):
    _wajib_pengatur(request.user)
    ta = get_object_or_404(TahunAnggaran, tahun=tahun)
    if not 1 <= bulan <= 12:
        raise Http404("Bulan tidak dikenal.")
    tindakan = request.POST.get("tindakan", "")
    if tindakan == "batas":
        form = PeriodeBatasForm(request.POST, prefix=f"b{bulan}")
    elif tindakan in ("kunci", "buka"):
        form = PeriodeKunciForm(request.POST, prefix=f"k{bulan}")
    else:
        return HttpResponseBadRequest("Tindakan tidak dikenal; muat ulang halaman.")
    if form.is_valid():
        alasan = form.cleaned_data["alasan"]
        try:
            if tindakan == "batas":
                layanan.atur_batas(ta, bulan, form.batas(), request.user, alasan=alasan)
                pesan = f"Batas waktu laporan {nama_bulan(bulan)} {tahun} disimpan."
            elif tindakan == "kunci":
                layanan.kunci(ta, bulan, request.user, alasan=alasan)
                pesan = f"{nama_bulan(bulan)} {tahun} dikunci: laporannya tidak dapat diubah lagi."
            else:
                layanan.buka(ta, bulan, request.user, alasan=alasan)
                pesan = f"Kunci {nama_bulan(bulan)} {tahun} dibuka."
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for nama, daftar in exc.error_dict.items():
                    form.add_error(nama if nama in form.fields else None, daftar)
            else:
                form.add_error(None, exc)
    if not form.is_valid():
        return _tampilkan(request, tahun, galat_bulan=bulan, form=form, tindakan=tindakan,
                          status=422)
    messages.success(request, pesan)
    return redirect(reverse("reporting:periode", args=[tahun]) + f"#bulan-{bulan}")
