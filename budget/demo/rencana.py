"""The fiscal years of the demo and the totals each must reproduce to the sen.

2025 and 2023 reproduce the figures the Pemkab announced at its Rakor POP (``seeds/``):
TW IV 2025 "s.d. 30 November 2025" and TW II 2023. 2026 is the current year: reported up to
October, the last closed month, with plausible totals.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from budget.models import JenisVersi


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
    bulan_terakhir: int = 12  # last month with realisasi and realisasi fisik
    serapan_akhir: int | None = None  # realisasi by bulan_terakhir / pagu, in 1/10000

    @property
    def versi_acuan(self) -> RencanaVersi:
        return self.versi[-1]

    def berskala(self, skala: int) -> RencanaTahun:
        """Totals multiplied by ``skala``, so the percentages stay those of the seeds."""
        def kali(x):
            return None if x is None else x * skala
        return RencanaTahun(
            self.tahun, self.versi, self.pagu * skala, self.bulan_acuan,
            kali(self.ak_acuan), kali(self.realisasi_acuan), self.bulan_terakhir,
            self.serapan_akhir,
        )


def _murni(tahun: int) -> RencanaVersi:
    return RencanaVersi(
        "murni", JenisVersi.MURNI, f"APBD Murni {tahun}", datetime.date(tahun, 1, 1),
        f"Peraturan Daerah tentang APBD Tahun Anggaran {tahun}",
    )


RENCANA: tuple[RencanaTahun, ...] = (
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
            RencanaVersi(
                "perubahan", JenisVersi.PERUBAHAN, "APBD Perubahan 2025",
                datetime.date(2025, 10, 1),
                "Peraturan Daerah tentang Perubahan APBD Tahun Anggaran 2025",
            ),
        ),
        pagu=109_418_219_516_902,  # Rp 1.094.182.195.169,02
        bulan_acuan=11,
        ak_acuan=106_083_472_061_325,  # Rp 1.060.834.720.613,25 -> 96,95%
        realisasi_acuan=83_953_584_829_034,  # Rp 839.535.848.290,34 -> 76,73%; 79,14%
        serapan_akhir=9_262,
    ),
    RencanaTahun(
        tahun=2026,
        versi=(_murni(2026),),
        pagu=108_251_943_725_000,  # Rp 1.082.519.437.250,00
        bulan_acuan=10,
        bulan_terakhir=10,
    ),
)
