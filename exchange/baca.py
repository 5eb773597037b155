"""Reading CSV and XLSX files into rows of raw values, with the header checked.

Nothing here interprets a value: CSV cells stay text, XLSX cells stay what openpyxl would
give (str, int, float, datetime or None; read by ``lib.xlsx`` within ``lib.batas``).
``impor_anggaran`` and ``impor_realisasi`` turn them into Decimals and codes.
Every problem with the file as a whole is a ``Galat`` with ``baris`` 1 (the header) or None.
"""

from __future__ import annotations

import csv
import heapq
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from lib.batas import Batas, BerkasDitolak, Stopwatch, ribuan
from lib.xlsx import BukuKerja

# Called every 1,000 rows with the row number, where a background job shows its progress.
PELAPOR: ContextVar = ContextVar("pelapor_baris", default=None)


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


BATAS_GALAT = 1000


class DaftarGalat:
    """The errors of one file as they are found, keeping only the ``batas`` first by row
    (ties in the order found): a file of 300,000 bad rows does not hold 300,000 messages.
    ``len()`` counts them all; ``daftar()`` gives the kept ones sorted by row, followed, when
    some were left out, by one line "… dan N galat lainnya tidak ditampilkan"."""

    def __init__(self, batas: int = BATAS_GALAT):
        self.batas, self.jumlah = batas, 0
        self._heap: list[tuple[tuple[int, int], Galat]] = []  # max-heap on (row, order)

    def append(self, g: Galat) -> None:
        self.jumlah += 1
        kunci = (-(g.baris or 0), -self.jumlah)
        if len(self._heap) < self.batas:
            heapq.heappush(self._heap, (kunci, g))
        elif kunci > self._heap[0][0]:
            heapq.heapreplace(self._heap, (kunci, g))

    def extend(self, galat: Iterable[Galat]) -> None:
        for g in galat:
            self.append(g)

    def __len__(self) -> int:
        return self.jumlah

    def daftar(self) -> list[Galat]:
        hasil = [g for _, g in sorted(self._heap, reverse=True)]
        if self.jumlah > len(hasil):
            hasil.append(Galat(None, "", "", (
                f"… dan {ribuan(self.jumlah - len(hasil))} galat lainnya tidak ditampilkan "
                f"(hanya {ribuan(self.batas)} galat pertama menurut nomor baris)")))
        return hasil


class BerkasTidakValid(Exception):
    """The file cannot be read as the expected table; ``galat`` lists why."""

    def __init__(self, galat: list[Galat]):
        super().__init__("; ".join(str(g) for g in galat))
        self.galat = galat


class NilaiBaris(Mapping):
    """One row's cells by column name, read-only: the column positions are shared by every
    row of a file and the cells are one tuple."""

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
class BarisBerkas:
    """One data row of an uploaded CSV or XLSX file, as read (not a budget line)."""

    nomor: int  # the row number as the user sees it in a spreadsheet (header = 1)
    nilai: Mapping[str, object] = field(default_factory=dict)


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


def _baris_data(mentah: Iterator[tuple[int, tuple]], kolom: tuple[str, ...]
                ) -> Iterator[BarisBerkas | None]:
    """Generator over (row number, cells): first ``None`` once the header row is checked (so
    that ``baca`` can check it before returning), then one ``BarisBerkas`` per data row, as read.
    What can only be known at the end (rows with values outside the header's columns, no data
    row at all) is raised after the last row, so a caller that writes as it reads must do so in
    a transaction."""
    judul = None
    galat = DaftarGalat()
    lebar = 0
    ada = False
    lapor = PELAPOR.get()
    for nomor, sel in mentah:
        if lapor is not None and nomor % 1000 == 0:
            lapor(nomor)
        if judul is None:
            if all(_kosong(v) for v in sel):
                if nomor == 1:
                    raise _berkas("berkas kosong: baris pertama harus berisi judul kolom "
                                  f"({', '.join(kolom)})")
                continue
            if nomor != 1:
                raise _berkas("berkas kosong: baris pertama harus berisi judul kolom "
                              f"({', '.join(kolom)})")
            judul = _periksa_judul(list(sel), kolom)
            lebar = len(sel)
            yield None
            continue
        if all(_kosong(v) for v in sel):
            continue  # blank rows (often trailing in XLSX) carry nothing
        if any(not _kosong(v) for v in sel[lebar:]):
            galat.append(Galat(nomor, "", "", "baris ini berisi nilai di luar kolom yang punya "
                                              "judul"))
            continue
        ada = True
        yield BarisBerkas(nomor, NilaiBaris(judul, tuple(sel[:lebar])))
    if judul is None:
        raise _berkas(f"berkas kosong: tidak ada baris judul ({', '.join(kolom)})")
    if galat:
        raise BerkasTidakValid(galat.daftar())
    if not ada:
        raise _berkas("berkas kosong: tidak ada baris data di bawah baris judul")


