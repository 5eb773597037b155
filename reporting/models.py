"""The monthly report of an OPD and its workflow, obstacles and submitted snapshots."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from budget.models import PerangkatDaerah, RincianAnggaran, SubKegiatan, TahunAnggaran
from budget.models.fields import RUPIAH, BulanField, PersenField, bulan_valid


class StatusLaporan(models.TextChoices):
    DRAFT = "draft", "Draf"
    DIAJUKAN = "diajukan", "Diajukan"
    DIVERIFIKASI = "diverifikasi", "Diverifikasi"
    DIKEMBALIKAN = "dikembalikan", "Dikembalikan"


# Statuses in which the operator may still change the figures.
STATUS_DAPAT_DIUBAH = (StatusLaporan.DRAFT, StatusLaporan.DIKEMBALIKAN)


class PeriodePelaporan(models.Model):
    """A reporting month as the Bagian Administrasi Pembangunan set it: its deadline and
    whether it is locked. A month without a row is open with the default deadline."""

    tahun = models.ForeignKey(TahunAnggaran, verbose_name="tahun anggaran",
                              on_delete=models.PROTECT)
    bulan = BulanField()
    batas_lapor = models.DateTimeField("batas waktu lapor", null=True, blank=True,
                                       help_text="Kosong: tanggal bawaan bulan berikutnya.")
    dikunci = models.BooleanField("dikunci", default=False,
                                  help_text="Bulan yang dikunci tidak dapat diisi lagi.")

    class Meta:
        verbose_name = "periode pelaporan"
        verbose_name_plural = "periode pelaporan"
        ordering = ["tahun__tahun", "bulan"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "bulan"], name="periode_unik"),
            bulan_valid(),
        ]

    def __str__(self) -> str:
        return f"{self.tahun} bulan {self.bulan}"


class TindakanPeriode(models.TextChoices):
    BATAS = "batas", "Batas waktu diubah"
    KUNCI = "kunci", "Bulan dikunci"
    BUKA = "buka", "Kunci dibuka"


class CatatanPeriode(models.Model):
    """Every change a verifikator or admin makes to a reporting month (``reporting.periode``):
    who, when, what it was, what it became and why. Keyed by year and month rather than the
    ``PeriodePelaporan`` row, which a month at its defaults does not have."""

    tahun = models.ForeignKey(TahunAnggaran, verbose_name="tahun anggaran",
                              on_delete=models.PROTECT, related_name="+")
    bulan = BulanField()
    tindakan = models.CharField("tindakan", max_length=10, choices=TindakanPeriode.choices)
    lama = models.CharField("semula", max_length=200)
    baru = models.CharField("menjadi", max_length=200)
    alasan = models.TextField("alasan")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+", verbose_name="oleh")
    pada = models.DateTimeField("pada")

    class Meta:
        verbose_name = "catatan periode"
        verbose_name_plural = "catatan periode"
        ordering = ["-pada", "-pk"]
        constraints = [bulan_valid()]

    def __str__(self) -> str:
        return f"{self.tahun} bulan {self.bulan}: {self.get_tindakan_display()}"


class LaporanBulanan(models.Model):
    tahun = models.ForeignKey(TahunAnggaran, verbose_name="tahun anggaran",
                              on_delete=models.PROTECT, related_name="laporan")
    opd = models.ForeignKey(PerangkatDaerah, verbose_name="perangkat daerah",
                            on_delete=models.PROTECT, related_name="laporan")
    bulan = BulanField()
    status = models.CharField("status", max_length=20, choices=StatusLaporan.choices,
                              default=StatusLaporan.DRAFT)
    # Optimistic locking: every save of the figures increments it; a save made from a page
    # that showed an older revision is refused instead of overwriting someone else's work.
    revisi = models.PositiveIntegerField("revisi", default=0)
    pertama_diajukan_pada = models.DateTimeField("pertama diajukan", null=True, blank=True)
    diajukan_pada = models.DateTimeField("terakhir diajukan", null=True, blank=True)
    diverifikasi_pada = models.DateTimeField("diverifikasi", null=True, blank=True)
    catatan_verifikator = models.TextField("catatan verifikator", blank=True)
    diubah_pada = models.DateTimeField("terakhir diubah", auto_now=True)

    class Meta:
        verbose_name = "laporan bulanan"
        verbose_name_plural = "laporan bulanan"
        ordering = ["tahun__tahun", "bulan", "opd__kode"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "opd", "bulan"], name="laporan_unik"),
            bulan_valid(),
        ]

    def __str__(self) -> str:
        return f"Laporan {self.opd} {self.bulan}/{self.tahun}"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in STATUS_DAPAT_DIUBAH


class IsianRealisasi(models.Model):
    """The operator's working value of one line's realisasi in one report: a draft. No figure
    reads it; ``services.ajukan`` copies it into ``budget.RealisasiKeuangan`` (the official
    data, the only source of the figures) and deletes it. ``jumlah`` None is a field left
    blank on purpose (a typed zero is 0), which submission refuses where anggaran kas is due."""

    laporan = models.ForeignKey(LaporanBulanan, on_delete=models.CASCADE,
                                related_name="isian_realisasi")
    rincian = models.ForeignKey(RincianAnggaran, verbose_name="rincian anggaran",
                                on_delete=models.PROTECT, related_name="+")
    jumlah = models.DecimalField("realisasi bulan ini", null=True, blank=True, **RUPIAH)
    history = HistoricalRecords(verbose_name="riwayat isian realisasi")

    class Meta:
        verbose_name = "isian realisasi (draf)"
        verbose_name_plural = "isian realisasi (draf)"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "rincian"], name="isian_realisasi_unik"),
            models.CheckConstraint(condition=Q(jumlah__isnull=True) | Q(jumlah__gte=0),
                                   name="isian_realisasi_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.laporan}: rincian {self.rincian_id} = {self.jumlah}"


class IsianFisik(models.Model):
    """The operator's working realisasi fisik of one sub kegiatan in one report: a draft, like
    ``IsianRealisasi``; ``persen`` None is a field left blank."""

    laporan = models.ForeignKey(LaporanBulanan, on_delete=models.CASCADE,
                                related_name="isian_fisik")
    sub_kegiatan = models.ForeignKey(SubKegiatan, verbose_name="sub kegiatan",
                                     on_delete=models.PROTECT, related_name="+")
    persen = PersenField("realisasi fisik (kumulatif)", null=True, blank=True)
    history = HistoricalRecords(verbose_name="riwayat isian fisik")

    class Meta:
        verbose_name = "isian fisik (draf)"
        verbose_name_plural = "isian fisik (draf)"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "sub_kegiatan"], name="isian_fisik_unik"),
            models.CheckConstraint(
                condition=Q(persen__isnull=True) | Q(persen__gte=0, persen__lte=100),
                name="isian_fisik_persen_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.laporan}: sub kegiatan {self.sub_kegiatan_id} = {self.persen}"


class RiwayatLaporan(models.Model):
    """Each step of the workflow: who moved the report from which status to which, and why."""

    laporan = models.ForeignKey(LaporanBulanan, on_delete=models.CASCADE, related_name="riwayat")
    dari = models.CharField("dari", max_length=20, choices=StatusLaporan.choices)
    ke = models.CharField("ke", max_length=20, choices=StatusLaporan.choices)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    pada = models.DateTimeField("pada")
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "riwayat laporan"
        verbose_name_plural = "riwayat laporan"
        ordering = ["pada", "pk"]

    def __str__(self) -> str:
        return f"{self.laporan}: {self.dari} → {self.ke}"


class SnapshotLaporan(models.Model):
    """What was submitted, exactly as submitted: figures per line and sub kegiatan."""

    laporan = models.ForeignKey(LaporanBulanan, on_delete=models.CASCADE,
                                related_name="snapshot")
    nomor = models.PositiveIntegerField("pengajuan ke-")
    dibuat_pada = models.DateTimeField("diajukan pada")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    data = models.JSONField("data")

    class Meta:
        verbose_name = "snapshot pengajuan"
        verbose_name_plural = "snapshot pengajuan"
        ordering = ["laporan", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["laporan", "nomor"], name="snapshot_unik")
        ]

    def __str__(self) -> str:
        return f"{self.laporan}, pengajuan ke-{self.nomor}"


class PenjelasanPeringatan(models.Model):
    """The operator's explanation of a validation warning, which allows submission."""

    laporan = models.ForeignKey(LaporanBulanan, on_delete=models.CASCADE,
                                related_name="penjelasan")
    kode = models.CharField("kode peringatan", max_length=120)
    teks = models.TextField("penjelasan")
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    pada = models.DateTimeField("pada", auto_now=True)

    class Meta:
        verbose_name = "penjelasan peringatan"
        verbose_name_plural = "penjelasan peringatan"
        constraints = [
            models.UniqueConstraint(fields=["laporan", "kode"], name="penjelasan_unik")
        ]

    def __str__(self) -> str:
        return f"{self.laporan}: {self.kode}"


