"""Subtotal and total rows of a SIPD realisasi file: checked, never added.

A row whose kode rekening has fewer than six levels (``5.1.02`` — or none, under a sub
kegiatan) is a subtotal of the detail rows of the same sub unit and sub kegiatan below that
code; a row with neither sub kegiatan nor kode rekening whose text says "JUMLAH" or "TOTAL"
totals the detail rows above it (of its SKPD when it names one). A printed report puts a
subtotal either above its detail rows (header style: checked when the first row outside it
comes) or right below them (footer style: checked at once). Memory is bounded by the depth of
the code tree and the number of SKPD, never by the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.rupiah import rupiah

from ..baca import DaftarGalat, Galat
from .nilai_sipd import dari_sen

TINGKAT = 6  # kode rekening levels: akun . kelompok . jenis . objek . rincian objek . sub rincian


@dataclass
class _Terbuka:
    nomor: int
    kunci: tuple
    awalan: tuple
    harap: tuple  # (realisasi sen, pagu sen or None)
    nilai: tuple  # the cells as written, for the message
    jumlah_r: int = 0
    jumlah_p: int = 0
    ada: bool = False


class PemeriksaJumlah:
    def __init__(self, galat: DaftarGalat, kolom_realisasi: str, kolom_pagu: str):
        self.galat = galat
        self.kolom = (kolom_realisasi, kolom_pagu)
        self.terbuka: list[_Terbuka] = []
        self.blok: dict[int, list] = {}  # level -> [kunci, awalan, r, p, sudah diperiksa]
        self.total: dict[str | None, list[int]] = {}
        self.subtotal = 0  # rows checked, for the outcome counts

    def detail(self, skpd: str, kunci: tuple, kode: tuple, r: int, p: int | None) -> None:
        self._tutup(kunci, kode)
        for t in self.terbuka:
            t.jumlah_r += r
            t.jumlah_p += p or 0
            t.ada = True
        for lv in range(TINGKAT):
            b = self.blok.get(lv)
            if b is None or b[0] != kunci or b[1] != kode[:lv]:
                b = self.blok[lv] = [kunci, kode[:lv], 0, 0, False]
            b[2] += r
            b[3] += p or 0
        for k in (None, skpd):
            s = self.total.setdefault(k, [0, 0])
            s[0] += r
            s[1] += p or 0

    def sub(self, nomor: int, kunci: tuple, awalan: tuple, r: int, p: int | None,
            nilai: tuple) -> None:
        self.subtotal += 1
        b = self.blok.get(len(awalan))
        if b is not None and b[0] == kunci and b[1] == awalan and not b[4]:
            b[4] = True  # footer style: the detail rows just above
            self._banding(nomor, f"subtotal {self._nama(awalan)}", (r, p), (b[2], b[3]), nilai)
        else:
            self._tutup(kunci, awalan)
            self.terbuka.append(_Terbuka(nomor, kunci, awalan, (r, p), nilai))

    def jumlah(self, nomor: int, skpd: str | None, r: int, p: int | None, nilai: tuple) -> None:
        self.subtotal += 1
        s = self.total.get(skpd, [0, 0])
        apa = f"jumlah SKPD {skpd}" if skpd else "jumlah seluruh berkas"
        self._banding(nomor, apa, (r, p), tuple(s), nilai, " di atasnya")

    def selesai(self) -> None:
        self._tutup(None, None)

    def _tutup(self, kunci, kode) -> None:
        tetap = []
        for t in self.terbuka:
            if kunci is not None and t.kunci == kunci and kode[:len(t.awalan)] == t.awalan:
                tetap.append(t)
                continue
            if not t.ada:
                if t.harap[0] or t.harap[1]:
                    self.galat.append(Galat(t.nomor, self.kolom[0], t.nilai[0], (
                        f"subtotal {self._nama(t.awalan)} tanpa baris rincian di bawahnya")))
                continue
            self._banding(t.nomor, f"subtotal {self._nama(t.awalan)}", t.harap,
                          (t.jumlah_r, t.jumlah_p), t.nilai, " di bawahnya")
        self.terbuka = tetap

    def _banding(self, nomor, apa, harap, jumlah, nilai, letak=" di atasnya") -> None:
        for i in (0, 1):
            if harap[i] is not None and harap[i] != jumlah[i]:
                self.galat.append(Galat(nomor, self.kolom[i], nilai[i], (
                    f"{apa} {rupiah(dari_sen(harap[i]))} tidak sama dengan jumlah baris "
                    f"rinciannya{letak} {rupiah(dari_sen(jumlah[i]))} (selisih "
                    f"{rupiah(dari_sen(harap[i] - jumlah[i]))})")))

    @staticmethod
    def _nama(awalan: tuple) -> str:
        return "rekening " + ".".join(awalan) if awalan else "sub kegiatan"
