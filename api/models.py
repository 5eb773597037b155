"""API tokens: only a SHA-256 hash is stored, with a short prefix to recognise a token by.

A token follows its account (issue #13): it expires after ``SIAP_TOKEN_HARI`` days; it is
revoked when the password is set anew, the second factor is reset, the role or the OPD change,
or the account is deactivated (``api.sinyal``); and for a user who signs in with a second
factor it is issued only from a session verified with it, and works only while that device
exists (``perangkat``)."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

PANJANG_PREFIKS = 8


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def butuh_dua_langkah(user) -> bool:
    """Whether ``user`` signs in with a second factor: Verifikator, Admin and superusers (with
    SIAP_2FA on), and anyone who enrolled a device."""
    if not getattr(settings, "SIAP_2FA", True):
        return False
    from django_otp import user_has_device

    return user.wajib_dua_langkah or user_has_device(user, confirmed=True)


def masa_berlaku() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "SIAP_TOKEN_HARI", 90))


class TokenAPI(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pengguna", on_delete=models.CASCADE,
        related_name="token_api",
    )
    prefiks = models.CharField("awalan", max_length=PANJANG_PREFIKS)
    hash = models.CharField("hash SHA-256", max_length=64, unique=True)
    dibuat_pada = models.DateTimeField("dibuat", default=timezone.now)
    kedaluwarsa_pada = models.DateTimeField("kedaluwarsa")
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    dicabut_pada = models.DateTimeField("dicabut", null=True, blank=True)
    dicabut_karena = models.CharField("alasan dicabut", max_length=200, blank=True)
    # The second-factor device of the session that issued the token, for a user who signs in
    # with one: the token stops working when the device is reset (SET_NULL).
    perangkat = models.ForeignKey(
        "otp_totp.TOTPDevice", verbose_name="perangkat dua langkah", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.prefiks}… ({self.user})"

    @property
    def aktif(self) -> bool:
        return self.dicabut_pada is None and self.kedaluwarsa_pada > timezone.now()

    @property
    def status(self) -> str:
        if self.dicabut_pada is not None:
            return "dicabut"
        return "aktif" if self.kedaluwarsa_pada > timezone.now() else "kedaluwarsa"

    @classmethod
    def cabut_semua(cls, user, sekarang=None, alasan: str = "") -> int:
        return cls.objects.filter(user=user, dicabut_pada__isnull=True).update(
            dicabut_pada=sekarang or timezone.now(), dicabut_karena=alasan[:200]
        )

    @classmethod
    def buat(cls, user, *, tambah: bool = False, perangkat=None) -> tuple[TokenAPI, str]:
        """A new token for ``user``, valid for SIAP_TOKEN_HARI days; unless ``tambah``, the
        user's earlier tokens are revoked. The token itself is returned once and never stored.
        ``perangkat``: the verified second-factor device of the issuing session."""
        token = secrets.token_urlsafe(32)
        sekarang = timezone.now()
        with transaction.atomic():
            if not tambah:
                cls.cabut_semua(user, sekarang, "diganti token baru")
            obj = cls.objects.create(user=user, prefiks=token[:PANJANG_PREFIKS],
                                     hash=hash_token(token), dibuat_pada=sekarang,
                                     kedaluwarsa_pada=sekarang + masa_berlaku(),
                                     perangkat=perangkat)
        return obj, token
