"""One row of a SIPD file under its layout, and the parsing of its cells (codes, amounts in
sen) with every failure recorded as a ``Galat`` naming the file's own column."""

from __future__ import annotations

from decimal import Decimal

from .. import nilai
from ..baca import DaftarGalat, Galat
from .tata_letak import Susunan

SEN = Decimal("0.01")


def ke_sen(d: Decimal) -> int:
    return int(d.scaleb(2))


def dari_sen(s: int) -> Decimal:
    return Decimal(s).scaleb(-2).quantize(SEN)


def _kosong(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


class BarisSipd:
    """Cells of one row; ``galat`` collects this file's errors, ``ok`` is False after one of
    this row's."""

    __slots__ = ("nomor", "sel", "susunan", "galat", "ok", "awalan")

    def __init__(self, nomor: int, sel: tuple, susunan: Susunan, galat: DaftarGalat,
                 awalan: str = ""):
        self.nomor, self.sel, self.susunan, self.galat = nomor, sel, susunan, galat
        self.ok, self.awalan = True, awalan

    def mentah(self, medan: str):
        i = self.susunan.posisi.get(medan)
        return self.sel[i] if i is not None and i < len(self.sel) else None

    def ada(self, medan: str) -> bool:
        return not _kosong(self.mentah(medan))

    def kosong(self) -> bool:
        return all(_kosong(v) for v in self.sel)

    def teks(self, medan: str) -> str:
        return nilai.teks(self.mentah(medan))

    def salah(self, medan: str, alasan: str, v=None) -> None:
        self.ok = False
        kolom = self.awalan + self.susunan.nama_kolom(medan) if medan else ""
        self.galat.append(Galat(self.nomor, kolom,
                                nilai.teks_nilai(self.mentah(medan) if v is None else v), alasan))

    def kode(self, medan: str, wajib: bool = True) -> str | None:
        if not wajib and not self.ada(medan):
            return None
        try:
            return nilai.kode(self.mentah(medan))
        except nilai.NilaiTidakValid as exc:
            self.salah(medan, str(exc))
            return None

    def uang(self, medan: str, gaya: str, wajib: bool = True) -> int | None:
        """Sen; None when missing (an error if ``wajib``), not a number or negative."""
        if not self.ada(medan):
            if wajib:
                self.salah(medan, "kosong, bukan angka")
            return None
        try:
            d = nilai.baca_angka_sel(self.mentah(medan), gaya)
        except nilai.NilaiTidakValid as exc:
            self.salah(medan, str(exc))
            return None
        if d < 0:
            self.salah(medan, "negatif; tidak boleh kurang dari nol")
            return None
        return ke_sen(d)
