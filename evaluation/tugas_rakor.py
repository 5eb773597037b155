"""The Rakor POP pack as background jobs: gathering the pack and laying out the PDF (seconds
of CPU, more at scale) runs in the worker, not in a web worker; the leader downloads the file
from the job's page.

The PDF is also *prepared*: when a leader opens the dashboard or the Bahan Rakor page of a
period, the worker lays out that period's PDF in the background (once per period, data
version and day), so that the download a moment later finds it laid out and is ready at once
(``views_ekspor.rakor_unduh``). Laying out the 18 pages of the demo's pack takes seconds
whatever the machine (README "Kept pages", Rakor PDF); a leader need not wait for it."""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import connection
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

# Its own queue, with its own worker in `siap serve` (settings.ANTREAN_TUGAS), so a preparation
# never makes a user's job wait in the queue; and below the user's jobs for a worker that takes
# every queue (`siap db_worker --queue-name "*"`).
ANTREAN_SIAPKAN = "siapkan"
PRIORITAS_SIAPKAN = -10
# After the queue refused (SQLite busy with a long import…), this process asks again no sooner.
JEDA_ULANG_DETIK = 60
# How long the page waits for SQLite's write lock to queue it — not the 20 s of a real write.
TUNGGU_KUNCI_SQLITE_MS = 200
# (tahun, bulan) -> ((data token, day) asked for, or None after a refusal; when to ask again)
_diminta: dict[tuple, tuple] = {}
_kunci = threading.Lock()


@task(queue_name=ANTREAN_SIAPKAN, priority=PRIORITAS_SIAPKAN)
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


@contextmanager
def _tunggu_kunci_singkat():
    """On SQLite, queueing is a write: a page must not wait 20 s behind an import's write lock
    for something only done ahead — it gives up after TUNGGU_KUNCI_SQLITE_MS."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as c:
        c.execute("PRAGMA busy_timeout")
        semula = c.fetchone()[0]
        c.execute(f"PRAGMA busy_timeout = {TUNGGU_KUNCI_SQLITE_MS}")
    try:
        yield
    finally:
        with connection.cursor() as c:
            c.execute(f"PRAGMA busy_timeout = {int(semula)}")


def siapkan_pdf(tahun: int, bulan: int, versi: int) -> bool:
    """Ask the worker to prepare the PDF of (tahun, bulan) at data token ``versi`` — once per
    period, token and day across every worker (the shared cache says who asked first); a
    repeat costs a dictionary lookup. True when this call queued it. Never fails the page: a
    queue that refuses is logged and asked again after JEDA_ULANG_DETIK. Off with
    SIAP_PDF_SIAPKAN=0 (and in the test suite, whose jobs run inside the request)."""
    if not getattr(settings, "SIAP_PDF_SIAPKAN", True):
        return False
    keadaan, sekarang = (versi, timezone.localdate()), time.monotonic()
    with _kunci:
        lalu = _diminta.get((tahun, bulan))
        if lalu is not None and (lalu[0] == keadaan or sekarang < lalu[1]):
            return False
        _diminta[(tahun, bulan)] = (keadaan, 0.0)
    kunci = f"siap:siapkan-pdf-rakor:{tahun}:{bulan}:{versi}:{keadaan[1].isoformat()}"
    tembolok = caches["tembolok"]
    ditandai = False
    try:
        if not tembolok.add(kunci, 1, timeout=24 * 3600):
            return False  # another worker asked for it
        ditandai = True
        with _tunggu_kunci_singkat():
            siapkan_pdf_rakor.enqueue(tahun, bulan, versi)
    except Exception:  # the page is shown all the same
        logger.exception("PDF Rakor %s/%s tidak dapat diantrekan untuk disiapkan", tahun, bulan)
        if ditandai:
            try:
                tembolok.delete(kunci)
            except OSError:
                pass
        with _kunci:
            _diminta[(tahun, bulan)] = (None, sekarang + JEDA_ULANG_DETIK)
        return False
    return True
