"""The Rakor POP pack as a PDF (A4 landscape), laid out by WeasyPrint from an HTML template.

Everything shown comes from one ``PaketRakor`` (``evaluation.paket``); the stylesheet is read
from disk and no URL is fetched, so the PDF is built offline with the system fonts (DejaVu).
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from django.template.loader import render_to_string

from lib import tembolok

from .paket import PaketRakor

CSS = Path(__file__).resolve().parent / "static" / "evaluation" / "rakor_pdf.css"
# A download that comes while the same pack is being laid out (prepared in the background)
# waits for that layout rather than doing it again beside it (seconds; the demo's ~3 s).
TUNGGU_TATA_LETAK = 60


class PdfTidakTersedia(RuntimeError):
    """WeasyPrint or the system libraries it needs (Pango) are missing."""


def _tolak_url(url: str, *args, **kwargs):
    # The pack refers to nothing outside itself; refuse any fetch rather than wait on a network.
    raise ValueError(f"PDF Rakor tidak mengambil sumber luar ({url}).")


def html_rakor(paket: PaketRakor) -> str:
    return render_to_string("evaluation/rakor_pdf.html", {"p": paket})


def _weasyprint():
    try:
        import weasyprint  # lazy: the pages of SIAP do not need Pango
    except (ImportError, OSError) as exc:
        raise PdfTidakTersedia(
            "PDF tidak dapat dibuat: pustaka WeasyPrint atau pustaka sistemnya (Pango, mis. paket "
            f"Debian libpango-1.0-0 dan libpangoft2-1.0-0) belum terpasang. Rincian: {exc}"
        ) from exc
    return weasyprint


def _versi_weasyprint() -> str:
    """WeasyPrint's version from its package metadata, so that a web worker asking whether
    the PDF is kept does not load WeasyPrint and Pango; from the module where the metadata is
    missing (PdfTidakTersedia where WeasyPrint is)."""
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:
        return _weasyprint().__version__


def _bahan(paket: PaketRakor) -> tuple[str, str, tuple]:
    """The html, the stylesheet and the key the PDF is kept under: the SHA-256 of what it is
    made from (a write, a new day's date or another period change the html, hence the key),
    WeasyPrint's version included."""
    html, gaya = html_rakor(paket), CSS.read_text(encoding="utf-8")
    sidik = hashlib.sha256(f"{_versi_weasyprint()}\0{gaya}\0{html}".encode()).hexdigest()
    return html, gaya, ("pdf-rakor", sidik)


def pdf_rakor(paket: PaketRakor) -> bytes:
    weasyprint = _weasyprint()
    html, gaya, kunci = _bahan(paket)

    def tulis() -> bytes:
        dokumen = weasyprint.HTML(string=html, base_url=str(CSS.parent), url_fetcher=_tolak_url)
        return dokumen.write_pdf(stylesheets=[weasyprint.CSS(string=gaya)])

    # The layout takes seconds; the same html and stylesheet always give the same PDF — so it
    # is kept under the hash of what it is made from, for every worker and background job.
    return tembolok.menurut_isi(kunci, tulis, tunggu=TUNGGU_TATA_LETAK)


def pdf_rakor_tersimpan(paket: PaketRakor) -> tuple[str, bytes] | None:
    """``(sidik, PDF)`` of this very pack if it has been laid out already (by a download, or
    prepared in the background: ``evaluation.tugas_rakor.siapkan_pdf``), else None — without
    laying anything out (the html and its hash: 0,1–0,2 s on the demo). None too where
    WeasyPrint is missing: the background job then says why. A web worker asks this: the PDF
    is read from the shared cache, not kept in the worker's memory beside the page parts."""
    try:
        kunci = _bahan(paket)[2]
    except PdfTidakTersedia:
        return None
    isi = tembolok.isi_tersimpan(kunci, lokal=False)
    return None if isi is None else (kunci[1], isi)
