"""What SIPD imports leave behind: the import log with the SIPD figures per budget line, the
saved column mappings, the sub unit → OPD mapping and the verifier's acceptances."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from budget.models import PerangkatDaerah, RincianAnggaran, VersiAnggaran
from budget.models.fields import BulanField, RupiahField


class JenisBerkasSipd(models.TextChoices):
    REALISASI = "realisasi", "Realisasi per rekening"
    ANGGARAN_KAS = "anggaran_kas", "Anggaran kas"
    DPA = "dpa", "Rincian DPA"


class TataLetakSipd(models.TextChoices):
    JUDUL = "judul", "Judul kolom SIPD"
    KOLOM = "kolom", "Kolom huruf (berkas bertanggal)"
    JSON = "json", "JSON SIPD RI"
    CETAK = "cetak", "Anggaran kas cetak SIPD"
    PEMETAAN = "pemetaan", "Pemetaan kolom tersimpan"


class ImporSipd(models.Model):
    """One confirmed SIPD import: what file, cut-off, who, when, and its rows by outcome."""

    jenis = models.CharField("jenis", max_length=20, choices=JenisBerkasSipd.choices)
    nama_berkas = models.CharField("nama berkas", max_length=255)
    sha256 = models.CharField("sha256", max_length=64)
    ukuran = models.BigIntegerField("ukuran (byte)", default=0)
    tata_letak = models.CharField("tata letak", max_length=20, choices=TataLetakSipd.choices)
    tahun = models.PositiveSmallIntegerField("tahun anggaran")
    tanggal = models.DateField("tanggal batas (s.d.)", null=True, blank=True)
    bulan = BulanField("bulan", null=True, blank=True)
    versi = models.ForeignKey(VersiAnggaran, verbose_name="versi anggaran", null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="oleh", null=True,
                             blank=True, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField("diimpor pada", default=timezone.now)
    baris = models.JSONField("baris menurut hasil", default=dict)
    ringkasan = models.JSONField("ringkasan perubahan", default=dict)
    total = RupiahField("total SIPD (Rp)")

    class Meta:
        verbose_name = "impor SIPD"
        verbose_name_plural = "impor SIPD"
        ordering = ["-pada", "-pk"]
        indexes = [models.Index(fields=["jenis", "tahun", "bulan", "pada"])]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.nama_berkas} ({self.pada:%Y-%m-%d %H:%M})"


class RealisasiSipd(models.Model):
    """SIPD's cumulative realisasi of one budget line at the import's cut-off (after the
    sumber dana split), and the month's amount the import wrote."""

    impor = models.ForeignKey(ImporSipd, on_delete=models.CASCADE, related_name="realisasi")
    rincian = models.ForeignKey(RincianAnggaran, on_delete=models.CASCADE, related_name="+")
    kumulatif = RupiahField("realisasi kumulatif SIPD")
    bulan_ini = RupiahField("realisasi bulan ini")

    class Meta:
        verbose_name = "realisasi SIPD"
        verbose_name_plural = "realisasi SIPD"
        constraints = [models.UniqueConstraint(fields=["impor", "rincian"],
                                               name="realisasi_sipd_unik")]

    def __str__(self) -> str:
        return f"impor SIPD #{self.impor_id}, rincian {self.rincian_id}: {self.kumulatif}"


class PemetaanUnitSipd(models.Model):
    """A SIPD SKPD or sub unit code that SIAP does not hold as an OPD, and the OPD its rows
    belong to (e.g. a bidang's sub unit reported by its dinas)."""

    kode = models.CharField("kode SKPD / sub unit SIPD", max_length=60, unique=True)
    nama = models.CharField("nama di SIPD", max_length=255, blank=True)
    opd = models.ForeignKey(PerangkatDaerah, verbose_name="perangkat daerah SIAP",
                            on_delete=models.CASCADE, related_name="+")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    pada = models.DateTimeField("dibuat pada", default=timezone.now)

    class Meta:
        verbose_name = "pemetaan sub unit SIPD"
        verbose_name_plural = "pemetaan sub unit SIPD"
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} → {self.opd}"


class PemetaanKolomSipd(models.Model):
    """Which column holds each field, for files with this exact header row (``tanda`` is the
    sha256 of the normalised headers). One SIAP instance serves one pemda, so a mapping saved
    here is the pemda's."""

    jenis = models.CharField("jenis", max_length=20, choices=JenisBerkasSipd.choices)
    tanda = models.CharField("tanda judul", max_length=64)
    judul = models.JSONField("judul kolom")
    posisi = models.JSONField("kolom per isian")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    pada = models.DateTimeField("disimpan pada", default=timezone.now)

    class Meta:
        verbose_name = "pemetaan kolom SIPD"
        verbose_name_plural = "pemetaan kolom SIPD"
        ordering = ["-pada"]
        constraints = [models.UniqueConstraint(fields=["jenis", "tanda"],
                                               name="pemetaan_kolom_unik")]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()}: {', '.join(map(str, self.judul))[:80]}"


class SipdDiterima(models.Model):
    """The verifier put SIPD's figures into an OPD's monthly report (one row per acceptance)."""

    laporan = models.ForeignKey("reporting.LaporanBulanan", on_delete=models.CASCADE,
                                related_name="+")
    impor = models.ForeignKey(ImporSipd, on_delete=models.CASCADE, related_name="diterima")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pada = models.DateTimeField("pada", default=timezone.now)
    jumlah_rincian = models.PositiveIntegerField("rincian diubah")
    sebelum = RupiahField("realisasi bulan itu sebelum")
    sesudah = RupiahField("realisasi bulan itu sesudah")

    class Meta:
        verbose_name = "angka SIPD diterima"
        verbose_name_plural = "angka SIPD diterima"
        ordering = ["-pada", "-pk"]

    def __str__(self) -> str:
        return f"{self.laporan_id}: angka SIPD impor #{self.impor_id} ({self.pada:%Y-%m-%d})"
