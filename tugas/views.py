"""A job's page: its progress, polled every 2 seconds (htmx, and a refresh without script),
then its result — a download, or the app's own result page. Only the user who started a job
sees it; for anyone else it does not exist (404)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import render

from .layanan import path_berkas
from .models import StatusTugas, Tugas
from .tampil import konteks_tugas


def _milik(request, pk) -> Tugas:
    """The user's own job — looked up before the HTTP method is checked, so that another user
    learns nothing from any request."""
    try:
        tugas = Tugas.objects.get(pk=pk, pemilik=request.user)
    except (Tugas.DoesNotExist, ValueError):
        raise Http404("Tugas tidak ditemukan.") from None
    if request.method not in ("GET", "HEAD"):
        raise MetodeSalah
    return tugas


class MetodeSalah(Exception):
    pass


def hanya_get(view):
    @wraps(view)
    def bungkus(request, pk):
        try:
            return view(request, pk)
        except MetodeSalah:
            return HttpResponseNotAllowed(["GET", "HEAD"])
    return bungkus


@login_required
@hanya_get
def lihat(request, pk):
    return render(request, "tugas/lihat.html", konteks_tugas(_milik(request, pk)))


@login_required
@hanya_get
def status(request, pk):
    """The status block alone, for the page's polling; once the job ends, an import's result
    page is opened at once (HX-Redirect)."""
    konteks = konteks_tugas(_milik(request, pk))
    respons = render(request, "tugas/_status.html", konteks)
    tugas = konteks["tugas"]
    if tugas.status == StatusTugas.SELESAI and tugas.url_hasil:
        respons["HX-Redirect"] = tugas.url_hasil
    return respons


@login_required
@hanya_get
def unduh(request, pk):
    tugas = _milik(request, pk)
    path = path_berkas(tugas) if tugas.status == StatusTugas.SELESAI else None
    if path is None:
        raise Http404("Berkas hasil tugas ini tidak ada (belum selesai atau sudah dihapus).")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=tugas.nama_berkas,  # noqa: SIM115
                        content_type=tugas.jenis_isi)
