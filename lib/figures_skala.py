"""The scales of the Rakor POP: percentages, the category of a capaian, the classes of the
sebaran — every threshold and every ``× 100`` of the figures, as plain functions.

``lib.figures`` builds the figures of each group from these (and re-exports them);
``lib.figures_kinerja`` adds the Permendagri 86/2017 weights. Nothing here touches the
database; ``sql_hitung_sebaran`` writes the sebaran's bounds as SQL text for the database's
count, from the same table.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .figures import Angka

NOL = Decimal(0)
SATU = Decimal(1)
SERATUS = Decimal(100)


class Kategori(enum.StrEnum):
    """Interval scale of Permendagri 86/2017, applied to capaian anggaran kas."""

    SANGAT_TINGGI = "sangat_tinggi"
    TINGGI = "tinggi"
    SEDANG = "sedang"
    RENDAH = "rendah"
    SANGAT_RENDAH = "sangat_rendah"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").title()


# (lower bound inclusive, category), highest first.
BATAS_KATEGORI: tuple[tuple[Decimal, Kategori], ...] = (
    (Decimal(91), Kategori.SANGAT_TINGGI),
    (Decimal(76), Kategori.TINGGI),
    (Decimal(66), Kategori.SEDANG),
    (Decimal(51), Kategori.RENDAH),
)


def kategori(capaian: Decimal | None) -> Kategori | None:
    """≥ 91 Sangat Tinggi; 76 ≤ x < 91 Tinggi; 66 ≤ x < 76 Sedang; 51 ≤ x < 66 Rendah;
    < 51 Sangat Rendah. ``None`` when capaian cannot be computed."""
    if capaian is None:
        return None
    for batas, kat in BATAS_KATEGORI:
        if capaian >= batas:
            return kat
    return Kategori.SANGAT_RENDAH


def jelaskan_kategori() -> str:
    """The scale in words, from ``BATAS_KATEGORI``: '≥ 91 Sangat Tinggi; 76–<91 Tinggi; …'."""
    bagian, atas = [], None
    for batas, kat in BATAS_KATEGORI:
        bagian.append(f"≥ {batas} {kat.label}" if atas is None else f"{batas}–<{atas} {kat.label}")
        atas = batas
    return "; ".join([*bagian, f"< {atas} {Kategori.SANGAT_RENDAH.label}"])


def hitung_persen(pembilang: Decimal, penyebut: Decimal) -> Decimal | None:
    """pembilang / penyebut × 100 with full precision; None when penyebut is zero."""
    return pembilang * SERATUS / penyebut if penyebut != 0 else None


persen = hitung_persen  # the name the figures modules use (``lib.rupiah.persen`` formats one)


def hitung_porsi(n: int, jumlah: int) -> Decimal | None:
    """The share of ``n`` in a count of ``jumlah``, in percent; None when ``jumlah`` is 0."""
    return persen(Decimal(n), Decimal(jumlah))


def persen_dari_pecahan(pecahan: Decimal) -> Decimal:
    """0.45 (a fraction, e.g. a percent-formatted spreadsheet cell) -> 45."""
    return pecahan * SERATUS


def batasi_persen(nilai: Decimal) -> Decimal:
    """A percentage held within 0–100 (e.g. the width of a bar)."""
    return min(max(nilai, NOL), SERATUS)


def skala_batang(n: int, terbanyak: int) -> str:
    """The width of a bar of ``n`` beside the longest, ``terbanyak``, in percent (one decimal)."""
    return f"{n * 100 / terbanyak:.1f}" if terbanyak else "0"


class KelasSebaran(enum.Enum):
    NOL = "0%"
    SAMPAI_50 = ">0–50%"
    SAMPAI_75 = ">50–75%"
    DI_BAWAH_100 = ">75–<100%"
    PENUH = "100%"

    @property
    def label(self) -> str:
        return self.value


# The classes by persen realisasi, lowest first: (upper bound, bound included, class); above
# the last bound: PENUH. The one definition behind ``kelas_sebaran``, ``sebaran_bulat`` and the
# database's count (``sql_hitung_sebaran``).
BATAS_SEBARAN: tuple[tuple[int, bool, KelasSebaran], ...] = (
    (0, True, KelasSebaran.NOL),
    (50, True, KelasSebaran.SAMPAI_50),
    (75, True, KelasSebaran.SAMPAI_75),
    (100, False, KelasSebaran.DI_BAWAH_100),
)


def kelas_sebaran(persen_realisasi: Decimal) -> KelasSebaran:
    for batas, termasuk, kelas in BATAS_SEBARAN:
        if persen_realisasi <= batas if termasuk else persen_realisasi < batas:
            return kelas
    return KelasSebaran.PENUH


def sebaran(per_sub_kegiatan: Iterable[Angka]) -> dict[KelasSebaran, int]:
    """Count sub kegiatan by persen realisasi; those with no pagu are not counted."""
    hasil = {k: 0 for k in KelasSebaran}
    for a in per_sub_kegiatan:
        if a.persen_realisasi is not None:
            hasil[kelas_sebaran(a.persen_realisasi)] += 1
    return hasil


def _kelas_bulat(r100: int, p: int) -> KelasSebaran:
    for batas, termasuk, kelas in BATAS_SEBARAN:
        if r100 <= batas * p if termasuk else r100 < batas * p:
            return kelas
    return KelasSebaran.PENUH


def sebaran_bulat(realisasi_pagu: Iterable[tuple[int, int]]) -> dict[KelasSebaran, int]:
    """``sebaran`` from whole-number (realisasi, pagu) pairs (e.g. sen), comparing 100 × r
    with bound × p exactly; agrees with ``persen`` (28 digits) for any pagu below 10^25.
    A negative pagu (never stored) takes the ``Decimal`` path."""
    hasil = {k: 0 for k in KelasSebaran}
    for r, p in realisasi_pagu:
        if p > 0:
            hasil[_kelas_bulat(r * 100, p)] += 1
        elif p < 0:
            hasil[kelas_sebaran(persen(Decimal(r), Decimal(p)))] += 1
    return hasil


def sql_hitung_sebaran(r: str, p: str) -> str:
    """SQL counting sub kegiatan with whole-number realisasi ``r`` and pagu ``p`` > 0 into
    each class, in ``KelasSebaran`` order: ``COUNT(*) FILTER (WHERE …)`` per class, its
    conditions written from ``BATAS_SEBARAN`` and compared as ``sebaran_bulat`` does
    (100 × r against bound × p; the bound 0 as r against 0). Plain comparisons rather than
    a CASE in a subquery: at ×100 on PostgreSQL the CASE cost 0,15–0,4 s more."""
    syarat: dict[KelasSebaran, str] = {}
    di_atas = None  # the condition "above the previous bound"
    for batas, termasuk, kelas in BATAS_SEBARAN:
        kiri, kanan = (r, "0") if batas == 0 else (f"{r} * 100", f"{p} * {batas}")
        sampai = f"{kiri} {'<=' if termasuk else '<'} {kanan}"
        syarat[kelas] = sampai if di_atas is None else f"{di_atas} AND {sampai}"
        di_atas = f"{kiri} {'>' if termasuk else '>='} {kanan}"
    syarat[KelasSebaran.PENUH] = di_atas
    return ", ".join(f"COUNT(*) FILTER (WHERE {syarat[k]})" for k in KelasSebaran)
