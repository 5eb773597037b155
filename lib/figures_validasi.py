"""The thresholds of the checks on a monthly report (``reporting.validasi`` writes the messages
and decides errors from warnings): plain functions over ``Decimal`` (issue #14: every ratio and
threshold of the figures lives in ``lib/figures*``)."""

from __future__ import annotations

from decimal import Decimal

from .figures_skala import SATU, hitung_persen

AMBANG_AK = Decimal("1.10")  # realisasi above anggaran kas by more than 10%: a warning
AMBANG_SELISIH_FISIK = Decimal(25)  # points between fisik and keuangan: a warning
# From the month after this one, a sub kegiatan with anggaran kas due and no realisasi at all
# is a warning (the first quarter often has none: contracts are still being signed).
BULAN_TANPA_REALISASI = 3


def melebihi_anggaran_kas(kumulatif: Decimal, ak_kumulatif: Decimal) -> bool:
    """Cumulative realisasi above the cumulative anggaran kas by more than the margin."""
    return kumulatif > 0 and kumulatif > ak_kumulatif * AMBANG_AK


def persen_ambang_ak() -> Decimal:
    """The margin over the anggaran kas as a percentage (10 for 1,10), for the message."""
    return hitung_persen(AMBANG_AK - SATU, SATU)


def fisik_berselisih(fisik: Decimal, keuangan: Decimal) -> bool:
    """Realisasi fisik and keuangan (both %) more than the allowed points apart."""
    return abs(fisik - keuangan) > AMBANG_SELISIH_FISIK


def tanpa_realisasi_terlalu_lama(bulan: int, anggaran_kas: Decimal, kumulatif: Decimal) -> bool:
    """Past the first months, anggaran kas was due and nothing at all is realised."""
    return bulan > BULAN_TANPA_REALISASI and anggaran_kas > 0 and kumulatif == 0
