"""The fiscal years of the demo and the totals each must reproduce.

2023 and 2025 reproduce to the sen the figures the Pemkab announced at its Rakor POP
(``seeds/``): TW II 2023 and TW IV 2025 "s.d. 30 November 2025". The other years follow the
calendar: the demo holds the current year (Asia/Jakarta, on the day it is loaded) and the year
before it (complete: the projection needs a past year, and in January the month being reported
is still December). Their plan comes from the year alone — pagu, the perubahan, the year-end
absorption — so a year's budget is the same whatever day the demo is loaded; the day only
decides how much of it has happened (``jadwal``).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from budget.models import JenisVersi

TAHUN_PERTAMA = 2026  # the first year the demo generates; earlier days are refused
PAGU_2026 = 108_251_943_725_000  # Rp 1.082.519.437.250,00, in sen
RIBU = 100_000  # Rp 1.000 in sen


@dataclass(frozen=True)
class RencanaVersi:
    kunci: str
    jenis: str
    nama: str
    berlaku: datetime.date
    dasar_hukum: str = ""


@dataclass(frozen=True)
class RencanaTahun:
    tahun: int
    versi: tuple[RencanaVersi, ...]  # in order of taking effect
    pagu: int  # Σ pagu of the last version, in sen
    bulan_acuan: int  # the Rakor cut-off the totals below belong to
    ak_acuan: int | None = None  # Σ anggaran kas of months 1..bulan_acuan, in sen
    realisasi_acuan: int | None = None  # Σ realisasi of months 1..bulan_acuan, in sen
    serapan_akhir: int | None = None  # realisasi by December / pagu, in 1/10000

    @property
    def versi_acuan(self) -> RencanaVersi:
        return self.versi[-1]

    @property
    def seed(self) -> bool:
        """A year whose totals are the Rakor POP's: every report up to its cut-off is in."""
        return self.realisasi_acuan is not None

    def berskala(self, skala: int) -> RencanaTahun:
        """Totals multiplied by ``skala``, so the percentages stay those of the seeds."""
        def kali(x):
            return None if x is None else x * skala
        return RencanaTahun(
            self.tahun, self.versi, self.pagu * skala, self.bulan_acuan,
            kali(self.ak_acuan), kali(self.realisasi_acuan), self.serapan_akhir,
        )


def _murni(tahun: int) -> RencanaVersi:
    return RencanaVersi(
        "murni", JenisVersi.MURNI, f"APBD Murni {tahun}", datetime.date(tahun, 1, 1),
        f"Peraturan Daerah tentang APBD Tahun Anggaran {tahun}",
    )


def _perubahan(tahun: int) -> RencanaVersi:
    # The perubahan Perda must pass by the end of September (three months before the year
    # closes); like 2025's, it takes effect on 1 October.
    return RencanaVersi(
        "perubahan", JenisVersi.PERUBAHAN, f"APBD Perubahan {tahun}",
        datetime.date(tahun, 10, 1),
        f"Peraturan Daerah tentang Perubahan APBD Tahun Anggaran {tahun}",
    )


SEED: tuple[RencanaTahun, ...] = (
    RencanaTahun(
        tahun=2023,
        versi=(_murni(2023),),
        pagu=98_495_970_491_100,  # Rp 984.959.704.911,00
        bulan_acuan=6,
        ak_acuan=52_484_779_826_200,  # Rp 524.847.798.262,00 -> 53,29%
        realisasi_acuan=37_704_311_850_647,  # Rp 377.043.118.506,47 -> 38,28%
        serapan_akhir=9_187,
    ),
    RencanaTahun(
        tahun=2025,
        versi=(
            _murni(2025),
            RencanaVersi(
                "pergeseran", JenisVersi.PERGESERAN, "Pergeseran Anggaran 2025",
                datetime.date(2025, 3, 17),
                "Peraturan Bupati tentang Perubahan Penjabaran APBD Tahun Anggaran 2025 "
                "(efisiensi belanja, Inpres Nomor 1 Tahun 2025)",
            ),
            _perubahan(2025),
        ),
        pagu=109_418_219_516_902,  # Rp 1.094.182.195.169,02
        bulan_acuan=11,
        ak_acuan=106_083_472_061_325,  # Rp 1.060.834.720.613,25 -> 96,95%
        realisasi_acuan=83_953_584_829_034,  # Rp 839.535.848.290,34 -> 76,73%; 79,14%
        serapan_akhir=9_262,
    ),
)
_SEED = {r.tahun: r for r in SEED}


def _pagu(tahun: int) -> int:
    """2026's APBD, then each year's from the one before: between 1,5% less and 5,5% more."""
    pagu = PAGU_2026
    for t in range(TAHUN_PERTAMA + 1, tahun + 1):
        pagu = pagu * (1000 + random.Random(f"pagu-{t}").randint(-15, 55)) // 1000 // RIBU * RIBU
    return pagu


def rencana_tahun(tahun: int) -> RencanaTahun:
    """The plan of one year: a seed, or one generated from the year alone."""
    if tahun in _SEED:
        return _SEED[tahun]
    if tahun < TAHUN_PERTAMA:
        raise ValueError(f"demo tidak memuat tahun {tahun}: hanya 2023, 2025 dan "
                         f"{TAHUN_PERTAMA} ke atas")
    rng = random.Random(f"rencana-{tahun}")
    return RencanaTahun(
        tahun=tahun, versi=(_murni(tahun), _perubahan(tahun)), pagu=_pagu(tahun),
        # The realisasi follows each line's own pace up to September, then closes the year at
        # a plausible absorption with the December rush, as in 2023 and 2025.
        bulan_acuan=9, serapan_akhir=rng.randint(8_950, 9_400),
    )


def tahun_demo(hari_ini: datetime.date) -> list[int]:
    """The years a demo loaded on ``hari_ini`` holds: the two seeds, the current year and the
    one before it."""
    if hari_ini.year < TAHUN_PERTAMA:
        raise ValueError(f"demo dibuat untuk tanggal mulai 1 Januari {TAHUN_PERTAMA}, "
                         f"bukan {hari_ini.isoformat()}")
    return sorted({*_SEED, hari_ini.year - 1, hari_ini.year})
