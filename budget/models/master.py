"""Master data: the pemda, fiscal years, budget versions, OPD, funding sources, accounts."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models


class Pemda(models.Model):
    """The one regional government this instance serves."""

    nama = models.CharField("nama pemda", max_length=200, help_text="mis. Kabupaten Lampung Barat")
    provinsi = models.CharField("provinsi", max_length=100, blank=True)
    ibu_kota = models.CharField("ibu kota", max_length=100, blank=True)
    data_sintetis = models.BooleanField(
        "data sintetis",
        default=False,
        help_text="Centang bila angka per OPD adalah data contoh (demo), bukan data resmi.",
    )

    class Meta:
        verbose_name = "pemerintah daerah"
        verbose_name_plural = "pemerintah daerah"

    def __str__(self) -> str:
        return self.nama

    @classmethod
    def aktif(cls) -> "Pemda | None":
        return cls.objects.order_by("pk").first()


class TahunAnggaran(models.Model):
    tahun = models.PositiveSmallIntegerField(
        "tahun", unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )

    class Meta:
        ordering = ["-tahun"]
        verbose_name = "tahun anggaran"
        verbose_name_plural = "tahun anggaran"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tahun__gte=2000, tahun__lte=2100), name="tahun_2000_2100"
            )
        ]

    def __str__(self) -> str:
        return str(self.tahun)


class JenisVersi(models.TextChoices):
    MURNI = "murni", "APBD Murni"
    PERGESERAN = "pergeseran", "Pergeseran"
    PERUBAHAN = "perubahan", "APBD Perubahan"


class VersiAnggaran(models.Model):
    """A budget in force from ``berlaku_mulai``; figures use the latest one in force."""

    tahun = models.ForeignKey(
        TahunAnggaran, verbose_name="tahun anggaran", on_delete=models.PROTECT,
        related_name="versi",
    )
    jenis = models.CharField("jenis", max_length=20, choices=JenisVersi.choices)
    nama = models.CharField("nama", max_length=100, help_text="mis. APBD Perubahan 2025")
    berlaku_mulai = models.DateField("berlaku mulai")
    dasar_hukum = models.CharField(
        "dasar hukum", max_length=200, blank=True, help_text="mis. Perda No. 5 Tahun 2025"
    )

    class Meta:
        ordering = ["tahun__tahun", "berlaku_mulai"]
        verbose_name = "versi anggaran"
        verbose_name_plural = "versi anggaran"
        constraints = [
            models.UniqueConstraint(fields=["tahun", "berlaku_mulai"], name="versi_unik_tanggal"),
            models.UniqueConstraint(fields=["tahun", "nama"], name="versi_unik_nama"),
        ]

    def __str__(self) -> str:
        return f"{self.nama} (berlaku {self.berlaku_mulai:%d-%m-%Y})"

    def clean(self) -> None:
        if self.berlaku_mulai and self.tahun_id and self.berlaku_mulai.year != self.tahun.tahun:
            raise ValidationError(
                {"berlaku_mulai": f"Tanggal berlaku {self.berlaku_mulai:%d-%m-%Y} di luar "
                                  f"tahun anggaran {self.tahun.tahun}."}
            )

    @classmethod
    def berlaku_pada(cls, tahun: int, tanggal: datetime.date) -> "VersiAnggaran | None":
        return (
            cls.objects.filter(tahun__tahun=tahun, berlaku_mulai__lte=tanggal)
            .order_by("-berlaku_mulai")
            .first()
        )


class JenisOPD(models.TextChoices):
    SEKRETARIAT = "sekretariat", "Sekretariat"
    DINAS = "dinas", "Dinas"
    BADAN = "badan", "Badan"
    INSPEKTORAT = "inspektorat", "Inspektorat"
    RSUD = "rsud", "RSUD"
    KECAMATAN = "kecamatan", "Kecamatan"
    UPTD = "uptd", "UPTD/Puskesmas"


class PerangkatDaerah(models.Model):
    kode = models.CharField(
        "kode", max_length=40, unique=True,
        validators=[RegexValidator(r"^[0-9]+(\.[0-9]+)*$", "Kode OPD hanya angka dan titik.")],
    )
    nama = models.CharField("nama", max_length=200)
    singkatan = models.CharField("singkatan", max_length=40, blank=True)
    jenis = models.CharField("jenis", max_length=20, choices=JenisOPD.choices)
    induk = models.ForeignKey(
        "self", verbose_name="induk", null=True, blank=True, on_delete=models.PROTECT,
        related_name="unit", help_text="Untuk UPTD/puskesmas: dinas induknya.",
    )
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        ordering = ["kode"]
        verbose_name = "perangkat daerah"
        verbose_name_plural = "perangkat daerah"

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.induk_id and self.induk_id == self.pk:
            raise ValidationError({"induk": "Perangkat daerah tidak dapat menjadi induk dirinya."})


class SumberDana(models.Model):
    kode = models.CharField("kode", max_length=20, unique=True)
    nama = models.CharField("nama", max_length=100)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        ordering = ["urutan", "kode"]
        verbose_name = "sumber dana"
        verbose_name_plural = "sumber dana"

    def __str__(self) -> str:
        return self.nama


class KelompokBelanja(models.TextChoices):
    OPERASI = "operasi", "Belanja Operasi"
    MODAL = "modal", "Belanja Modal"
    TIDAK_TERDUGA = "tidak_terduga", "Belanja Tidak Terduga"
    TRANSFER = "transfer", "Belanja Transfer"


class JenisBelanja(models.Model):
    kode = models.CharField(
        "kode rekening", max_length=20, unique=True,
        validators=[RegexValidator(r"^5\.[1-4]\.[0-9]{2}$", "Format kode: 5.x.yy, mis. 5.1.02.")],
    )
    nama = models.CharField("nama", max_length=150)
    kelompok = models.CharField("kelompok", max_length=20, choices=KelompokBelanja.choices)

    class Meta:
        ordering = ["kode"]
        verbose_name = "jenis belanja"
        verbose_name_plural = "jenis belanja"

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
