"""The Rakor POP pack as background jobs: gathering the pack and laying out the PDF (seconds
of CPU, more at scale) runs in the worker, not in a web worker; the leader downloads the file
from the job's page.

The PDF is also *prepared*: when a leader opens the dashboard or the Bahan Rakor page of a
period, the worker lays out that period's PDF in the background (once per period, data
version and day), so that the download a moment later finds it laid out and is ready at once
(``views_ekspor.rakor_unduh``). Laying out the 18 pages of the demo's pack takes seconds
whatever the machine (README "Rakor PDF"); a leader need not wait for it."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
from django_tasks import task

from lib import versi_data
from tugas.layanan import TugasGagal, WaktuHabis, batas_menit, batas_waktu, penangan, simpan_berkas
from tugas.models import JenisTugas

from .berkas_rakor import JENIS, isi_berkas, nama_berkas
from .ekspor_pdf import PdfTidakTersedia, pdf_rakor
from .paket import paket_rakor

logger = logging.getLogger("siap.tugas")


def _buat(tugas, lapor, fmt: str) -> dict:
    tahun, bulan = tugas.parameter["tahun"], tugas.parameter["bulan"]
    lapor("Mengumpulkan angka Rakor", 10)
    paket = paket_rakor(tahun, bulan)
    lapor(f"Menyusun {fmt.upper()}", 50)
    try:
        isi = isi_berkas(paket, fmt)
    except PdfTidakTersedia as exc:
        raise TugasGagal(str(exc)) from None
    simpan_berkas(tugas, isi, nama_berkas(tahun, bulan, fmt), JENIS[fmt])
    return {"ukuran": len(isi)}


@penangan(JenisTugas.RAKOR_PDF)
def rakor_pdf(tugas, lapor) -> dict:
    return _buat(tugas, lapor, "pdf")


@penangan(JenisTugas.RAKOR_XLSX)
def rakor_xlsx(tugas, lapor) -> dict:
    return _buat(tugas, lapor, "xlsx")


# ------------------------------------------------------------------ preparing the PDF ahead

# Its own queue, with its own worker in `siap serve` (settings.ANTREAN_TUGAS): a preparation
# never makes a user's job wait.
ANTREAN_SIAPKAN = "siapkan"
_diminta: dict[tuple, tuple] = {}  # (tahun, bulan) -> (data token, day) already asked for here
_kunci = threading.Lock()


@task(queue_name=ANTREAN_SIAPKAN)
def siapkan_pdf_rakor(tahun: int, bulan: int, versi: int) -> None:
    """Lay out the period's PDF so that it is kept (``ekspor_pdf.pdf_rakor``). Skipped when
    the data changed since it was asked for: a newer visit asks for the newer pack."""
    if versi_data.baca() != versi:
        return
    try:
        with batas_waktu(batas_menit() * 60):
            pdf_rakor(paket_rakor(tahun, bulan))
    except PdfTidakTersedia as exc:
        logger.info("PDF Rakor %s/%s tidak disiapkan: %s", tahun, bulan, exc)
    except WaktuHabis:
        logger.warning("PDF Rakor %s/%s tidak disiapkan: melebihi %s menit", tahun, bulan,
                       batas_menit())


def siapkan_pdf(tahun: int, bulan: int, versi: int) -> bool:
    """Ask the worker to prepare the PDF of (tahun, bulan) at data token ``versi`` — once per
    period, token and day across every worker (the shared cache says who asked first); a
    repeat costs a dictionary lookup. True when this call queued it. Off with
    SIAP_PDF_SIAPKAN=0 (and in the test suite, whose jobs run inside the request)."""
    if not getattr(settings, "SIAP_PDF_SIAPKAN", True):
        return False
    keadaan = (versi, timezone.localdate())
    with _kunci:
        if _diminta.get((tahun, bulan)) == keadaan:
            return False
        _diminta[(tahun, bulan)] = keadaan
    kunci = f"siap:siapkan-pdf-rakor:{tahun}:{bulan}:{versi}:{keadaan[1].isoformat()}"
    if not caches["tembolok"].add(kunci, 1, timeout=24 * 3600):
        return False  # another worker asked for it
    try:
        siapkan_pdf_rakor.enqueue(tahun, bulan, versi)
    except Exception:  # the page is shown all the same; a later visit asks again
        logger.exception("PDF Rakor %s/%s tidak dapat diantrekan untuk disiapkan", tahun, bulan)
        caches["tembolok"].delete(kunci)
        with _kunci:
            _diminta.pop((tahun, bulan), None)
        return False
    return True
