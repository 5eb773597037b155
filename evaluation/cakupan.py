"""How far a month's figures are covered by the OPD's reports — plain functions over plain data.

A leader's figure counts official data only (``budget.RealisasiKeuangan`` and
``RealisasiFisik``): what OPD submitted (verified or not yet) and what was imported; an
operator's saved draft never counts. Beside every figure the leaders see, for the chosen
month, how many OPD the figures cover: "Data 31 dari 49 OPD; 12 belum diverifikasi; 6 belum
lapor". ``evaluation.cakupan_data`` fetches the reports (one query) and the deadlines.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from lib.periode import nama_bulan


class StatusLaporanOPD(enum.StrEnum):
    """An OPD's report of the month as the leaders need to read its figures."""

    DIVERIFIKASI = "diverifikasi"  # verified
    DIAJUKAN = "diajukan"  # submitted, not verified yet: counted, marked
    DIKEMBALIKAN = "dikembalikan"  # returned for correction: the earlier submission counts
    DRAF = "draf"  # being filled, never submitted: nothing of it counts
    BELUM_LAPOR = "belum_lapor"  # no report at all

    @property
    def label(self) -> str:
        return {
            "diverifikasi": "Diverifikasi",
            "diajukan": "Belum diverifikasi",
            "dikembalikan": "Dikembalikan",
            "draf": "Draf (belum diajukan)",
            "belum_lapor": "Belum lapor",
        }[self.value]

    @property
    def dihitung(self) -> bool:
        """Whether the OPD's submitted values are in the figures."""
        return self in (StatusLaporanOPD.DIVERIFIKASI, StatusLaporanOPD.DIAJUKAN,
                        StatusLaporanOPD.DIKEMBALIKAN)


def status_opd(status: str | None, pertama_diajukan: datetime.datetime | None
               ) -> StatusLaporanOPD:
    """From ``reporting.StatusLaporan``'s value (None: no report) and the first submission:
    a draft that was submitted before is a returned report being corrected."""
    if status is None:
        return StatusLaporanOPD.BELUM_LAPOR
    if status == "diverifikasi":
        return StatusLaporanOPD.DIVERIFIKASI
    if status == "diajukan":
        return StatusLaporanOPD.DIAJUKAN
    if status == "dikembalikan" or pertama_diajukan is not None:
        return StatusLaporanOPD.DIKEMBALIKAN
    return StatusLaporanOPD.DRAF


@dataclass(frozen=True)
class LaporanOPD:
    opd_id: int
    status: str | None  # reporting.StatusLaporan value; None: no report
    pertama_diajukan: datetime.datetime | None


@dataclass(frozen=True)
class Cakupan:
    """The coverage of one month's figures."""

    tahun: int
    bulan: int
    batas: datetime.datetime  # the month's reporting deadline
    berjalan: bool  # the deadline has not passed yet: reports are still coming in
    status: dict[int, StatusLaporanOPD] = field(default_factory=dict)  # per OPD id
    terlambat: int = 0  # OPD whose first submission came after the deadline

    @property
    def periode(self) -> str:
        """"Oktober 2026"."""
        return f"{nama_bulan(self.bulan)} {self.tahun}"

    def _hitung(self, s: StatusLaporanOPD) -> int:
        return sum(1 for x in self.status.values() if x == s)

    @property
    def opd(self) -> int:
        return len(self.status)

    @property
    def diverifikasi(self) -> int:
        return self._hitung(StatusLaporanOPD.DIVERIFIKASI)

    @property
    def diajukan(self) -> int:
        return self._hitung(StatusLaporanOPD.DIAJUKAN)

    @property
    def dikembalikan(self) -> int:
        return self._hitung(StatusLaporanOPD.DIKEMBALIKAN)

    @property
    def draf(self) -> int:
        return self._hitung(StatusLaporanOPD.DRAF)

    @property
    def belum_lapor(self) -> int:
        return self._hitung(StatusLaporanOPD.BELUM_LAPOR)

    @property
    def berdata(self) -> int:
        """OPD whose submitted values are in the figures."""
        return self.diverifikasi + self.diajukan + self.dikembalikan

    @property
    def belum_diverifikasi(self) -> int:
        return self.diajukan + self.dikembalikan

    @property
    def tanpa_laporan(self) -> int:
        """OPD none of whose values for the month are in the figures (unless imported)."""
        return self.draf + self.belum_lapor

    def untuk(self, opd_id: int) -> StatusLaporanOPD:
        return self.status.get(opd_id, StatusLaporanOPD.BELUM_LAPOR)

    def kalimat(self) -> str:
        """"Data 31 dari 49 OPD (2 terlambat); 12 belum diverifikasi; 6 belum lapor (1 masih
        draf)." """
        teks = f"Data {self.berdata} dari {self.opd} OPD"
        if self.terlambat:
            teks += f" ({self.terlambat} terlambat)"
        teks += f"; {self.belum_diverifikasi} belum diverifikasi; {self.tanpa_laporan} belum lapor"
        if self.draf:
            teks += f" ({self.draf} masih draf)"
        return teks + "."

    def sebagai_dict(self) -> dict:
        """For ``siap rekap --format json`` and the API's rekap (``laporan``)."""
        return {
            "opd": self.opd, "diverifikasi": self.diverifikasi, "diajukan": self.diajukan,
            "dikembalikan": self.dikembalikan, "draf": self.draf,
            "belum_lapor": self.belum_lapor, "terlambat": self.terlambat,
            "batas_lapor": self.batas.isoformat(), "masa_lapor_berjalan": self.berjalan,
        }


def hitung_cakupan(tahun: int, bulan: int, laporan: Iterable[LaporanOPD],
                   batas: datetime.datetime, sekarang: datetime.datetime) -> Cakupan:
    """The coverage of month ``bulan`` from every OPD with a budget in the year (``laporan``
    has one entry per OPD, status None where it has no report)."""
    status, terlambat = {}, 0
    for lap in laporan:
        s = status[lap.opd_id] = status_opd(lap.status, lap.pertama_diajukan)
        if s.dihitung and lap.pertama_diajukan is not None and lap.pertama_diajukan > batas:
            terlambat += 1
    return Cakupan(tahun, bulan, batas, berjalan=sekarang <= batas, status=status,
                   terlambat=terlambat)
