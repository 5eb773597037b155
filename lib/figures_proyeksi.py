"""The arithmetic of the year-end projection and of its early warnings: plain functions over
``Decimal`` (issue #14: every ratio and threshold of the figures lives in ``lib/figures*``).
The sentences that explain them are written by ``evaluation.proyeksi``, which calls these.

    proyeksi  = realisasi s.d. bulan m + sisa anggaran kas (bulan m+1..12) × laju,
                never above the pagu, never below what is already realised;
    laju      = realisasi of months m+1..12 of a reference year / the anggaran kas it still
                had planned for them at the end of month m (or this year's capaian, or 1);
    kebutuhan = (pagu − realisasi) / (12 − m), what must still be realised each month.
"""

from __future__ import annotations

from decimal import Decimal

from .figures_skala import NOL

# Early warning (configuration; the Proyeksi page states them).
BATAS_PROYEKSI = Decimal(90)  # an OPD projected below this % of its pagu is at risk
FAKTOR_KEBUTUHAN = Decimal(2)  # ... or one that needs > this × its average monthly realisasi
BATAS_TERTINGGAL_FISIK = Decimal(25)  # sub kegiatan whose fisik is this many points behind

# Backtest on the demo (evaluation/tests/test_proyeksi_backtest.py asserts these): the projection
# made at the end of September 2025 against the actual realisasi of December 2025.
GALAT_PEMDA = Decimal(3)  # points of pagu, pemda
GALAT_MEDIAN_OPD = Decimal(2)  # points of pagu, median absolute error over the OPD


def laju_acuan(pagu: Decimal, target: Decimal, realisasi: Decimal,
               realisasi_akhir: Decimal) -> Decimal | None:
    """The rate of a reference year: realisasi of months m+1..12 over the anggaran kas still
    planned for them at the end of month m. None when nothing was left to absorb."""
    sisa = pagu - target
    if sisa <= 0:
        return None
    return (realisasi_akhir - realisasi) / sisa


def laju_capaian(realisasi: Decimal, target: Decimal) -> Decimal | None:
    """This year's pace as a rate: realisasi over the anggaran kas of months 1..m (capaian
    anggaran kas as a fraction); None without anggaran kas."""
    return realisasi / target if target > 0 else None


def nilai_proyeksi(pagu: Decimal, target: Decimal, realisasi: Decimal, laju: Decimal) -> Decimal:
    """Realisasi plus the anggaran kas of months m+1..12 (pagu − target: anggaran kas sums to
    the pagu) absorbed at ``laju``, never above the pagu nor below what is realised."""
    return max(min(realisasi + (pagu - target) * laju, pagu), realisasi)


def kebutuhan_per_bulan(pagu: Decimal, realisasi: Decimal, bulan: int) -> Decimal:
    """What must still be realised each remaining month to reach the pagu; 0 in December."""
    sisa_bulan = 12 - bulan
    return max(pagu - realisasi, NOL) / sisa_bulan if sisa_bulan else NOL


def rata_bulanan(realisasi: Decimal, bulan: int) -> Decimal:
    """Average monthly realisasi of months 1..m."""
    return realisasi / bulan


def kelipatan(nilai: Decimal, dasar: Decimal) -> Decimal:
    """How many times ``dasar`` ``nilai`` is (``dasar`` not zero)."""
    return nilai / dasar


def kebutuhan_jauh_di_atas(kebutuhan: Decimal, rata: Decimal,
                           faktor: Decimal = FAKTOR_KEBUTUHAN) -> bool:
    """The monthly need is more than ``faktor`` × the average monthly realisasi so far."""
    return kebutuhan > faktor * rata


def selisih_poin(target: Decimal, nilai: Decimal) -> Decimal:
    """Points by which ``nilai`` (a percentage) is behind ``target``."""
    return target - nilai


def fisik_tertinggal(fisik: Decimal | None, target_fisik: Decimal | None,
                     batas: Decimal = BATAS_TERTINGGAL_FISIK) -> bool:
    """Realisasi fisik at least ``batas`` points behind its target."""
    return fisik is not None and target_fisik is not None and selisih_poin(target_fisik, fisik) >= batas
