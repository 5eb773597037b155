"""Form A (``/kinerja/form-a/<opd>/``), Form B (``/kinerja/form-b/``) and the RFK table
(``/kinerja/rfk/``, ``/kinerja/rfk/<opd>/``) as pages and, with ``?unduh=xlsx``, as
spreadsheets of the same cells. An OPD's forms are scoped like its other pages (another
OPD's operator: 404); the pemda's list only the OPD the user may see, with the pemda's sums."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from accounts.akses import cakupan_opd, opd_atau_404

from .bentuk import form_a as data_form_a
from .bentuk import form_b as data_form_b
from .ekspor_bentuk import xlsx_tabel
from .periode import baca_periode
from .tabel import Tabel, tabel_form_a, tabel_form_b, tabel_rfk

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _tampil(request, tabel: Tabel, periode: dict, nama: str, **lain):
    if request.GET.get("unduh") == "xlsx":
        respons = HttpResponse(xlsx_tabel(tabel, periode), content_type=XLSX)
        respons["Content-Disposition"] = (
            f'attachment; filename="{nama}-{periode["tahun"]}-{periode["bulan"]:02d}.xlsx"')
        return respons
    return render(request, "kinerja/bentuk.html", {**periode, "tabel": tabel, **lain})


@login_required
def form_a(request, opd_id: int):
    o = opd_atau_404(request.user, opd_id)
    periode = baca_periode(request.GET)
    b = data_form_a(periode["tahun"], periode["bulan"], o)
    return _tampil(request, tabel_form_a(b), periode, f"form-a-{o.kode}", opd=o, bentuk=b,
                   jenis="form_a")


@login_required
def form_b(request):
    periode = baca_periode(request.GET)
    terlihat = cakupan_opd(request.user)
    b = data_form_b(periode["tahun"], periode["bulan"], terlihat)
    return _tampil(request, tabel_form_b(b), periode, "form-b", bentuk=b, jenis="form_b",
                   terbatas=terlihat.terbatas)


@login_required
def rfk(request):
    periode = baca_periode(request.GET)
    terlihat = cakupan_opd(request.user)
    b = data_form_b(periode["tahun"], periode["bulan"], terlihat)
    return _tampil(request, tabel_rfk(b), periode, "rfk", bentuk=b, jenis="rfk",
                   terbatas=terlihat.terbatas)


@login_required
def rfk_opd(request, opd_id: int):
    o = opd_atau_404(request.user, opd_id)
    periode = baca_periode(request.GET)
    b = data_form_a(periode["tahun"], periode["bulan"], o)
    return _tampil(request, tabel_rfk(b), periode, f"rfk-{o.kode}", opd=o, bentuk=b,
                   jenis="rfk_opd")
