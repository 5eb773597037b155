"""E.81 and E.79 as PDF (A4 landscape), laid out by WeasyPrint like the Rakor pack.

Twenty-six K and Rp columns do not fit across A4, so each row of the form is printed as a
line of Rp (the program, kegiatan or sub kegiatan) followed by a line per indicator (K) in
the same columns — the figures of the spreadsheet, the columns of the official form."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from evaluation.ekspor_pdf import PdfTidakTersedia

from .ekspor_evaluasi import JUDUL
from .evaluasi import FormEvaluasi

CSS = Path(__file__).resolve().parent / "static" / "kinerja" / "evaluasi_pdf.css"

__all__ = ["PdfTidakTersedia", "html_evaluasi", "pdf_evaluasi"]


def _tolak_url(url: str, *args, **kwargs):
    raise ValueError(f"PDF evaluasi tidak mengambil sumber luar ({url}).")


def html_evaluasi(f: FormEvaluasi) -> str:
    nomor, baris = 0, []
    for b in f.baris:
        if b.tingkat != "opd":
            nomor += 1
        baris.append(("" if b.tingkat == "opd" else nomor, b))
    return render_to_string("kinerja/evaluasi_pdf.html",
                            {"f": f, "judul": JUDUL[f.jenis], "baris": baris})


def pdf_evaluasi(f: FormEvaluasi) -> bytes:
    try:
        import weasyprint  # lazy: the pages of SIAP do not need Pango
    except (ImportError, OSError) as exc:
        raise PdfTidakTersedia(
            "PDF tidak dapat dibuat: pustaka WeasyPrint atau pustaka sistemnya (Pango) belum "
            f"terpasang. Rincian: {exc}") from exc
    css = weasyprint.CSS(string=CSS.read_text(encoding="utf-8"))
    dokumen = weasyprint.HTML(string=html_evaluasi(f), base_url=str(CSS.parent),
                              url_fetcher=_tolak_url)
    return dokumen.write_pdf(stylesheets=[css])
