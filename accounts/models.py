from django.contrib.auth.models import AbstractUser
from django.db import models


class Peran(models.TextChoices):
    OPERATOR = "operator", "Operator OPD"
    VERIFIKATOR = "verifikator", "Verifikator"
    PIMPINAN = "pimpinan", "Pimpinan"
    ADMIN = "admin", "Admin"


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
    def wajib_dua_langkah(self) -> bool:
        """Verifikator and Admin must sign in with a TOTP code as well (setting SIAP_2FA)."""
        return self.is_superuser or self.peran in (Peran.VERIFIKATOR, Peran.ADMIN)


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