class KategoriPermasalahan(models.TextChoices):
    PENGADAAN = "pengadaan", "Pengadaan/lelang"
    ADMINISTRASI = "administrasi", "Administrasi/dokumen"
    REGULASI = "regulasi", "Regulasi/juknis"
    LAHAN = "lahan", "Lahan"
    CUACA = "cuaca", "Cuaca/alam"
    PENYEDIA = "penyedia", "Penyedia/kontraktor"
    SDM = "sdm", "SDM"
    DANA_TRANSFER = "dana_transfer", "Dana transfer belum diterima"
    LAINNYA = "lainnya", "Lainnya"


class StatusPermasalahan(models.TextChoices):
    TERBUKA = "terbuka", "Terbuka"
    SELESAI = "selesai", "Selesai"


class Permasalahan(models.Model):
    """An obstacle on a sub kegiatan, carried from month to month until it is closed."""

    tahun = models.ForeignKey(TahunAnggaran, verbose_name="tahun anggaran",
                              on_delete=models.PROTECT)
    opd = models.ForeignKey(PerangkatDaerah, verbose_name="perangkat daerah",
                            on_delete=models.PROTECT, related_name="permasalahan")
    sub_kegiatan = models.ForeignKey(SubKegiatan, verbose_name="sub kegiatan",
                                     on_delete=models.PROTECT, related_name="permasalahan")
    bulan = BulanField("dilaporkan bulan")
    kategori = models.CharField("kategori", max_length=20,
                                choices=KategoriPermasalahan.choices)
    uraian = models.TextField("uraian permasalahan")
    tindak_lanjut = models.TextField("tindak lanjut", blank=True)
    penanggung_jawab = models.CharField("penanggung jawab", max_length=200, blank=True)
    target_selesai = models.DateField("target selesai", null=True, blank=True)
    status = models.CharField("status", max_length=10, choices=StatusPermasalahan.choices,
                              default=StatusPermasalahan.TERBUKA)
    bulan_selesai = BulanField("selesai bulan", null=True, blank=True)
    history = HistoricalRecords(verbose_name="riwayat permasalahan")

    class Meta:
        verbose_name = "permasalahan"
        verbose_name_plural = "permasalahan"
        ordering = ["tahun__tahun", "bulan", "pk"]
        constraints = [
            bulan_valid(),
            models.CheckConstraint(
                condition=Q(status="terbuka", bulan_selesai__isnull=True)
                | Q(status="selesai", bulan_selesai__isnull=False),
                name="permasalahan_selesai_punya_bulan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kategori_display()}: {self.uraian[:60]}"
