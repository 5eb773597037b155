"""The files of the Rakor POP pack — PDF, XLSX, CSV: their names, types and bytes. The
downloads, the background jobs and ``siap rakor`` all write them through here."""

from __future__ import annotations

from .ekspor_pdf import pdf_rakor
from .ekspor_xlsx import xlsx_rakor
from .serializers import rekap_csv

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