def _periksa_teks(path: Path, batas: Batas) -> None:
    """The CSV is text (no NUL byte) and UTF-8, no line longer than the bound, read line by
    line: constant memory. A UTF-8 sequence never contains the byte \\n, so decoding line by
    line finds the same first error as decoding the whole file."""
    biner, rusak = False, None
    panjang = batas.baris_csv_kb * 1024
    with open(path, "rb") as f:
        nomor = 0
        while baris := f.readline(panjang + 1):
            nomor += 1
            if len(baris) > panjang:
                raise _berkas(str(batas.tolak(
                    "baris_csv_kb", f"baris {ribuan(nomor)} berkas CSV lebih panjang dari "
                                    f"{ribuan(batas.baris_csv_kb)} KB")))
            biner = biner or b"\x00" in baris
            if rusak is None:
                try:
                    baris.decode("utf-8")
                except UnicodeDecodeError:
                    rusak = nomor
    if biner:
        raise _berkas("bukan berkas CSV (teks); isinya biner")
    if rusak is not None:
        raise _berkas(f"bukan teks UTF-8 (baris {rusak}); simpan ulang sebagai CSV UTF-8")


def _baris_csv(pembaca, batas: Batas) -> Iterator[tuple[int, tuple]]:
    """The CSV records numbered from 1, within the row, column, cell and time bounds."""
    jam = Stopwatch(batas)
    jam.mulai()
    try:
        for nomor, sel in enumerate(pembaca, start=1):
            if nomor > batas.baris:
                raise batas.tolak("baris", f"berkas CSV berlanjut sampai baris "
                                           f"{ribuan(nomor)}")
            if len(sel) > batas.kolom:
                raise batas.tolak("kolom", f"baris {ribuan(nomor)} berkas CSV berisi "
                                           f"{ribuan(len(sel))} kolom")
            if any(len(v) > batas.sel for v in sel):
                raise batas.tolak("sel", f"baris {ribuan(nomor)} berkas CSV berisi sel lebih "
                                         f"dari {ribuan(batas.sel)} karakter")
            if nomor % 1000 == 0:
                jam.periksa()
            jam.henti()
            yield nomor, tuple(sel)
            jam.mulai()
    finally:
        jam.henti()


def _csv(path: Path, kolom: tuple[str, ...], batas: Batas) -> Iterator[BarisBerkas | None]:
    # utf-8-sig tolerates the BOM Excel writes with "CSV UTF-8"
    with open(path, encoding="utf-8-sig", newline="") as f:
        try:
            yield from _baris_data(_tanpa_tolak(_baris_csv(csv.reader(f), batas)), kolom)
        except csv.Error as exc:
            raise _berkas(f"CSV tidak dapat dibaca: {exc}") from None


def _tanpa_tolak(baris: Iterator) -> Iterator:
    """The reader's refusals (bounds, a damaged file) as ``BerkasTidakValid``. (The ``yield``
    stays outside the ``try``: an error of the caller is not the file's.)"""
    while True:
        try:
            b = next(baris)
        except StopIteration:
            return
        except BerkasDitolak as exc:
            raise _berkas(str(exc)) from None
        yield b


def _xlsx(path: Path, kolom: tuple[str, ...], batas: Batas) -> Iterator[BarisBerkas | None]:
    try:
        buku = BukuKerja(path, batas)
    except BerkasDitolak as exc:
        raise _berkas(str(exc)) from None
    with buku:
        mentah = ((b.nomor, b.nilai) for b in _tanpa_tolak(buku.baris(0)))
        yield from _baris_data(mentah, kolom)


