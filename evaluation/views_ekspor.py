"""Downloads of the Rakor POP pack — PDF, XLSX, CSV — for the leaders. The pack covers the whole
pemda, so an operator (who sees only their own OPD) is refused, as on the Bahan Rakor page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

from .ekspor_pdf import PdfTidakTersedia, pdf_rakor
from .ekspor_xlsx import xlsx_rakor
from .paket import paket_rakor
from .serializers import rekap_csv
from .views import periode_halaman

JENIS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def nama_berkas(tahun: int, bulan: int, fmt: str) -> str:
    return f"rakor-pop-{tahun}-{bulan:02d}.{fmt}"


def isi_berkas(paket, fmt: str) -> bytes:
    """The bytes of one output of the pack; the CLI writes the same."""
    if fmt == "pdf":
        return pdf_rakor(paket)
    if fmt == "xlsx":
        return xlsx_rakor(paket)
    return rekap_csv(paket.hasil, paket.cakupan).encode("utf-8")


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
        from .queries import hitung_rekap

        isi = rekap_csv(hitung_rekap(tahun, bulan)).encode("utf-8")
    else:
        try:
            isi = isi_berkas(paket_rakor(tahun, bulan), fmt)
        except PdfTidakTersedia as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    respons = HttpResponse(isi, content_type=JENIS[fmt])
    respons["Content-Disposition"] = f'attachment; filename="{nama_berkas(tahun, bulan, fmt)}"'
    return respons
