"""The money: budget lines with their pagu and anggaran kas per version, and what was realised.

A line (``RincianAnggaran``) is the stable identity (year, OPD, sub kegiatan, sumber dana,
jenis belanja); each budget version gives it a pagu and twelve anggaran kas amounts
(``PaguAnggaran``). Realisasi is recorded against the identity, so it carries across versions.
"""

from functools import reduce
from operator import add

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from simple_history.models import HistoricalRecords

from ..sen import ekspresi_sen
from .fields import BulanField, PersenField, RupiahField, bulan_valid
from .master import JenisBelanja, PerangkatDaerah, SumberDana, TahunAnggaran, VersiAnggaran
from .nomenklatur import SubKegiatan

BULAN_AK = tuple(f"ak_{i:02d}" for i in range(1, 13))




class RincianAnggaran(models.Model):
    tahun = models.ForeignKey(
        TahunAnggaran, verbose_name="tahun anggaran", on_delete=models.PROTECT,
        related_name="rincian",
    )
    opd = models.ForeignKey(
        PerangkatDaerah, verbose_name="perangkat daerah", on_delete=models.PROTECT,
        related_name="rincian",
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, verbose_name="sub kegiatan", on_delete=models.PROTECT, related_name="rincian"
    )
    sumber_dana = models.ForeignKey(
        SumberDana, verbose_name="sumber dana", on_delete=models.PROTECT, related_name="rincian"
    )
    jenis_belanja = models.ForeignKey(
        JenisBelanja, verbose_name="jenis belanja", on_delete=models.PROTECT,
        related_name="rincian",
    )

    class Meta:
        verbose_name = "rincian anggaran"
        verbose_name_plural = "rincian anggaran"
        ordering = ["opd__kode", "sub_kegiatan__kode", "sumber_dana__urutan", "jenis_belanja__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "opd", "sub_kegiatan", "sumber_dana", "jenis_belanja"],
                name="rincian_unik",
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.opd} · {self.sub_kegiatan.kode} · {self.sumber_dana.kode} · "
            f"{self.jenis_belanja.kode}"
        )


class PaguAnggaran(models.Model):
    """Pagu and anggaran kas (planned disbursement per month) of one line in one version."""

    versi = models.ForeignKey(
        VersiAnggaran, verbose_name="versi anggaran", on_delete=models.CASCADE, related_name="pagu"
    )
    rincian = models.ForeignKey(
        RincianAnggaran, verbose_name="rincian anggaran", on_delete=models.CASCADE,
        related_name="pagu",
    )
    pagu = RupiahField("pagu")
    ak_01 = RupiahField("anggaran kas Januari")
    ak_02 = RupiahField("anggaran kas Februari")
    ak_03 = RupiahField("anggaran kas Maret")
    ak_04 = RupiahField("anggaran kas April")
    ak_05 = RupiahField("anggaran kas Mei")
    ak_06 = RupiahField("anggaran kas Juni")
    ak_07 = RupiahField("anggaran kas Juli")
    ak_08 = RupiahField("anggaran kas Agustus")
    ak_09 = RupiahField("anggaran kas September")
    ak_10 = RupiahField("anggaran kas Oktober")
    ak_11 = RupiahField("anggaran kas November")
    ak_12 = RupiahField("anggaran kas Desember")

    class Meta:
        verbose_name = "pagu dan anggaran kas"
        verbose_name_plural = "pagu dan anggaran kas"
        constraints = [
            models.UniqueConstraint(fields=["versi", "rincian"], name="pagu_unik_per_versi"),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="pagu_tidak_negatif"),
            *[
                models.CheckConstraint(condition=Q(**{f"{f}__gte": 0}), name=f"{f}_tidak_negatif")
                for f in BULAN_AK
            ],
            models.CheckConstraint(
                condition=Exact(
                    ekspresi_sen(F("pagu")), reduce(add, (ekspresi_sen(F(f)) for f in BULAN_AK))
                ),
                name="anggaran_kas_sama_dengan_pagu",
                violation_error_message="Jumlah anggaran kas 12 bulan harus sama dengan pagu.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rincian} ({self.versi.nama})"

    @property
    def anggaran_kas(self) -> list:
        return [getattr(self, f) for f in BULAN_AK]

    def clean(self) -> None:
        if self.versi_id and self.rincian_id and self.versi.tahun_id != self.rincian.tahun_id:
            raise ValidationError("Versi anggaran dan rincian anggaran berbeda tahun.")
        total = sum(self.anggaran_kas)
        if total != self.pagu:
            raise ValidationError(
                f"Jumlah anggaran kas Januari–Desember ({total}) tidak sama dengan pagu "
                f"({self.pagu})."
            )


class RealisasiKeuangan(models.Model):
    """Money disbursed (SP2D) on one line in one month — a monthly amount, never cumulative."""

    rincian = models.ForeignKey(
        RincianAnggaran, verbose_name="rincian anggaran", on_delete=models.PROTECT,
        related_name="realisasi",
    )
    bulan = BulanField()
    jumlah = RupiahField("realisasi")
    history = HistoricalRecords(verbose_name="riwayat realisasi keuangan")

    class Meta:
        verbose_name = "realisasi keuangan"
        verbose_name_plural = "realisasi keuangan"
        constraints = [
            models.UniqueConstraint(fields=["rincian", "bulan"], name="realisasi_unik_per_bulan"),
            models.CheckConstraint(condition=Q(jumlah__gte=0), name="realisasi_tidak_negatif"),
            bulan_valid(),
        ]

    def __str__(self) -> str:
        return f"{self.rincian} bulan {self.bulan}"


class _FisikBulanan(models.Model):
    tahun = models.ForeignKey(TahunAnggaran, verbose_name="tahun anggaran", on_delete=models.PROTECT)
    opd = models.ForeignKey(
        PerangkatDaerah, verbose_name="perangkat daerah", on_delete=models.PROTECT
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, verbose_name="sub kegiatan", on_delete=models.PROTECT
    )
    bulan = BulanField()
    persen = PersenField("persen (kumulatif)")

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["tahun", "opd", "sub_kegiatan", "bulan"], name="%(class)s_unik"
            ),
            models.CheckConstraint(
                condition=Q(persen__gte=0, persen__lte=100), name="%(class)s_persen_0_100"
            ),
            bulan_valid(),
        ]

    def __str__(self) -> str:
        return f"{self.opd} · {self.sub_kegiatan.kode} bulan {self.bulan}: {self.persen}%"


class TargetFisik(_FisikBulanan):
    """Planned cumulative physical progress of a sub kegiatan of an OPD."""

    class Meta(_FisikBulanan.Meta):
        verbose_name = "target fisik"
        verbose_name_plural = "target fisik"


class RealisasiFisik(_FisikBulanan):
    """Reported cumulative physical progress of a sub kegiatan of an OPD."""

    history = HistoricalRecords(verbose_name="riwayat realisasi fisik")

    class Meta(_FisikBulanan.Meta):
        verbose_name = "realisasi fisik"
        verbose_name_plural = "realisasi fisik"
