"""Indikator kinerja beside the money: the indicators of an OPD's program, kegiatan and sub
kegiatan with their targets and quarterly realisasi, the quarter's faktor pendorong /
penghambat / tindak lanjut, and the pemda's outcome indicators (stunting, kemiskinan, IPM)
kept by Bappeda."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from budget.models import Kegiatan, PerangkatDaerah, Program, SubKegiatan, TahunAnggaran
from budget.models.fields import BulanField, bulan_valid
from lib.figures_kinerja import Akumulasi, Arah

NILAI = {"max_digits": 20, "decimal_places": 2}


class Tingkat(models.TextChoices):
    PROGRAM = "program", "Program"
    KEGIATAN = "kegiatan", "Kegiatan"
    SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"


class AkumulasiIndikator(models.TextChoices):
    JUMLAH = Akumulasi.JUMLAH.value, "Dijumlahkan tiap triwulan"
    TERAKHIR = Akumulasi.TERAKHIR.value, "Nilai triwulan terakhir"


class ArahIndikator(models.TextChoices):
    NAIK = Arah.NAIK.value, "Makin tinggi makin baik"
    TURUN = Arah.TURUN.value, "Makin rendah makin baik"


def _tidak_negatif(*kolom: str) -> list[models.CheckConstraint]:
    return [models.CheckConstraint(condition=Q(**{f"{k}__gte": 0}) | Q(**{f"{k}__isnull": True}),
                                   name=f"%(class)s_{k}_tidak_negatif") for k in kolom]


def _triwulan_valid() -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(triwulan__gte=1, triwulan__lte=4),
                                  name="%(class)s_triwulan_1_4")


class IndikatorKinerja(models.Model):
    """An indicator of one program, kegiatan or sub kegiatan of an OPD's budget of a year
    (Renja): what is measured, its unit, the target of the year and of each quarter, and —
    optional — the Renstra target at the end of the period and the realisation up to year
    n−2 (K; the Rp of the row are on its first indicator)."""

    tahun = models.ForeignKey(TahunAnggaran, verbose_name="tahun anggaran",
                              on_delete=models.PROTECT, related_name="indikator_kinerja")
    opd = models.ForeignKey(PerangkatDaerah, verbose_name="perangkat daerah",
                            on_delete=models.PROTECT, related_name="indikator_kinerja")
    tingkat = models.CharField("tingkat", max_length=20, choices=Tingkat.choices)
    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    kegiatan = models.ForeignKey(Kegiatan, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    sub_kegiatan = models.ForeignKey(SubKegiatan, verbose_name="sub kegiatan", null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    nomor = models.PositiveSmallIntegerField("nomor", default=1,
                                             help_text="Urutan indikator pada baris yang sama.")
    uraian = models.CharField("indikator", max_length=500)
    satuan = models.CharField("satuan", max_length=50)
    akumulasi = models.CharField("akumulasi", max_length=10, choices=AkumulasiIndikator.choices,
                                 default=AkumulasiIndikator.JUMLAH)
    arah = models.CharField("arah", max_length=10, choices=ArahIndikator.choices,
                            default=ArahIndikator.NAIK)
    target = models.DecimalField("target tahun ini", **NILAI)
    target_tw1 = models.DecimalField("target TW I", null=True, blank=True, **NILAI)
    target_tw2 = models.DecimalField("target TW II", null=True, blank=True, **NILAI)
    target_tw3 = models.DecimalField("target TW III", null=True, blank=True, **NILAI)
    target_tw4 = models.DecimalField("target TW IV", null=True, blank=True, **NILAI)
    target_renstra = models.DecimalField("target Renstra akhir periode", null=True, blank=True,
                                         **NILAI)
    target_renstra_rp = models.DecimalField("target Renstra akhir periode (Rp)", null=True,
                                            blank=True, **NILAI)
    realisasi_renstra_lalu = models.DecimalField("realisasi Renstra s.d. tahun n−2",
                                                 null=True, blank=True, **NILAI)
    realisasi_renstra_lalu_rp = models.DecimalField("realisasi Renstra s.d. tahun n−2 (Rp)",
                                                    null=True, blank=True, **NILAI)

    class Meta:
        verbose_name = "indikator kinerja"
        verbose_name_plural = "indikator kinerja"
        ordering = ["tahun__tahun", "opd__kode", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tingkat="program", program__isnull=False, kegiatan__isnull=True,
                            sub_kegiatan__isnull=True)
                | Q(tingkat="kegiatan", program__isnull=True, kegiatan__isnull=False,
                    sub_kegiatan__isnull=True)
                | Q(tingkat="sub_kegiatan", program__isnull=True, kegiatan__isnull=True,
                    sub_kegiatan__isnull=False),
                name="indikator_satu_nomenklatur",
            ),
            models.UniqueConstraint(fields=["tahun", "opd", "program", "nomor"],
                                    condition=Q(program__isnull=False),
                                    name="indikator_program_unik"),
            models.UniqueConstraint(fields=["tahun", "opd", "kegiatan", "nomor"],
                                    condition=Q(kegiatan__isnull=False),
                                    name="indikator_kegiatan_unik"),
            models.UniqueConstraint(fields=["tahun", "opd", "sub_kegiatan", "nomor"],
                                    condition=Q(sub_kegiatan__isnull=False),
                                    name="indikator_sub_unik"),
            *_tidak_negatif("target", "target_tw1", "target_tw2", "target_tw3", "target_tw4",
                            "target_renstra", "target_renstra_rp", "realisasi_renstra_lalu",
                            "realisasi_renstra_lalu_rp"),
        ]

    def __str__(self) -> str:
        return f"{self.uraian} ({self.satuan})"

    @property
    def nomenklatur(self):
        return self.program or self.kegiatan or self.sub_kegiatan

    @property
    def target_triwulan(self) -> list:
        return [self.target_tw1, self.target_tw2, self.target_tw3, self.target_tw4]


class RealisasiIndikator(models.Model):
    """The realisasi of an indicator in one quarter (its own amount, or the level reached
    for an indicator whose year is its latest quarter), entered with the report of the
    quarter's last month; ``penjelasan`` explains a value above 150% of the target."""

    indikator = models.ForeignKey(IndikatorKinerja, on_delete=models.CASCADE,
                                  related_name="realisasi")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    nilai = models.DecimalField("realisasi", **NILAI)
    penjelasan = models.TextField("penjelasan", blank=True)
    history = HistoricalRecords(verbose_name="riwayat realisasi indikator")

    class Meta:
        verbose_name = "realisasi indikator"
        verbose_name_plural = "realisasi indikator"
        ordering = ["indikator", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "triwulan"],
                                    name="realisasi_indikator_unik"),
            _triwulan_valid(),
            *_tidak_negatif("nilai"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: TW {self.triwulan} = {self.nilai}"


class EvaluasiTriwulan(models.Model):
    """What the OPD writes each quarter beside its figures (the footer of E.81) — or, with
    no OPD, what Bappeda writes for the pemda (E.79)."""

    tahun = models.ForeignKey(TahunAnggaran, verbose_name="tahun anggaran",
                              on_delete=models.PROTECT, related_name="+")
    opd = models.ForeignKey(PerangkatDaerah, verbose_name="perangkat daerah", null=True,
                            blank=True, on_delete=models.PROTECT, related_name="+")
    triwulan = models.PositiveSmallIntegerField("triwulan")
    faktor_pendorong = models.TextField("faktor pendorong keberhasilan", blank=True)
    faktor_penghambat = models.TextField("faktor penghambat", blank=True)
    tindak_lanjut_triwulan = models.TextField("tindak lanjut triwulan berikutnya", blank=True)
    tindak_lanjut_renja = models.TextField("tindak lanjut Renja berikutnya", blank=True)
    kepala_nama = models.CharField("nama kepala", max_length=200, blank=True)
    kepala_nip = models.CharField("NIP kepala", max_length=30, blank=True)
    # Optimistic locking, as the monthly report: a save from an out-of-date page is refused.
    revisi = models.PositiveIntegerField("revisi", default=0)
    diubah_oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    diubah_pada = models.DateTimeField("terakhir diubah", auto_now=True)
    history = HistoricalRecords(verbose_name="riwayat evaluasi triwulan")

    class Meta:
        verbose_name = "evaluasi triwulan"
        verbose_name_plural = "evaluasi triwulan"
        ordering = ["tahun__tahun", "triwulan", "opd__kode"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "opd", "triwulan"],
                                    condition=Q(opd__isnull=False), name="evaluasi_opd_unik"),
            models.UniqueConstraint(fields=["tahun", "triwulan"], condition=Q(opd__isnull=True),
                                    name="evaluasi_pemda_unik"),
            _triwulan_valid(),
        ]

    def __str__(self) -> str:
        return f"Evaluasi TW {self.triwulan} {self.tahun} {self.opd or 'pemda'}"


