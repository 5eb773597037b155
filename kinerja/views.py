"""The kinerja pages: the overview (``/kinerja/``), one OPD's indicators with their targets
and quarters, and the downloads — E.81 of an OPD, E.79 of the pemda, the indicators in the
import format. Every OPD page resolves the OPD through ``kinerja.akses`` first: another
OPD's operator gets 404 whatever the URL says; the pemda forms are for leaders."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.akses import opd_atau_404, saring_opd
from budget.models import PerangkatDaerah, TahunAnggaran
from lib.periode import TRIWULAN_ROMAWI
from tugas.layanan import TerlaluBanyakTugas, antrekan
from tugas.models import AKTIF, JenisTugas, Tugas

from .akses import boleh_kelola_pemda, wajib_pembaca_pemda
from .ekspor_evaluasi import xlsx_evaluasi
from .evaluasi import form_e79, form_e81, nilai_k
from .impor import ekspor_indikator
from .models import IndikatorKinerja, RealisasiIndikator
from .periode import baca_periode
from .susunan import indikator_opd, susun
from .tugas_evaluasi import nama_berkas

JENIS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _berkas(isi: bytes, fmt: str, nama: str) -> HttpResponse:
    respons = HttpResponse(isi, content_type=JENIS[fmt])
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


def _tahun(tahun: int) -> None:
    if not TahunAnggaran.objects.filter(tahun=tahun).exists():
        raise Http404(f"Tahun anggaran {tahun} belum ada di SIAP.")


def _triwulan_daftar() -> list[dict]:
    return [{"tw": i, "romawi": r} for i, r in enumerate(TRIWULAN_ROMAWI, 1)]


@login_required
def beranda(request):
    periode = baca_periode(request.GET)
    tahun = periode["tahun"]
    qs = saring_opd(request.user, PerangkatDaerah.objects.filter(rincian__tahun__tahun=tahun)
                    .distinct(), kolom="pk")
    jumlah = {}
    for opd_id in IndikatorKinerja.objects.filter(tahun__tahun=tahun).values_list("opd_id",
                                                                                  flat=True):
        jumlah[opd_id] = jumlah.get(opd_id, 0) + 1
    daftar = [{"opd": o, "jumlah": jumlah.get(o.pk, 0)} for o in qs.order_by("kode")]
    return render(request, "kinerja/beranda.html", {
        **periode, "daftar": daftar, "triwulan_daftar": _triwulan_daftar(),
        "pembaca_pemda": request.user.lihat_semua_opd or boleh_kelola_pemda(request.user),
        "bappeda": boleh_kelola_pemda(request.user),
    })


@login_required
def opd(request, opd_id: int):
    o = opd_atau_404(request.user, opd_id)
    periode = baca_periode(request.GET)
    tahun, tw = periode["tahun"], periode["triwulan"]
    indikator = list(indikator_opd(tahun, o.pk))
    realisasi: dict[int, dict[int, object]] = {}
    for iid, k, v in RealisasiIndikator.objects.filter(indikator__in=indikator).values_list(
            "indikator_id", "triwulan", "nilai"):
        realisasi.setdefault(iid, {})[k] = v
    baris = [{"baris": b, "nilai": [nilai_k(i, realisasi.get(i.pk, {}), tw)
                                    for i in b.indikator]}
             for b in susun([], indikator)]
    return render(request, "kinerja/opd.html", {
        **periode, "opd": o, "baris": baris, "jumlah_indikator": len(indikator),
        "triwulan_daftar": _triwulan_daftar(),
    })


def _format(fmt: str, boleh=("xlsx", "pdf")) -> None:
    if fmt not in boleh:
        raise Http404(f"Format “{fmt}” tidak tersedia; pilih {' atau '.join(boleh)}.")


def _evaluasi_unduh(request, fmt: str, tahun: int, triwulan: int, opd=None):
    """The XLSX at once; the PDF (seconds of layout) as a background job whose page offers the
    file — the same job again while it runs (a reload, a double click), not another."""
    nama = nama_berkas(tahun, triwulan, fmt, opd)
    if fmt == "xlsx":
        f = form_e81(tahun, triwulan, opd) if opd else form_e79(tahun, triwulan)
        return _berkas(xlsx_evaluasi(f), fmt, nama)
    parameter = {"tahun": tahun, "triwulan": triwulan, "opd": opd.pk if opd else None}
    ada = Tugas.objects.filter(pemilik=request.user, jenis=JenisTugas.EVALUASI_PDF,
                               status__in=AKTIF, parameter=parameter).first()
    if ada is None:
        try:
            ada = antrekan(JenisTugas.EVALUASI_PDF, request.user,
                           f"{'E.81' if opd else 'E.79'} PDF — {nama}", parameter)
        except TerlaluBanyakTugas as exc:
            messages.error(request, str(exc))
            return redirect(request.META.get("HTTP_REFERER") or reverse("kinerja:beranda"))
    return redirect("tugas:lihat", pk=ada.pk)


@login_required
def e81_unduh(request, opd_id: int, tahun: int, triwulan: int, fmt: str):
    o = opd_atau_404(request.user, opd_id)
    _format(fmt)
    _tahun(tahun)
    if triwulan not in (1, 2, 3, 4):
        raise Http404("Triwulan harus 1 sampai 4.")
    return _evaluasi_unduh(request, fmt, tahun, triwulan, o)


@login_required
def e79_unduh(request, tahun: int, triwulan: int, fmt: str):
    wajib_pembaca_pemda(request.user)
    _format(fmt)
    _tahun(tahun)
    if triwulan not in (1, 2, 3, 4):
        raise Http404("Triwulan harus 1 sampai 4.")
    return _evaluasi_unduh(request, fmt, tahun, triwulan)


@login_required
def indikator_unduh(request, opd_id: int, tahun: int, fmt: str):
    """The OPD's indicators in the import format (``siap impor indikator`` reads it back)."""
    o = opd_atau_404(request.user, opd_id)
    _format(fmt, ("xlsx", "csv"))
    _tahun(tahun)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"indikator.{fmt}"
        ekspor_indikator(path, tahun=tahun, opd_id=o.pk)
        isi = path.read_bytes()
    return _berkas(isi, fmt, f"indikator-{o.kode}-{tahun}.{fmt}")
