"""The E.81/E.79 PDF as a background job: laying out dozens of pages takes seconds of CPU
(the pemda's E.79 the most), which must not hold a web worker; the user downloads the file
from the job's page. The view scoped the OPD before queueing; the job only builds the file."""

from __future__ import annotations

from budget.models import PerangkatDaerah
from tugas.layanan import TugasGagal, penangan, simpan_berkas
from tugas.models import JenisTugas

from .ekspor_pdf import PdfTidakTersedia, pdf_evaluasi
from .evaluasi import form_e79, form_e81


def nama_berkas(tahun: int, triwulan: int, fmt: str, opd: PerangkatDaerah | None = None) -> str:
    if opd is None:
        return f"e79-{tahun}-tw{triwulan}.{fmt}"
    return f"e81-{opd.kode}-{tahun}-tw{triwulan}.{fmt}"


@penangan(JenisTugas.EVALUASI_PDF)
def evaluasi_pdf(tugas, lapor) -> dict:
    p = tugas.parameter
    tahun, triwulan = p["tahun"], p["triwulan"]
    opd = PerangkatDaerah.objects.get(pk=p["opd"]) if p.get("opd") else None
    lapor("Mengumpulkan indikator dan angka", 10)
    form = form_e81(tahun, triwulan, opd) if opd else form_e79(tahun, triwulan)
    lapor("Menyusun PDF", 40)
    try:
        isi = pdf_evaluasi(form)
    except PdfTidakTersedia as exc:
        raise TugasGagal(str(exc)) from None
    simpan_berkas(tugas, isi, nama_berkas(tahun, triwulan, "pdf", opd), "application/pdf")
    return {"ukuran": len(isi)}
