"""When each OPD submits each monthly report of the demo, and so what has happened by a day.

The demo's "now" is the start of the day it is loaded (00:00 WIB): one day, one demo. Every
report of a month whose deadline (``lib.periode.batas_lapor``) has passed by then is in, except
the few still outstanding in the last such month; the month after it is the operators' open
month, not yet begun by anyone. An OPD's realisasi and fisik of a month exist only once its
report has been submitted — what the leaders see is what was reported — so the generator and
the report loader (``demo.laporan``) both read the submission times from here.

Each month some OPD submit a little late (1–20 days) and a few only with the next month's
report, just before the next deadline: those are the "belum lapor" of the last month due, and
late reports once the next deadline has passed. The seed years never have the latter, so every
report up to their Rakor cut-off is in and the seed totals hold.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from lib.periode import batas_lapor


def zona() -> datetime.tzinfo:
    return timezone.get_default_timezone()


def sekarang_demo(hari_ini: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(hari_ini, datetime.time(0, 0), tzinfo=zona())


def batas(tahun: int, bulan: int) -> datetime.datetime:
    """The deadline of a month's report (the demo sets no other in ``PeriodePelaporan``)."""
    return batas_lapor(tahun, bulan, settings.SIAP_HARI_BATAS_LAPOR, zona())


def _sebelum(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun - 1, 12) if bulan == 1 else (tahun, bulan - 1)


def _sesudah(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)


def jatuh_tempo_terakhir(sekarang: datetime.datetime) -> tuple[int, int]:
    """(tahun, bulan) of the last month whose reporting deadline has passed at ``sekarang``."""
    lokal = timezone.localtime(sekarang, zona())
    t, b = lokal.year, lokal.month
    while batas(t, b) >= sekarang:
        t, b = _sebelum(t, b)
    return t, b


def bulan_terbuka(sekarang: datetime.datetime) -> tuple[int, int]:
    """The operators' open month: the one after the last month due."""
    return _sesudah(*jatuh_tempo_terakhir(sekarang))


def bulan_jatuh_tempo(tahun: int, sekarang: datetime.datetime) -> int:
    """How many months of ``tahun`` are due at ``sekarang`` (0 to 12)."""
    t, b = jatuh_tempo_terakhir(sekarang)
    return 12 if tahun < t else b if tahun == t else 0


# Dinas PUPR, the OPD of the demo account operator.pupr, always reports with the next month's
# report (in the years that have such reports): whatever the day the demo is loaded, its
# operator finds the last month due still to report — the late-report path — besides the
# open month, and the leaders see one well-known OPD "belum lapor".
SELALU_SUSULAN = ("1.03.0.00.0.00.01.0000",)


def waktu_ajukan(tahun: int, bulan: int, kode_opd: Iterable[str],
                 susulan: bool = True) -> dict[str, datetime.datetime]:
    """When each OPD (by code) first submits its report of ``bulan``: on time for most, late
    for 4–10% of them and — unless ``susulan`` is off — with next month's report for 4–9%."""
    kode = sorted(set(kode_opd))
    rng = random.Random(f"jadwal-{tahun}-{bulan}")
    rng.shuffle(kode)
    n_susulan = len(kode) * rng.randint(4, 9) // 100 if susulan else 0
    if susulan:
        tetap = [k for k in SELALU_SUSULAN if k in kode]
        kode = tetap + [k for k in kode if k not in tetap]
        n_susulan = max(n_susulan, len(tetap))
    n_terlambat = len(kode) * rng.randint(4, 10) // 100
    tenggat = batas(tahun, bulan).date()
    tenggat_berikut = batas(*_sesudah(tahun, bulan)).date()
    hasil = {}
    for i, k in enumerate(kode):
        r = random.Random(f"laporan-{tahun}-{k}-{bulan}")
        if i < n_susulan:
            hari = tenggat_berikut  # on the last day: outstanding while this month is the last due
        elif i < n_susulan + n_terlambat:
            hari = tenggat + datetime.timedelta(days=r.randint(1, 20))
        else:
            hari = tenggat - datetime.timedelta(days=r.randint(0, 8))
        hasil[k] = datetime.datetime.combine(hari, datetime.time(r.randint(8, 16), 15),
                                             tzinfo=zona())
    return hasil


def bulan_dilaporkan(tahun: int, kode_opd: Iterable[str], sekarang: datetime.datetime,
                     susulan: bool = True) -> dict[str, int]:
    """For each OPD, how many months of ``tahun`` it has reported at ``sekarang``: months
    1..n are in, the rest not (only the last month due can be outstanding)."""
    kode = sorted(set(kode_opd))
    jatuh_tempo = bulan_jatuh_tempo(tahun, sekarang)
    hasil = dict.fromkeys(kode, jatuh_tempo)
    for bulan in range(1, jatuh_tempo + 1):
        for k, waktu in waktu_ajukan(tahun, bulan, kode, susulan).items():
            if waktu > sekarang:
                hasil[k] = min(hasil[k], bulan - 1)
    return hasil
