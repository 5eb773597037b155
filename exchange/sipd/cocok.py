"""SIPD's codes → SIAP's OPD, jenis belanja and sumber dana.

OPD: the sub unit code first, then the SKPD code; each is looked up in the mapping table
(``PemetaanUnitSipd``: sub units SIAP does not hold as OPD) and then among SIAP's OPD codes.
A 22-character code whose sub unit part (the last four digits) is not ``0000`` and is neither
mapped nor an OPD falls back to its SKPD (the same code ending in ``0000``). Jenis belanja is
the first three levels of the kode rekening.
"""

from __future__ import annotations

from budget.models import PerangkatDaerah, SumberDana

from .models import PemetaanUnitSipd
from .tata_letak import POLA_REKENING, POLA_SKPD_22, normal


class Pencocok:
    def __init__(self):
        self.opd = dict(PerangkatDaerah.objects.values_list("kode", "nama"))
        self.peta = dict(PemetaanUnitSipd.objects.values_list("kode", "opd__kode"))
        self.sd: dict[str, str] = {}
        for kode, nama in SumberDana.objects.order_by("urutan", "kode").values_list("kode",
                                                                                  "nama"):
            self.sd.setdefault(normal(kode), kode)
            self.sd.setdefault(normal(nama), kode)
        self.tak_dikenal: dict[str, str] = {}  # unit codes that matched nothing -> name

    def _satu(self, kode: str) -> str | None:
        if kode in self.peta:
            return self.peta[kode]
        return kode if kode in self.opd else None

    def opd_dari(self, skpd: str | None, sub_unit: str | None, nama: str = "") -> str | None:
        for kode in (sub_unit, skpd):
            if kode and (k := self._satu(kode)):
                return k
        for kode in (sub_unit, skpd):
            if kode and POLA_SKPD_22.match(kode) and not kode.endswith("0000"):
                if k := self._satu(kode[:-4] + "0000"):
                    return k
        kunci = sub_unit or skpd
        if kunci and len(self.tak_dikenal) < 500:
            self.tak_dikenal.setdefault(kunci, nama)
        return None

    def sumber_dana(self, teks: str) -> str | None:
        return self.sd.get(normal(teks))


def bagian_rekening(kode: str) -> tuple[str, ...] | None:
    """The levels of a kode rekening, or None when it is not one."""
    return tuple(kode.split(".")) if POLA_REKENING.match(kode) else None


def jenis_belanja(bagian: tuple[str, ...]) -> str:
    """``5.1.02`` from ``5.1.02.01.01.0024`` (and from ``5.1.2.…``: SIAP writes jenis with
    two digits)."""
    return ".".join((*bagian[:2], bagian[2].zfill(2)))
