"""API tokens: only a SHA-256 hash is stored, with a short prefix to recognise a token by."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

PANJANG_PREFIKS = 8


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class TokenAPI(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.CASCADE,
        related_name="token_api",
    )
    prefiks = models.CharField("awalan", max_length=PANJANG_PREFIKS)
    hash = models.CharField("hash SHA-256", max_length=64, unique=True)
    dibuat_pada = models.DateTimeField("dibuat", default=timezone.now)
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    dicabut_pada = models.DateTimeField("dicabut", null=True, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.prefiks}… ({self.user})"

    @property
    def aktif(self) -> bool:
        return self.dicabut_pada is None

    @classmethod
    def cabut_semua(cls, user, sekarang=None) -> int:
        return cls.objects.filter(user=user, dicabut_pada__isnull=True).update(
            dicabut_pada=sekarang or timezone.now()
        )

    @classmethod
    def buat(cls, user, *, tambah: bool = False) -> tuple[TokenAPI, str]:
        """A new token for ``user``; unless ``tambah``, the user's earlier tokens are revoked.
        The token itself is returned once and never stored."""
        token = secrets.token_urlsafe(32)
        with transaction.atomic():
            if not tambah:
                cls.cabut_semua(user)
            obj = cls.objects.create(user=user, prefiks=token[:PANJANG_PREFIKS],
                                     hash=hash_token(token))
        return obj, token
