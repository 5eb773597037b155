"""Fetch what ``evaluation.cakupan`` needs: every OPD's report of a month (one query) and the
reporting deadlines (one query) — the same count whatever the number of OPD."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from budget.models import PerangkatDaerah, RincianAnggaran
from lib.periode import bulan_jatuh_tempo_terakhir
from reporting.models import LaporanBulanan, PeriodePelaporan
from reporting.services import batas_waktu

from .cakupan import Cakupan, LaporanOPD, hitung_cakupan

Batas = Callable[[int, int], datetime.datetime]


def peta_batas() -> Batas:
    """Every month's deadline: the date the Bagian Administrasi Pembangunan set
    (``PeriodePelaporan``), else the default day of the next month. One query, made when a
    deadline is first asked for (the table holds at most twelve rows a year)."""
    ditetapkan: dict = {}

    def batas(tahun: int, bulan: int) -> datetime.datetime:
        if not ditetapkan:
            ditetapkan[None] = None  # fetched, even when no month has its own deadline
            ditetapkan.update({
                (t, b): w for t, b, w in PeriodePelaporan.objects
                .filter(batas_lapor__isnull=False).values_list("tahun__tahun", "bulan",
                                                                "batas_lapor")
            })
        return ditetapkan.get((tahun, bulan)) or batas_waktu(tahun, bulan)

    return batas


def periode_jatuh_tempo(sekarang: datetime.datetime | None = None,
                        batas: Batas | None = None) -> tuple[int, int]:
    """The leaders' default period: the last month whose reporting deadline has passed."""
    return bulan_jatuh_tempo_terakhir(sekarang or timezone.now(), batas or peta_batas())


def ambil_cakupan(tahun: int, bulan: int, sekarang: datetime.datetime | None = None,
                  batas: Batas | None = None) -> Cakupan:
    """The coverage of ``tahun``/``bulan``: every OPD with a budget that year and its report of
    the month, in one query (plus one for the deadlines unless ``batas`` is given)."""
    sekarang = sekarang or timezone.now()
    batas = batas or peta_batas()
    lap = LaporanBulanan.objects.filter(opd=OuterRef("pk"), tahun__tahun=tahun, bulan=bulan)
    rows = (
        PerangkatDaerah.objects
        .filter(pk__in=RincianAnggaran.objects.filter(tahun__tahun=tahun).values("opd_id"))
        .annotate(status=Subquery(lap.values("status")[:1]),
                  pertama=Subquery(lap.values("pertama_diajukan_pada")[:1]))
        .values_list("pk", "status", "pertama")
    )
    return hitung_cakupan(tahun, bulan, (LaporanOPD(*r) for r in rows), batas(tahun, bulan),
                          sekarang)
