"""The bounds on every file SIAP reads (imports, the lembar isian, SIPD files): settings with
defaults, and the refusal that names the bound and its setting.

A kabupaten's largest real file — about 5.000 budget lines × 12 months of realisasi, ≈ 60.000
rows, 20 MB of sheet XML as openpyxl writes it — passes every default with room to spare
(README, "Keamanan" → "Batas berkas impor").
"""

from __future__ import annotations

import time
from dataclasses import dataclass

MB = 1024 * 1024


def ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class BerkasDitolak(Exception):
    """The file cannot be read: ``str()`` is the reason, in Indonesian, for the user."""


class BatasTerlampaui(BerkasDitolak):
    """The file is past one of the bounds below; the message names the bound and setting."""


@dataclass(frozen=True)
class Batas:
    baris: int = 200_000  # SIAP_IMPOR_BARIS: rows of a sheet or CSV (blank ones included)
    kolom: int = 100  # SIAP_IMPOR_KOLOM: columns
    sel: int = 32_767  # SIAP_IMPOR_SEL: characters in one cell (Excel's own limit)
    detik: int = 60  # SIAP_IMPOR_DETIK: seconds spent reading one file
    baris_csv_kb: int = 256  # SIAP_IMPOR_BARIS_KB: one line of a CSV file
    bagian: int = 1_000  # SIAP_XLSX_BAGIAN: parts (members) of the XLSX archive
    bagian_mb: int = 100  # SIAP_XLSX_BAGIAN_MB: uncompressed size of each part
    rasio: int = 100  # SIAP_XLSX_RASIO: uncompressed / compressed size of a part above 1 MB
    teks_mb: int = 50  # SIAP_XLSX_TEKS_MB: the shared strings held in memory

    @classmethod
    def dari_setelan(cls) -> Batas:
        from django.conf import settings

        bawaan = cls()
        return cls(**{nama: getattr(settings, setelan, getattr(bawaan, nama))
                      for nama, setelan in SETELAN.items()})

    def tolak(self, nama: str, apa: str) -> BatasTerlampaui:
        """"<apa>: melebihi batas <n> <unit> (<SETTING>)" — the bound named with its setting."""
        return BatasTerlampaui(f"{apa}: melebihi batas {self.teks(nama)} ({SETELAN[nama]}); "
                               f"berkas ditolak, tidak ada yang disimpan")

    def teks(self, nama: str) -> str:
        nilai = ribuan(getattr(self, nama))
        return f"{nilai}:1" if nama == "rasio" else f"{nilai} {SATUAN[nama]}"


SETELAN = {
    "baris": "SIAP_IMPOR_BARIS", "kolom": "SIAP_IMPOR_KOLOM", "sel": "SIAP_IMPOR_SEL",
    "detik": "SIAP_IMPOR_DETIK", "baris_csv_kb": "SIAP_IMPOR_BARIS_KB",
    "bagian": "SIAP_XLSX_BAGIAN", "bagian_mb": "SIAP_XLSX_BAGIAN_MB", "rasio": "SIAP_XLSX_RASIO",
    "teks_mb": "SIAP_XLSX_TEKS_MB",
}


SATUAN = {"baris": "baris", "kolom": "kolom", "sel": "karakter", "detik": "detik",
          "baris_csv_kb": "KB", "bagian": "bagian", "bagian_mb": "MB", "teks_mb": "MB"}


class Stopwatch:
    """The time a reader itself spends on a file, paused while its caller works on the rows
    it handed over (the caller's own work is bounded by the row limit)."""

    def __init__(self, batas: Batas):
        self.batas, self.terpakai, self._sejak = batas, 0.0, None

    def mulai(self) -> None:
        self._sejak = time.monotonic()

    def henti(self) -> None:
        if self._sejak is not None:
            self.terpakai += time.monotonic() - self._sejak
            self._sejak = None

    def periksa(self) -> None:
        sekarang = self.terpakai + (time.monotonic() - self._sejak if self._sejak else 0.0)
        if sekarang > self.batas.detik:
            raise self.batas.tolak("detik", "waktu membaca berkas habis")