class IndikatorPemda(models.Model):
    """An outcome the pemda tracks (stunting, kemiskinan, IPM, …), with the sub kegiatan that
    serve it: their budget figures sit beside it on the leaders' dashboard."""

    nama = models.CharField("indikator", max_length=300)
    satuan = models.CharField("satuan", max_length=50)
    arah = models.CharField("arah", max_length=10, choices=ArahIndikator.choices,
                            default=ArahIndikator.TURUN)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)
    sumber = models.CharField("sumber data", max_length=200, blank=True)
    sub_kegiatan = models.ManyToManyField(SubKegiatan, verbose_name="sub kegiatan terkait",
                                          blank=True, related_name="indikator_pemda")

    class Meta:
        verbose_name = "indikator kinerja pemda"
        verbose_name_plural = "indikator kinerja pemda"
        ordering = ["urutan", "pk"]
        permissions = [("kelola_indikator_pemda",
                        "Mengelola indikator kinerja pemda dan evaluasi RKPD (Bappeda)")]

    def __str__(self) -> str:
        return self.nama


class TargetIndikatorPemda(models.Model):
    indikator = models.ForeignKey(IndikatorPemda, on_delete=models.CASCADE,
                                  related_name="target")
    tahun = models.PositiveSmallIntegerField(
        "tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    target = models.DecimalField("target", **NILAI)

    class Meta:
        verbose_name = "target indikator pemda"
        verbose_name_plural = "target indikator pemda"
        ordering = ["indikator", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_pemda_unik"),
            *_tidak_negatif("target"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: target {self.tahun} = {self.target}"


class NilaiIndikatorPemda(models.Model):
    """The value of an outcome indicator as of a month (e.g. the August weighing)."""

    indikator = models.ForeignKey(IndikatorPemda, on_delete=models.CASCADE,
                                  related_name="nilai")
    tahun = models.PositiveSmallIntegerField(
        "tahun", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    bulan = BulanField("keadaan bulan")
    nilai = models.DecimalField("nilai", **NILAI)
    keterangan = models.CharField("keterangan", max_length=300, blank=True)
    history = HistoricalRecords(verbose_name="riwayat nilai indikator pemda")

    class Meta:
        verbose_name = "nilai indikator pemda"
        verbose_name_plural = "nilai indikator pemda"
        ordering = ["indikator", "tahun", "bulan"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun", "bulan"],
                                    name="nilai_pemda_unik"),
            bulan_valid(),
            *_tidak_negatif("nilai"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.bulan}/{self.tahun} = {self.nilai}"
