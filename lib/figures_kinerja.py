"""The arithmetic of the kinerja forms, as plain functions over plain data.

``lib.figures`` computes the money of the Rakor; this module adds what the Permendagri
86/2017 evaluation forms (E.81, E.79), Form A / Form B, the RFK table and the sebaran fisik
need on top of it: tingkat capaian of an indicator, its predikat (the same five bands as the
Rakor's ``kategori``), the yearly realisation of an indicator from its quarters, bobot and
tertimbang (TTB), the Rp value of realisasi fisik, and the four fisik bands Lampung Barat
publishes. Nothing here touches the database; nothing is rounded (display rounds, in
``lib.rupiah``). A ratio whose denominator is zero is ``None``, shown as "–".
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .figures import (
    NOL,
    SERATUS,
    Angka,
    Kategori,
    jumlah_dari_angka,  # noqa: F401 — re-exported (it moved to lib.figures)
    kategori,
    persen,
)

# A quarter's realisasi above 150% of its target needs a written explanation.
BATAS_WAJAR = Decimal(150)


class Akumulasi(enum.StrEnum):
    """How an indicator's quarters make its year: added up (a count of things done in each
    quarter, as the E.81 form adds TW I–IV), or the latest quarter's value (a percentage, a
    rate, an index: the level reached)."""

    JUMLAH = "jumlah"
    TERAKHIR = "terakhir"


class Arah(enum.StrEnum):
    """Whether more is better (most indicators) or less is better (stunting, kemiskinan)."""

    NAIK = "naik"
    TURUN = "turun"


def realisasi_tahunan(per_triwulan: Sequence[Decimal | None], akumulasi: str) -> Decimal | None:
    """The realisation of the year so far from the quarters' values (``None`` = not reported):
    their sum, or the latest reported value. ``None`` when no quarter is reported."""
    ada = [v for v in per_triwulan if v is not None]
    if not ada:
        return None
    if akumulasi == Akumulasi.TERAKHIR:
        return ada[-1]
    return sum(ada, NOL)


def realisasi_renstra(sampai_tahun_lalu: Decimal | None, tahun_ini: Decimal | None,
                      akumulasi: str) -> Decimal | None:
    """Realisation of the Renstra up to this year: the realisation up to year n−2 plus this
    year's (added), or this year's level when reported, else the earlier one (latest)."""
    if sampai_tahun_lalu is None and tahun_ini is None:
        return None
    if akumulasi == Akumulasi.TERAKHIR:
        return tahun_ini if tahun_ini is not None else sampai_tahun_lalu
    return (sampai_tahun_lalu or NOL) + (tahun_ini or NOL)


def tingkat_capaian(realisasi: Decimal | None, target: Decimal | None,
                    arah: str = Arah.NAIK) -> Decimal | None:
    """Realisasi ÷ target × 100; for an indicator where less is better, (2 × target −
    realisasi) ÷ target × 100, not below 0 (meeting the target exactly is 100 either way).
    ``None`` when either is missing or the target is zero: a capaian against nothing
    cannot be computed and is left out of the rata-rata."""
    if realisasi is None or target is None or target == 0:
        return None
    if arah == Arah.TURUN:
        return max(persen(2 * target - realisasi, target), NOL)
    return persen(realisasi, target)


def predikat(capaian: Decimal | None) -> Kategori | None:
    """The predikat of a tingkat capaian: Permendagri 86/2017's five bands, exactly the
    ``kategori`` of the Rakor (≥ 91 Sangat Tinggi, 76–<91 Tinggi, 66–<76 Sedang,
    51–<66 Rendah, < 51 Sangat Rendah)."""
    return kategori(capaian)


def rata_rata_capaian(capaian: Iterable[Decimal | None]) -> Decimal | None:
    """The mean of the capaian that can be computed; ``None`` when there is none."""
    ada = [c for c in capaian if c is not None]
    if not ada:
        return None
    return sum(ada, NOL) / len(ada)


def melewati_batas(realisasi: Decimal | None, target: Decimal | None) -> bool:
    """Whether a realisasi passes 150% of its target (any realisasi above a zero target
    does): the entry stands, but needs an explanation before the report is submitted."""
    if realisasi is None or target is None:
        return False
    return realisasi * SERATUS > target * BATAS_WAJAR


def per_triwulan(kumulatif: Sequence[Decimal]) -> list[Decimal]:
    """Each quarter's own amount from the cumulative amounts at the end of each quarter."""
    hasil, sebelumnya = [], NOL
    for k in kumulatif:
        hasil.append(k - sebelumnya)
        sebelumnya = k
    return hasil


# --- bobot and tertimbang (Form A / Form B, RFK) ------------------------------------------


def bobot(pagu: Decimal, pagu_induk: Decimal) -> Decimal | None:
    """The share of a part in its whole, in percent: a sub kegiatan's pagu in its OPD's,
    an OPD's in the pemda's."""
    return persen(pagu, pagu_induk)


def tertimbang(nilai_persen: Decimal | None, bobot_persen: Decimal | None) -> Decimal | None:
    """TTB = a percentage × bobot ÷ 100: the part's contribution to its whole's percentage
    (the TTB of the parts add up to the whole's pagu-weighted percentage)."""
    if nilai_persen is None or bobot_persen is None:
        return None
    return nilai_persen * bobot_persen / SERATUS


