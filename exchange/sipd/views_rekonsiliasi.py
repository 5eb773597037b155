"""The reconciliation page (every OPD: SIAP against the last SIPD import of the month), the
verifier's "accept SIPD's figures", the import log, and the sub unit → OPD mapping."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lib.periode import NAMA_BULAN
from reporting.models import LaporanBulanan
from reporting.services import LaporanDitolak

from .akses import hanya_pengimpor
from .forms import UnitForm
from .models import ImporSipd, JenisBerkasSipd, PemetaanUnitSipd, SipdDiterima
from .rekonsiliasi import rekonsiliasi, terima_sipd
from .teks import baris_hasil


def _periode(request) -> tuple[int, int]:
    terakhir = ImporSipd.objects.filter(jenis=JenisBerkasSipd.REALISASI).order_by(
        "-tanggal", "-pada").values_list("tahun", "bulan").first()
    hari_ini = timezone.localdate()
    tahun, bulan = terakhir or (hari_ini.year, hari_ini.month)
    try:
        tahun = int(request.GET.get("tahun", tahun))
        bulan = int(request.GET.get("bulan", bulan))
    except ValueError:
        pass
    return (tahun if 2000 <= tahun <= 2100 else hari_ini.year), (bulan if 1 <= bulan <= 12 else 1)


@login_required
@hanya_pengimpor
@require_GET
def halaman_rekonsiliasi(request):
    tahun, bulan = _periode(request)
    impor, baris = rekonsiliasi(tahun, bulan)
    beda = [b for b in baris if b.selisih]
    return render(request, "sipd/rekonsiliasi.html", {
        "tahun": tahun, "bulan": bulan, "nama_bulan": NAMA_BULAN[bulan - 1], "impor": impor,
        "baris": baris, "beda": len(beda), "bulan_pilihan": list(enumerate(NAMA_BULAN, 1)),
        "total_siap": sum(b.siap for b in baris), "total_sipd": sum(b.sipd or 0 for b in baris),
        "diterima": SipdDiterima.objects.filter(laporan__tahun__tahun=tahun, laporan__bulan=bulan)
        .select_related("laporan__opd", "oleh", "impor")[:20],
    })


@login_required
@hanya_pengimpor
@require_POST
def terima(request, pk):
    laporan = get_object_or_404(LaporanBulanan.objects.select_related("tahun", "opd"), pk=pk)
    try:
        d = terima_sipd(laporan, request.user)
        messages.success(request, f"Angka SIPD diterima ke laporan {laporan.opd.nama}: "
                                  f"{d.jumlah_rincian} rincian diubah; tercatat di riwayat laporan.")
    except LaporanDitolak as exc:
        messages.error(request, "Angka SIPD tidak dapat diterima: " + str(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    lanjut = request.POST.get("lanjut", "")
    if lanjut and url_has_allowed_host_and_scheme(lanjut, {request.get_host()}):
        return redirect(lanjut)
    return redirect("reporting:pemeriksaan", pk=laporan.pk)


@login_required
@hanya_pengimpor
@require_GET
def riwayat(request):
    halaman = Paginator(ImporSipd.objects.select_related("oleh", "versi"), 50).get_page(
        request.GET.get("halaman"))
    for i in halaman:
        i.baris_label = baris_hasil(i.baris)
    return render(request, "sipd/riwayat.html", {"halaman": halaman})


@login_required
@hanya_pengimpor
@require_http_methods(["GET", "HEAD", "POST"])
def unit(request):
    awal = {k: request.GET[k] for k in ("kode", "nama") if k in request.GET}
    form = UnitForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        p = form.save(commit=False)
        p.oleh = request.user
        p.save()
        messages.success(request, f"Sub unit {p.kode} dipetakan ke {p.opd.nama}.")
        return redirect("sipd:unit")
    return render(request, "sipd/unit.html", {
        "form": form, "daftar": PemetaanUnitSipd.objects.select_related("opd", "oleh"),
    }, status=422 if request.method == "POST" else 200)


@login_required
@hanya_pengimpor
@require_POST
def unit_hapus(request, pk):
    p = get_object_or_404(PemetaanUnitSipd, pk=pk)
    p.delete()
    messages.success(request, f"Pemetaan sub unit {p.kode} dihapus.")
    return redirect("sipd:unit")
