"""The reporting matrix: for a year, each OPD × month — on time, late (days), returned, not
reported — with the reporting rates per month and per OPD. Four queries for any year."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from budget.models import PerangkatDaerah, RincianAnggaran
from lib.figures import hitung_porsi
from lib.periode import hari_terlambat

from .models import LaporanBulanan, PeriodePelaporan, StatusLaporan
from .services import batas_waktu


class Ketepatan(enum.StrEnum):
    TEPAT_WAKTU = "tepat_waktu"
    TERLAMBAT = "terlambat"
    BELUM_LAPOR = "belum_lapor"  # deadline passed, nothing submitted
    BELUM_JATUH_TEMPO = "belum_jatuh_tempo"  # deadline not yet passed, nothing submitted

    @property
    def label(self) -> str:
        return {
            "tepat_waktu": "Tepat waktu",
            "terlambat": "Terlambat",
            "belum_lapor": "Belum lapor",
            "belum_jatuh_tempo": "Belum jatuh tempo",
        }[self.value]


def ketepatan(batas: datetime.datetime, diajukan: datetime.datetime | None,
              sekarang: datetime.datetime) -> tuple[Ketepatan, int]:
    """Timeliness of a report from its first submission: (kind, days late)."""
    if diajukan is None:
        if sekarang > batas:
            return Ketepatan.BELUM_LAPOR, hari_terlambat(batas, sekarang)
        return Ketepatan.BELUM_JATUH_TEMPO, 0
    hari = hari_terlambat(batas, diajukan)
    return (Ketepatan.TERLAMBAT if hari else Ketepatan.TEPAT_WAKTU), hari


@dataclass
class Sel:
    bulan: int
    ketepatan: Ketepatan
    hari_terlambat: int
    status: str | None  # StatusLaporan value, None when no report exists
    laporan_id: int | None
    batas: datetime.datetime
    jatuh_tempo: bool  # the deadline has passed

    @property
    def diharapkan(self) -> bool:
        # Owed only once its deadline has passed: a report submitted early shows as on time,
        # but counting it before then would count a month the other OPD do not yet owe.
        return self.jatuh_tempo

    @property
    def diterima(self) -> bool:
        return self.ketepatan in (Ketepatan.TEPAT_WAKTU, Ketepatan.TERLAMBAT)

    @property
    def dikembalikan(self) -> bool:
        return self.status == StatusLaporan.DIKEMBALIKAN


@dataclass
class Tingkat:
    """Reporting rates over a set of cells: received / expected and on time / expected."""

    diharapkan: int = 0
    diterima: int = 0
    tepat_waktu: int = 0

    def tambah(self, sel: Sel) -> None:
        if sel.diharapkan:
            self.diharapkan += 1
            self.diterima += sel.diterima
            self.tepat_waktu += sel.ketepatan == Ketepatan.TEPAT_WAKTU

    @property
    def persen_diterima(self) -> Decimal | None:
        return hitung_porsi(self.diterima, self.diharapkan)

    @property
    def persen_tepat_waktu(self) -> Decimal | None:
        return hitung_porsi(self.tepat_waktu, self.diharapkan)


@dataclass
class BarisMatriks:
    opd: PerangkatDaerah
    sel: list[Sel]
    tingkat: Tingkat = field(default_factory=Tingkat)


@dataclass
class Matriks:
    tahun: int
    baris: list[BarisMatriks]
    per_bulan: list[Tingkat]
    total: Tingkat


def matriks(tahun: int, opd_qs=None, sekarang: datetime.datetime | None = None) -> Matriks:
    """``opd_qs`` limits the rows (an operator's own OPD); default every OPD with a budget."""
    sekarang = sekarang or timezone.now()
    ber_anggaran = RincianAnggaran.objects.filter(tahun__tahun=tahun).values("opd_id")
    opd = list((opd_qs if opd_qs is not None else PerangkatDaerah.objects.all())
               .filter(pk__in=ber_anggaran).order_by("kode"))
    laporan = {
        (lap.opd_id, lap.bulan): lap
        for lap in LaporanBulanan.objects.filter(tahun__tahun=tahun, opd__in=opd).only(
            "id", "opd_id", "bulan", "status", "pertama_diajukan_pada"
        )
    }
    periode = {p.bulan: p for p in PeriodePelaporan.objects.filter(tahun__tahun=tahun)}
    batas = {b: batas_waktu(tahun, b, periode.get(b)) for b in range(1, 13)}
    per_bulan = [Tingkat() for _ in range(12)]
    total = Tingkat()
    baris = []
    for o in opd:
        row = BarisMatriks(o, [])
        for b in range(1, 13):
            lap = laporan.get((o.pk, b))
            kind, hari = ketepatan(batas[b], lap.pertama_diajukan_pada if lap else None, sekarang)
            sel = Sel(b, kind, hari, lap.status if lap else None, lap.pk if lap else None,
                      batas[b], jatuh_tempo=sekarang > batas[b])
            row.sel.append(sel)
            row.tingkat.tambah(sel)
            per_bulan[b - 1].tambah(sel)
            total.tambah(sel)
        baris.append(row)
    return Matriks(tahun, baris, per_bulan, total)
