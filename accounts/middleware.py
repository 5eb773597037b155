"""Two-step sign-in: until a user who must (or chose to) use a TOTP code has entered one in this
session, every page but the code pages, logout and static files sends them to the code page.

The requirement is read from ``settings.SIAP_2FA`` at request time (tests turn it on and off).
Anonymous users pass through untouched: the login_required views send them to the login page.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

# Per session: whether the signed-in user has a confirmed TOTP device (one query per session,
# not one per request). Reset when the user confirms or an admin resets the device.
KUNCI_SESI_PUNYA_PERANGKAT = "siap_2fa_punya_perangkat"


def punya_perangkat(request) -> bool:
    from django_otp import user_has_device

    punya = request.session.get(KUNCI_SESI_PUNYA_PERANGKAT)
    if punya is None:
        punya = user_has_device(request.user, confirmed=True)
        request.session[KUNCI_SESI_PUNYA_PERANGKAT] = punya
    return punya


def perlu_verifikasi(request) -> bool:
    """True when this signed-in user must still enter a TOTP code in this session."""
    user = request.user
    if not getattr(settings, "SIAP_2FA", True) or not user.is_authenticated:
        return False
    if user.is_verified():
        return False
    return user.wajib_dua_langkah or punya_perangkat(request)


def tujuan_aman(request, tujuan: str | None) -> str | None:
    if tujuan and url_has_allowed_host_and_scheme(
        tujuan, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return tujuan
    return None


class DuaLangkahMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def _bebas(self, path: str) -> bool:
        bebas = (reverse("akun:dua_langkah"), reverse("akun:dua_langkah_daftar"), reverse("logout"),
                 reverse("login"))
        return path in bebas or path.startswith("/" + settings.STATIC_URL.lstrip("/"))

    def __call__(self, request):
        # The cheap checks first (setting off, anonymous, verified): no URL reversing then.
        if perlu_verifikasi(request) and not self._bebas(request.path_info):
            nama = "akun:dua_langkah" if punya_perangkat(request) else "akun:dua_langkah_daftar"
            url = reverse(nama)
            if request.method == "GET":
                url += "?" + _next(request)
            return redirect(url)
        return self.get_response(request)


def _next(request) -> str:
    from django.http import QueryDict

    q = QueryDict(mutable=True)
    q["next"] = request.get_full_path()
    return q.urlencode()
