"""The Rakor POP pack as a PDF (A4 landscape), laid out by WeasyPrint from an HTML template.

Everything shown comes from one ``PaketRakor`` (``evaluation.paket``); the stylesheet is read
from disk and no URL is fetched, so the PDF is built offline with the system fonts (DejaVu).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.template.loader import render_to_string

from lib import tembolok

from .paket import PaketRakor

CSS = Path(__file__).resolve().parent / "static" / "evaluation" / "rakor_pdf.css"


class PdfTidakTersedia(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing."""


def _tolak_url(url: str, *args, **kwargs):
    # The pack refers to nothing outside itself; refuse any fetch rather than wait on a network.
    raise ValueError(f"PDF Rakor tidak mengambil sumber luar ({url}).")


def html_rakor(paket: PaketRakor) -> str:
    return render_to_string("evaluation/rakor_pdf.html", {"p": paket})


def pdf_rakor(paket: PaketRakor) -> bytes:
    try:
        import weasyprint  # lazy: the pages of SIAP do not need Pango
    except (ImportError, OSError) as exc:
        raise PdfTidakTersedia(
            "PDF tidak dapat dibuat: pustaka WeasyPrint atau pustaka sistemnya (Pango, mis. paket "
            f"Debian libpango-1.0-0 dan libpangoft2-1.0-0) belum terpasang. Rincian: {exc}"
        ) from exc
    html, gaya = html_rakor(paket), CSS.read_text(encoding="utf-8")

    def tulis() -> bytes:
        dokumen = weasyprint.HTML(string=html, base_url=str(CSS.parent), url_fetcher=_tolak_url)
        return dokumen.write_pdf(stylesheets=[weasyprint.CSS(string=gaya)])

    # The layout takes seconds; the same html and stylesheet always give the same PDF — so it
    # is kept under the hash of what it is made from (a write, a new day's date or another
    # period change the html, hence the key), for every worker and background job.
    sidik = hashlib.sha256(f"{weasyprint.__version__}\0{gaya}\0{html}".encode()).hexdigest()
    return tembolok.menurut_isi(("pdf-rakor", sidik), tulis)
