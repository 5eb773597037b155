"""Token authentication: ``Authorization: Bearer <token>``.

Only the SHA-256 hash of a token is stored (``TokenAPI``). A revoked or expired token, an
inactive user, or — for a user who signs in with a second factor — a token not issued from a
session verified with a device the user still has, is refused with 401. API calls carry no
session, so CSRF does not apply to them; the token itself is the credential.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from ninja.security import HttpBearer

from .models import TokenAPI, hash_token


class TokenBearer(HttpBearer):
    def authenticate(self, request, token: str):
        if not token:
            return None
        sekarang = timezone.now()
        obj = (
            TokenAPI.objects.select_related("user")
            .filter(hash=hash_token(token), dicabut_pada__isnull=True, user__is_active=True,
                    kedaluwarsa_pada__gt=sekarang)
            .annotate(punya_perangkat=Exists(TOTPDevice.objects.filter(
                user=OuterRef("user"), confirmed=True)))
            .first()
        )
        if obj is None:
            return None
        user = obj.user
        if getattr(settings, "SIAP_2FA", True) and (user.wajib_dua_langkah or obj.punya_perangkat):
            # issued without the second factor, or its device was reset since
            if obj.perangkat_id is None:
                return None
        TokenAPI.objects.filter(pk=obj.pk).update(terakhir_dipakai=sekarang)
        # The views and services ask request.user, as they do for the pages.
        request.user = user
        return user
