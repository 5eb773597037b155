"""Downloads of the Rakor POP pack — PDF, XLSX, CSV — for the leaders. The pack covers the whole
pemda, so an operator (who sees only their own OPD) is refused, as on the Bahan Rakor page.

The CSV (the OPD table) is answered at once. The PDF and the XLSX gather the whole pack and lay
it out, seconds of CPU: they are background jobs (``evaluation.tugas_rakor``), and the leader
is sent to the job's page, which shows its progress and then the download. A PDF already laid
out for the very same pack (prepared in the background when a leader opened the dashboard, or
downloaded before) is not queued: the job is recorded as done at once, its file ready."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tugas.layanan import TerlaluBanyakTugas, antrekan, catat_selesai, path_berkas
from tugas.models import AKTIF, JenisTugas, StatusTugas, Tugas

from .berkas_rakor import JENIS, isi_berkas, nama_berkas
from .ekspor_pdf import pdf_rakor_tersimpan
from .paket import paket_rakor
from .views import periode_halaman

__all__ = ["JENIS", "isi_berkas", "nama_berkas", "rakor_unduh"]
TUGAS = {"pdf": JenisTugas.RAKOR_PDF, "xlsx": JenisTugas.RAKOR_XLSX}


@login_required
def rakor_unduh(request, fmt: str):
    if fmt not in JENIS:
        raise Http404(f"Format “{fmt}” tidak tersedia; pilih pdf, xlsx atau csv.")
    if not request.user.lihat_semua_opd:
        raise PermissionDenied("Bahan Rakor POP hanya untuk verifikator dan pimpinan.")
    _, tahun, bulan, galat = periode_halaman(request, "evaluation/bahan_rakor.html",
                                             cakupan=False)
    if galat is not None:
        return galat
    if fmt == "csv":  # the OPD table only: no need to gather the whole pack
        from .cakupan_data import ambil_cakupan
        from .queries import hitung_rekap
        from .serializers import rekap_csv

        isi = rekap_csv(hitung_rekap(tahun, bulan), ambil_cakupan(tahun, bulan))
        respons = HttpResponse(isi.encode("utf-8"),
                               content_type=JENIS[fmt])
        respons["Content-Disposition"] = f'attachment; filename="{nama_berkas(tahun, bulan, fmt)}"'
        return respons
    parameter = {"tahun": tahun, "bulan": bulan}
    judul = f"Bahan Rakor POP {fmt.upper()} — {nama_berkas(tahun, bulan, fmt)}"
    if fmt == "pdf" and (tersimpan := pdf_rakor_tersimpan(paket_rakor(tahun, bulan))):
        return redirect("tugas:lihat", pk=_tugas_selesai(request.user, judul, parameter,
                                                          *tersimpan).pk)
    # the same pack asked for again while it is being made: the same job (a reload, a double
    # click), not another
    ada = Tugas.objects.filter(pemilik=request.user, jenis=TUGAS[fmt], status__in=AKTIF,
                               parameter=parameter).first()
    if ada is None:
        try:
            ada = antrekan(TUGAS[fmt], request.user, judul, parameter)
        except TerlaluBanyakTugas as exc:
            messages.error(request, str(exc))
            return redirect(f"{reverse('evaluation:bahan_rakor')}?tahun={tahun}&bulan={bulan}")
    return redirect("tugas:lihat", pk=ada.pk)


def _tugas_selesai(pemilik, judul: str, parameter: dict, sidik: str, isi: bytes) -> Tugas:
    """The user's finished job holding this very PDF (a second click, a reload of the link),
    while its file is kept; else a new one, recorded as done at once."""
    for ada in Tugas.objects.filter(pemilik=pemilik, jenis=JenisTugas.RAKOR_PDF,
                                    status=StatusTugas.SELESAI, hasil__sidik=sidik):
        if path_berkas(ada) is not None:
            return ada
    return catat_selesai(JenisTugas.RAKOR_PDF, pemilik, judul, parameter, isi,
                         nama_berkas(parameter["tahun"], parameter["bulan"], "pdf"), JENIS["pdf"],
                         hasil={"sidik": sidik})
