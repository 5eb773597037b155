import contextlib
import contextvars

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver


class Peran(models.TextChoices):
    OPERATOR = "operator", "Operator OPD"
    VERIFIKATOR = "verifikator", "Verifikator"
    PIMPINAN = "pimpinan", "Pimpinan"
    ADMIN = "admin", "Admin"


PESAN_ADMIN_TERAKHIR = ("Ini admin aktif terakhir: jadikan pengguna lain Admin terlebih dahulu, "
                        "agar masih ada yang dapat mengelola pengguna.")
# Who holds the admin role: peran Admin, or a superuser whatever their peran.
ADMIN = Q(peran=Peran.ADMIN) | Q(is_superuser=True)
# Saving only these fields can take the admin role away.
_KOLOM_PERAN = {"peran", "is_superuser", "is_active"}


class AdminTerakhir(ValidationError):
    """Refused: the change would leave SIAP without an active admin."""

    def __init__(self):
        super().__init__(PESAN_ADMIN_TERAKHIR, code="admin_terakhir")


_JAGA = contextvars.ContextVar("siap_jaga_admin_terakhir", default=True)


@contextlib.contextmanager
def tanpa_jaga_admin_terakhir():
    """Lift the guard for one block of code. Only for the demo's own removal
    (``demo.load.hapus_demo``), which deletes the demo accounts, the admin among them, before
    ``siap demo-data --ganti`` creates them again."""
    token = _JAGA.set(False)
    try:
        yield
    finally:
        _JAGA.reset(token)


def jaga_admin_terakhir(user) -> None:
    """Raise ``AdminTerakhir`` if ``user`` is, as stored, the only active admin. Must run
    inside the transaction that demotes, deactivates or deletes them: the admins' rows are
    locked, so two admins demoting each other at once cannot both succeed (on SQLite the
    write transaction is already exclusive)."""
    if not _JAGA.get():
        return
    admin = list(User.objects.select_for_update().filter(ADMIN, is_active=True)
                 .values_list("pk", flat=True))
    if admin == [user.pk]:
        raise AdminTerakhir()


class User(AbstractUser):
    peran = models.CharField(
        "peran", max_length=20, choices=Peran.choices, default=Peran.OPERATOR
    )
    jabatan = models.CharField("jabatan", max_length=200, blank=True)
    opd = models.ManyToManyField(
        "budget.PerangkatDaerah",
        verbose_name="perangkat daerah",
        related_name="operator",
        blank=True,
        help_text="Untuk Operator OPD: perangkat daerah yang laporannya boleh diisi.",
    )

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"

    def save(self, *args, **kwargs):
        """The model-level guard behind every path that saves a user (SIAP's pages, the
        Django admin, a shell or command): the last active admin keeps the role."""
        kolom = kwargs.get("update_fields")
        if (self.pk is None or self.admin_aktif
                or (kolom is not None and not _KOLOM_PERAN & set(kolom))):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            jaga_admin_terakhir(self)
            return super().save(*args, **kwargs)

    @property
    def admin_aktif(self) -> bool:
        return self.is_active and self.kelola_pengguna

    @property
    def is_operator(self) -> bool:
        return self.peran == Peran.OPERATOR and not self.is_superuser

    @property
    def lihat_semua_opd(self) -> bool:
        """Verifikator, Pimpinan and Admin see every OPD; an operator only their own."""
        return self.is_superuser or self.peran in (
            Peran.VERIFIKATOR, Peran.PIMPINAN, Peran.ADMIN
        )

    @property
    def kelola_pengguna(self) -> bool:
        """Admin (peran or superuser): manages users, their OPD and their second factor."""
        return self.is_superuser or self.peran == Peran.ADMIN

    @property
    def boleh_verifikasi(self) -> bool:
        """Verifikator and Admin (peran or superuser): verify, return and reopen reports, open
        reporting periods, import data. Pimpinan and operators only read."""
        return self.is_superuser or self.peran in (Peran.VERIFIKATOR, Peran.ADMIN)

    @property
    def boleh_mengisi(self) -> bool:
        """Operator and Admin (peran or superuser): change the figures of an OPD they may see
        (``accounts.akses.opd_atau_404`` keeps an operator to their own). Verifikator and
        pimpinan read only."""
        return self.is_superuser or self.peran in (Peran.OPERATOR, Peran.ADMIN)

    @property
    def wajib_dua_langkah(self) -> bool:
        """Verifikator and Admin must sign in with a TOTP code as well (setting SIAP_2FA):
        exactly those who may verify."""
        return self.boleh_verifikasi

    @property
    def label_peran(self) -> str:
        """The role as shown: a superuser left at the default peran Operator is an Admin."""
        if self.is_superuser and self.peran == Peran.OPERATOR:
            return Peran.ADMIN.label
        return self.get_peran_display()


@receiver(pre_delete, sender=User)
def _jangan_hapus_admin_terakhir(sender, instance, **kwargs):
    # pre_delete is sent for each row of a queryset's delete() as well.
    jaga_admin_terakhir(instance)


class TindakanAkun(models.TextChoices):
    DIBUAT = "dibuat", "Pengguna dibuat"
    DIUBAH = "diubah", "Data pengguna diubah"
    DINONAKTIFKAN = "dinonaktifkan", "Pengguna dinonaktifkan"
    DIAKTIFKAN = "diaktifkan", "Pengguna diaktifkan kembali"
    SANDI_DIATUR_ULANG = "sandi_diatur_ulang", "Kata sandi diatur ulang"
    DUA_LANGKAH_DIDAFTARKAN = "2fa_didaftarkan", "Verifikasi dua langkah didaftarkan"
    DUA_LANGKAH_DIATUR_ULANG = "2fa_diatur_ulang", "Verifikasi dua langkah diatur ulang"
    KUNCI_DIBUKA = "kunci_dibuka", "Kunci masuk dibuka"
    TOKEN_DIBUAT = "token_dibuat", "Token API dibuat"
    TOKEN_DICABUT = "token_dicabut", "Token API dicabut"


class CatatanAkun(models.Model):
    """Audit trail of every change to an account made through SIAP's own pages (who, when, what).
    Never holds a password or a TOTP secret."""

    pengguna = models.ForeignKey(User, on_delete=models.PROTECT, related_name="catatan_akun",
                                 verbose_name="pengguna")
    oleh = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                             verbose_name="oleh")
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    tindakan = models.CharField("tindakan", max_length=30, choices=TindakanAkun.choices)
    keterangan = models.TextField("keterangan", blank=True)

    class Meta:
        verbose_name = "catatan akun"
        verbose_name_plural = "catatan akun"
        ordering = ["-waktu", "-pk"]

    def __str__(self):
        return f"{self.pengguna} · {self.get_tindakan_display()} · {self.waktu:%Y-%m-%d %H:%M}"