def nilai_fisik(fisik: Decimal | None, pagu: Decimal) -> Decimal | None:
    """Nilai realisasi fisik (Rp) = realisasi fisik % × pagu ÷ 100."""
    if fisik is None:
        return None
    return fisik * pagu / SERATUS


@dataclass(frozen=True)
class Tertimbang:
    """One row of Form A / Form B / RFK: the Rakor figures of a part and its weights in the
    whole."""

    angka: Angka
    bobot: Decimal | None
    target_fisik_tertimbang: Decimal | None
    fisik_tertimbang: Decimal | None
    target_keuangan_tertimbang: Decimal | None  # persen target anggaran kas × bobot ÷ 100
    keuangan_tertimbang: Decimal | None  # persen realisasi × bobot ÷ 100
    nilai_fisik: Decimal | None  # Rp
    persen_sisa: Decimal | None  # sisa pagu ÷ pagu × 100


def tertimbang_dari(a: Angka, pagu_induk: Decimal) -> Tertimbang:
    b = bobot(a.pagu, pagu_induk)
    return Tertimbang(
        angka=a,
        bobot=b,
        target_fisik_tertimbang=tertimbang(a.target_fisik, b),
        fisik_tertimbang=tertimbang(a.fisik, b),
        target_keuangan_tertimbang=tertimbang(a.persen_target, b),
        keuangan_tertimbang=tertimbang(a.persen_realisasi, b),
        nilai_fisik=nilai_fisik(a.fisik, a.pagu),
        persen_sisa=persen(a.sisa_pagu, a.pagu),
    )


def jumlah_tertimbang(baris: Iterable[Tertimbang]) -> dict[str, Decimal | None]:
    """The sums of a column of weights (bobot, the tertimbang); ``None`` when no row has
    one. Σ bobot is 100 and Σ TTB is the whole's percentage when the rows are the whole."""
    baris = list(baris)
    hasil: dict[str, Decimal | None] = {}
    for kolom in ("bobot", "target_fisik_tertimbang", "fisik_tertimbang",
                  "target_keuangan_tertimbang", "keuangan_tertimbang", "nilai_fisik"):
        nilai = [getattr(b, kolom) for b in baris if getattr(b, kolom) is not None]
        hasil[kolom] = sum(nilai, NOL) if nilai else None
    return hasil


# --- sebaran fisik -------------------------------------------------------------------------


class KelasFisik(enum.Enum):
    """The four bands of realisasi fisik Lampung Barat publishes beside its totals. The
    published labels are whole numbers; a fraction falls in the band above the last whole
    number it passes: 0 exactly is "0%", more than 0 up to 50 is "1–50%" (0,5% too), more
    than 50 up to 75 is "51–75%" (50,01% too), more than 75 is "76–100%"."""

    NOL = "0%"
    SAMPAI_50 = "1–50%"
    SAMPAI_75 = "51–75%"
    SAMPAI_100 = "76–100%"

    @property
    def label(self) -> str:
        return self.value


def kelas_fisik(fisik: Decimal) -> KelasFisik:
    if fisik <= 0:
        return KelasFisik.NOL
    if fisik <= 50:
        return KelasFisik.SAMPAI_50
    if fisik <= 75:
        return KelasFisik.SAMPAI_75
    return KelasFisik.SAMPAI_100


def sebaran_fisik(fisik: Iterable[Decimal | None]) -> dict[KelasFisik, int]:
    """Count sub kegiatan by realisasi fisik; ``None`` (a sub kegiatan without pagu, like
    in ``figures.sebaran``) is not counted."""
    hasil = {k: 0 for k in KelasFisik}
    for f in fisik:
        if f is not None:
            hasil[kelas_fisik(f)] += 1
    return hasil


def sebaran_fisik_bulat(pagu_fisik: Iterable[tuple[int, int]]) -> dict[KelasFisik, int]:
    """``sebaran_fisik`` from (pagu in sen, realisasi fisik in hundredths of a percent) pairs,
    compared as integers — without building figures. A pagu of 0 is not counted."""
    nol = sampai_50 = sampai_75 = sampai_100 = 0
    for p, fh in pagu_fisik:
        if p == 0:
            continue
        if fh <= 0:
            nol += 1
        elif fh <= 5000:
            sampai_50 += 1
        elif fh <= 7500:
            sampai_75 += 1
        else:
            sampai_100 += 1
    return {KelasFisik.NOL: nol, KelasFisik.SAMPAI_50: sampai_50,
            KelasFisik.SAMPAI_75: sampai_75, KelasFisik.SAMPAI_100: sampai_100}


def sebaran_fisik_per(kelompok: Iterable[tuple[Hashable, Angka]]
                      ) -> dict[Hashable, dict[KelasFisik, int]]:
    """``sebaran_fisik`` per group key, from (key, figures of one sub kegiatan) pairs — e.g.
    per OPD from the rekap's sub kegiatan."""
    hasil: dict[Hashable, dict[KelasFisik, int]] = {}
    for kunci, a in kelompok:
        if a.fisik is None:
            continue
        per = hasil.setdefault(kunci, {k: 0 for k in KelasFisik})
        per[kelas_fisik(a.fisik)] += 1
    return hasil
