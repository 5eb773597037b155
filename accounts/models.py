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
