"""The Rakor POP pack as background jobs: gathering the pack and laying out the PDF (seconds
of CPU, more at scale) runs in the worker, not in a web worker; the leader downloads the file
from the job's page."""

from __future__ import annotations

from tugas.layanan import TugasGagal, penangan, simpan_berkas
from tugas.models import JenisTugas

from .berkas_rakor import JENIS, isi_berkas, nama_berkas
from .ekspor_pdf import PdfTidakTersedia
from .paket import paket_rakor


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