def _mulai(gen: Iterator[BarisBerkas | None]) -> Iterator[BarisBerkas]:
    next(gen)  # opens the file and checks the header row: those errors are raised here
    return gen  # type: ignore[return-value]


def baca_csv(path: Path, kolom: tuple[str, ...], batas: Batas | None = None) -> Iterator[BarisBerkas]:
    batas = batas or Batas.dari_setelan()
    _periksa_teks(path, batas)
    return _mulai(_csv(Path(path), kolom, batas))


def _awal_xlsx(path: Path) -> None:
    with open(path, "rb") as f:
        awal = f.read(4)
    if awal != b"PK\x03\x04":
        if not awal:
            raise _berkas("berkas kosong (0 byte), bukan lembar kerja XLSX")
        raise _berkas("bukan lembar kerja XLSX (Excel); simpan berkas sebagai .xlsx atau .csv")


def baca_xlsx(path: Path, kolom: tuple[str, ...], batas: Batas | None = None) -> Iterator[BarisBerkas]:
    _awal_xlsx(path)
    return _mulai(_xlsx(Path(path), kolom, batas or Batas.dari_setelan()))


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


def baca(path, kolom: tuple[str, ...]) -> Iterator[BarisBerkas]:
    """The rows of ``path`` (.csv or .xlsx by its extension) under the header ``kolom``, one
    at a time as the file is read (memory does not grow with the rows; see README, "Impor
    besar"). A file above SIAP_BATAS_UNGGAH_MB is refused before it is opened; a file that
    is not CSV/XLSX, or whose header row is wrong, is refused by this call; what only the
    whole file shows is raised (``BerkasTidakValid``) when the iteration ends."""
    path = Path(path)
    periksa_ukuran(path.name, path.stat().st_size)
    akhiran = path.suffix.lower()
    if akhiran == ".csv":
        return baca_csv(path, kolom)
    if akhiran == ".xlsx":
        return baca_xlsx(path, kolom)
    raise _berkas(f"jenis berkas {akhiran or '(tanpa akhiran)'!s} tidak didukung; pakai .csv "
                  f"atau .xlsx")


# --------------------------------------------------------- raw rows, no header (SIPD layouts)


def baca_mentah(path, lembar: int | None = 0,
                batas: Batas | None = None) -> Iterator[tuple[int, int, tuple]]:
    """(sheet index, row number, cells) of every row of a CSV, or of sheet ``lembar`` of an
    XLSX (None: every sheet, in order), with no header check — for files whose layout is
    recognised from their content (``exchange.sipd``). Same limits and errors as ``baca``
    (size, type, broken archive, UTF-8, and every bound of ``lib.batas``)."""
    path = Path(path)
    periksa_ukuran(path.name, path.stat().st_size)
    batas = batas or Batas.dari_setelan()
    akhiran = path.suffix.lower()
    if akhiran == ".csv":
        _periksa_teks(path, batas)
        return _mentah_csv(path, batas)
    if akhiran == ".xlsx":
        _awal_xlsx(path)
        return _mentah_xlsx(path, lembar, batas)
    raise _berkas(f"jenis berkas {akhiran or '(tanpa akhiran)'!s} tidak didukung; pakai .csv "
                  f"atau .xlsx")


def _mentah_csv(path: Path, batas: Batas) -> Iterator[tuple[int, int, tuple]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        try:
            for nomor, sel in _tanpa_tolak(_baris_csv(csv.reader(f), batas)):
                yield 0, nomor, sel
        except csv.Error as exc:
            raise _berkas(f"CSV tidak dapat dibaca: {exc}") from None


def _mentah_xlsx(path: Path, lembar: int | None, batas: Batas) -> Iterator[tuple[int, int, tuple]]:
    try:
        buku = BukuKerja(path, batas)
        daftar = range(len(buku.nama_lembar)) if lembar is None else [lembar]
    except BerkasDitolak as exc:
        raise _berkas(str(exc)) from None
    with buku:
        for i in daftar:
            for b in _tanpa_tolak(buku.baris(i)):
                yield i, b.nomor, tuple(b.nilai)
