"""Reading CSV and XLSX files into rows of raw values, with the header checked.

Nothing here interprets a value: CSV cells stay text, XLSX cells stay what openpyxl gives
(str, int, float, datetime or None). ``exchange.impor`` turns them into Decimals and codes.
Every problem with the file as a whole is a ``Galat`` with ``baris`` 1 (the header) or None.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError


@dataclass(frozen=True)
class Galat:
    """One error for the user: row, column, value and the reason, in Indonesian."""

    baris: int | None
    kolom: str
    nilai: str
    alasan: str

    def __str__(self) -> str:
        if self.baris is None:
            return f"Berkas: {self.alasan}"
        if not self.kolom:
            return f"Baris {self.baris}: {self.alasan}"
        return f"Baris {self.baris}, kolom {self.kolom}, nilai {self.nilai!r}: {self.alasan}"


class BerkasTidakValid(Exception):
    """The file cannot be read as the expected table; ``galat`` lists why."""

    def __init__(self, galat: list[Galat]):
        super().__init__("; ".join(str(g) for g in galat))
        self.galat = galat


class NilaiBaris(Mapping):
    """One row's cells by column name, read-only. Compact: the column positions are shared by
    every row of a file and the cells are one tuple, so a 50,000-row file costs a fraction of
    what a dict per row would (see README, "Impor besar")."""

    __slots__ = ("_posisi", "_sel")

    def __init__(self, posisi: dict[str, int], sel: tuple):
        self._posisi, self._sel = posisi, sel

    def __getitem__(self, kolom: str):
        i = self._posisi[kolom]
        return self._sel[i] if i < len(self._sel) else None

    def __iter__(self):
        return iter(self._posisi)

    def __len__(self) -> int:
        return len(self._posisi)

    def __repr__(self) -> str:
        return repr(dict(self))


@dataclass(slots=True)
class Baris:
    nomor: int  # the row number as the user sees it in a spreadsheet (header = 1)
    nilai: Mapping[str, object] = field(default_factory=dict)


def _hemat(v):
    # Codes and months repeat on every row of a line: keep one copy of each text.
    return sys.intern(v) if type(v) is str and len(v) < 64 else v


def _berkas(alasan: str) -> BerkasTidakValid:
    return BerkasTidakValid([Galat(None, "", "", alasan)])


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _periksa_judul(judul: list, kolom: tuple[str, ...]) -> dict[str, int]:
    """Map each expected column to its index; refuse missing, duplicate or unknown columns."""
    galat: list[Galat] = []
    posisi: dict[str, int] = {}
    for i, j in enumerate(judul):
        if _kosong(j):
            continue
        nama = str(j).strip().lower()
        if nama in posisi:
            galat.append(Galat(1, nama, str(j), "kolom ini muncul lebih dari sekali di baris judul"))
        elif nama not in kolom:
            galat.append(Galat(
                1, nama, str(j),
                f"judul kolom tidak dikenal; kolom yang diharapkan: {', '.join(kolom)}",
            ))
        else:
            posisi[nama] = i
    for k in kolom:
        if k not in posisi:
            galat.append(Galat(1, k, "", "kolom wajib ini tidak ada di baris judul"))
    if galat:
        raise BerkasTidakValid(galat)
    return posisi


def _baris_data(mentah, kolom: tuple[str, ...]) -> list[Baris]:
    judul = None
    hasil: list[Baris] = []
    galat: list[Galat] = []
    lebar = 0
    for nomor, sel in enumerate(mentah, start=1):
        sel = list(sel)
        if judul is None:
            if all(_kosong(v) for v in sel):
                raise _berkas("berkas kosong: baris pertama harus berisi judul kolom "
                              f"({', '.join(kolom)})")
            judul = _periksa_judul(sel, kolom)
            lebar = len(sel)
            continue
        if all(_kosong(v) for v in sel):
            continue  # blank rows (often trailing in XLSX) carry nothing
        if any(not _kosong(v) for v in sel[lebar:]):
            galat.append(Galat(nomor, "", "", "baris ini berisi nilai di luar kolom yang punya "
                                              "judul"))
            continue
        hasil.append(Baris(nomor, NilaiBaris(judul, tuple(_hemat(v) for v in sel[:lebar]))))
    if judul is None:
        raise _berkas(f"berkas kosong: tidak ada baris judul ({', '.join(kolom)})")
    if galat:
        raise BerkasTidakValid(galat)
    if not hasil:
        raise _berkas("berkas kosong: tidak ada baris data di bawah baris judul")
    return hasil


def baca_csv(path: Path, kolom: tuple[str, ...]) -> list[Baris]:
    data = Path(path).read_bytes()
    if b"\x00" in data:
        raise _berkas("bukan berkas CSV (teks); isinya biner")
    try:
        teks = data.decode("utf-8-sig")  # tolerate the BOM Excel writes with "CSV UTF-8"
    except UnicodeDecodeError as exc:
        baris = data[: exc.start].count(b"\n") + 1
        raise _berkas(f"bukan teks UTF-8 (baris {baris}); simpan ulang sebagai CSV UTF-8"
                      ) from None
    try:
        return _baris_data(csv.reader(io.StringIO(teks, newline="")), kolom)
    except csv.Error as exc:
        raise _berkas(f"CSV tidak dapat dibaca: {exc}") from None


def baca_xlsx(path: Path, kolom: tuple[str, ...]) -> list[Baris]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    with open(path, "rb") as f:
        awal = f.read(4)
    if awal != b"PK\x03\x04":
        if not awal:
            raise _berkas("berkas kosong (0 byte), bukan lembar kerja XLSX")
        raise _berkas("bukan lembar kerja XLSX (Excel); simpan berkas sebagai .xlsx atau .csv")
    try:
        # read_only streams the sheet row by row; data_only gives a formula's cached value.
        wb = load_workbook(path, read_only=True, data_only=True)
        try:
            return _baris_data(wb.worksheets[0].iter_rows(values_only=True), kolom)
        finally:
            wb.close()
    except BerkasTidakValid:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ParseError, InvalidFileException,
            IndexError, OSError, ValueError):
        raise _berkas("berkas XLSX rusak atau terpotong; simpan ulang dari Excel") from None


def _mb(n: float) -> str:
    return f"{n:.1f}".replace(".", ",")


def periksa_ukuran(nama: str, ukuran: int) -> None:
    """Refuse a file above ``settings.SIAP_BATAS_UNGGAH_MB`` (also for the upload page, which
    knows the size before saving the file)."""
    from django.conf import settings

    batas = settings.SIAP_BATAS_UNGGAH_MB
    if ukuran > batas * 1024 * 1024:
        raise _berkas(f"Berkas {nama} berukuran {_mb(ukuran / 1024 / 1024)} MB, melebihi batas "
                      f"{batas} MB (SIAP_BATAS_UNGGAH_MB).")


def baca(path, kolom: tuple[str, ...]) -> list[Baris]:
    """Rows of ``path`` (.csv or .xlsx by its extension) under the header ``kolom``; a file
    above SIAP_BATAS_UNGGAH_MB is refused before it is opened."""
    path = Path(path)
    periksa_ukuran(path.name, path.stat().st_size)
    akhiran = path.suffix.lower()
    if akhiran == ".csv":
        return baca_csv(path, kolom)
    if akhiran == ".xlsx":
        return baca_xlsx(path, kolom)
    raise _berkas(f"jenis berkas {akhiran or '(tanpa akhiran)'!s} tidak didukung; pakai .csv "
                  f"atau .xlsx")
