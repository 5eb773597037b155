"""The arithmetic of the Indeks Kinerja Pelaksanaan Anggaran OPD (``evaluation.indeks``): each
component's score 0–100, the weights shared out when a component cannot be computed, the
category and the rank — plain functions, beside the Rakor's (``lib.figures``).

Computation is exact (``Decimal``); the category and the rank use the score rounded half up
to two decimals, the score as shown.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable
from decimal import Decimal

from .figures import NOL, SERATUS, hitung_persen, peringkat
from .rupiah import bulatkan

# Deviasi bulanan: full marks up to DEVIASI_PENUH percent on average, falling linearly to 0 at
# DEVIASI_NOL percent (a month's deviation is counted at most 100%).
DEVIASI_PENUH = Decimal(5)
DEVIASI_NOL = Decimal(50)


class KategoriIndeks(enum.StrEnum):
    """IKPA's categories; the value is the label shown."""

    SANGAT_BAIK = "Sangat Baik"
    BAIK = "Baik"
    CUKUP = "Cukup"
    KURANG = "Kurang"


# (lower bound inclusive, category), highest first; below the last: KURANG.
BATAS_KATEGORI_INDEKS: tuple[tuple[Decimal, KategoriIndeks], ...] = (
    (Decimal(95), KategoriIndeks.SANGAT_BAIK),
    (Decimal(89), KategoriIndeks.BAIK),
    (Decimal(70), KategoriIndeks.CUKUP),
)
KURANG = KategoriIndeks.KURANG


def kategori_indeks(nilai: Decimal) -> KategoriIndeks:
    """≥ 95 Sangat Baik; 89–<95 Baik; 70–<89 Cukup; < 70 Kurang — on the score rounded half
    up to two decimals (the score as shown)."""
    tampil = bulatkan(nilai, 2)
    for batas, kat in BATAS_KATEGORI_INDEKS:
        if tampil >= batas:
            return kat
    return KURANG


def peringkat_indeks(nilai: dict[Hashable, Decimal]) -> dict[Hashable, int | None]:
    """Rank by the score as shown (two decimals), best first; equal shown scores share a
    rank (1, 2, 2, 4)."""
    return peringkat({k: bulatkan(v, 2) for k, v in nilai.items()})


def nilai_penyerapan(realisasi: Decimal, target: Decimal) -> Decimal | None:
    """Capaian anggaran kas (realisasi / target anggaran kas × 100) capped at 100; None
    without a target."""
    if target <= 0:
        return None
    return min(max(hitung_persen(realisasi, target), NOL), SERATUS)


def deviasi_bulan(anggaran_kas: Decimal, realisasi: Decimal) -> Decimal | None:
    """|realisasi − anggaran kas| / anggaran kas × 100 of one month, at most 100; a month
    with no anggaran kas counts 100 if money was spent anyway, and not at all otherwise."""
    if anggaran_kas > 0:
        return min(hitung_persen(abs(realisasi - anggaran_kas), anggaran_kas), SERATUS)
    if realisasi != 0:
        return SERATUS
    return None


def deviasi_rata_rata(bulanan: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Mean of the months' deviasi (months that count); None when no month counts."""
    nilai = [d for ak, r in bulanan if (d := deviasi_bulan(ak, r)) is not None]
    if not nilai:
        return None
    return sum(nilai, NOL) / len(nilai)


def nilai_deviasi(rata_rata: Decimal | None) -> Decimal | None:
    """100 at ≤ 5% mean deviation, falling linearly to 0 at 50%."""
    if rata_rata is None:
        return None
    if rata_rata <= DEVIASI_PENUH:
        return SERATUS
    if rata_rata >= DEVIASI_NOL:
        return NOL
    return SERATUS * (DEVIASI_NOL - rata_rata) / (DEVIASI_NOL - DEVIASI_PENUH)


def nilai_fisik(fisik: Decimal | None, target_fisik: Decimal | None) -> Decimal | None:
    """Realisasi fisik / target fisik × 100 capped at 100; None without a target."""
    if target_fisik is None or target_fisik <= 0:
        return None
    return min(max(hitung_persen(fisik or NOL, target_fisik), NOL), SERATUS)


def nilai_bagian(baik: int, semua: int) -> Decimal | None:
    """``baik`` out of ``semua`` × 100; None when ``semua`` is 0."""
    if semua <= 0:
        return None
    return hitung_persen(Decimal(baik), Decimal(semua))


def bagi_bobot(nilai: Decimal, bobot: Decimal, bobot_ada: Decimal) -> tuple[Decimal, Decimal]:
    """(weight after sharing out the components not computable, in percent; points added to
    the score) of a component scored ``nilai`` with configured weight ``bobot``, when the
    computable components' weights add up to ``bobot_ada``."""
    return bobot * SERATUS / bobot_ada, nilai * bobot / bobot_ada
