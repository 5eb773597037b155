"""The nomenclature tree of Permendagri 90/2019 (Kepmendagri 050-5889/2021).

Urusan ``1`` > Bidang Urusan ``1.02`` > Program ``1.02.02`` > Kegiatan ``1.02.02.2.01`` >
Sub Kegiatan ``1.02.02.2.01.0001``. A child's code always begins with its parent's code.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models


class _Nomenklatur(models.Model):
    pola: str = ""
    contoh: str = ""
    induk_field: str | None = None

    kode = models.CharField("kode", max_length=30, unique=True)
    nama = models.CharField("nama", max_length=300)

    class Meta:
        abstract = True
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"

    def clean(self) -> None:
        RegexValidator(self.pola, f"Format kode salah: {self.kode!r}, contoh {self.contoh}.")(
            self.kode
        )
        if self.induk_field:
            induk = getattr(self, self.induk_field, None)
            if induk is not None and not self.kode.startswith(induk.kode + "."):
                raise ValidationError(
                    {"kode": f"Kode {self.kode} tidak diawali kode induknya {induk.kode}."}
                )


class Urusan(_Nomenklatur):
    pola = r"^[0-9X]$"
    contoh = "1"

    class Meta(_Nomenklatur.Meta):
        verbose_name = "urusan"
        verbose_name_plural = "urusan"


class BidangUrusan(_Nomenklatur):
    pola = r"^[0-9X]\.[0-9X]{2}$"
    contoh = "1.02"
    induk_field = "urusan"
    urusan = models.ForeignKey(Urusan, on_delete=models.PROTECT, related_name="bidang")

    class Meta(_Nomenklatur.Meta):
        verbose_name = "bidang urusan"
        verbose_name_plural = "bidang urusan"


class Program(_Nomenklatur):
    pola = r"^[0-9X]\.[0-9X]{2}\.[0-9]{2}$"
    contoh = "1.02.02"
    induk_field = "bidang"
    bidang = models.ForeignKey(
        BidangUrusan, verbose_name="bidang urusan", on_delete=models.PROTECT,
        related_name="program",
    )

    class Meta(_Nomenklatur.Meta):
        verbose_name = "program"
        verbose_name_plural = "program"


class Kegiatan(_Nomenklatur):
    pola = r"^[0-9X]\.[0-9X]{2}\.[0-9]{2}\.[0-9]\.[0-9]{2}$"
    contoh = "1.02.02.2.01"
    induk_field = "program"
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="kegiatan")

    class Meta(_Nomenklatur.Meta):
        verbose_name = "kegiatan"
        verbose_name_plural = "kegiatan"


class SubKegiatan(_Nomenklatur):
    pola = r"^[0-9X]\.[0-9X]{2}\.[0-9]{2}\.[0-9]\.[0-9]{2}\.[0-9]{4}$"
    contoh = "1.02.02.2.01.0001"
    induk_field = "kegiatan"
    kegiatan = models.ForeignKey(Kegiatan, on_delete=models.PROTECT, related_name="sub_kegiatan")

    class Meta(_Nomenklatur.Meta):
        verbose_name = "sub kegiatan"
        verbose_name_plural = "sub kegiatan"
