"""Token authentication: ``Authorization: Bearer <token>``.

Only the SHA-256 hash of a token is stored (``TokenAPI``). A revoked token or an inactive user
is refused with 401. API calls carry no session, so the session-based two-step sign-in and
CSRF do not apply to them; the token itself is the credential.
"""

from __future__ import annotations

from django.utils import timezone
from ninja.security import HttpBearer

from .models import TokenAPI, hash_token


class TokenBearer(HttpBearer):
    def authenticate(self, request, token: str):
        if not token:
            return None
        obj = (
            TokenAPI.objects.select_related("user")
            .filter(hash=hash_token(token), dicabut_pada__isnull=True, user__is_active=True)
            .first()
        )
        if obj is None:
            return None
        TokenAPI.objects.filter(pk=obj.pk).update(terakhir_dipakai=timezone.now())
        # The views and services ask request.user, as they do for the pages.
        request.user = obj.user
        return obj.user
