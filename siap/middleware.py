"""Small pieces of request handling that no package does for SIAP."""

import logging
import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger("siap")

PESAN_BASIS_DATA = (
    "Basis data tidak dapat dihubungi. SIAP sementara tidak dapat melayani; "
    "coba lagi beberapa menit lagi, atau hubungi administrator sistem bila berlanjut."
)


class KebijakanIzinMiddleware:
    """Adds the ``Permissions-Policy`` header (Django sets the other security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.SIAP_PERMISSIONS_POLICY)
        return response


class SesiBergulirMiddleware:
    """The idle timeout without a database write on every request. The session of a signed-in
    user is renewed (saved, with a fresh expiry and cookie) when its last renewal is at least
    ``SIAP_SESI_SEGAR_DETIK`` old; in between, a request reads the session and writes nothing.
    So a user is signed out between ``SIAP_SESI_MENIT`` minus that many seconds and
    ``SIAP_SESI_MENIT`` after their last request, and sixteen users reading the dashboard do
    not queue on the session table (SQLite takes one writer at a time). Placed after
    ``SessionMiddleware``, so its change is saved by it on the way out."""

    KUNCI = "_siap_segar"

    @classmethod
    def tandai_masuk(cls, sender, request, user, **kwargs):
        """``user_logged_in``: a session just created by signing in is fresh (it is saved with
        the login), so the first page after it writes nothing more."""
        if getattr(request, "session", None) is not None:
            request.session[cls.KUNCI] = int(time.time())

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        sesi = getattr(request, "session", None)
        if sesi is None or sesi.is_empty():
            return response
        sekarang = int(time.time())
        terakhir = sesi.get(self.KUNCI)
        if (sesi.modified or not isinstance(terakhir, int)
                or sekarang - terakhir >= settings.SIAP_SESI_SEGAR_DETIK):
            sesi[self.KUNCI] = sekarang  # saved anyway, or due: renewed now
        return response


class TanpaSimpanMiddleware:
    """``Cache-Control: no-store`` and ``Pragma: no-cache`` on every answer to a signed-in user
    and on every API answer: the figures and personal data of SIAP must not stay in the
    browser cache (or a proxy's) of a shared office computer. Static files never get here
    (whitenoise answers them first) and keep their long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path_info.startswith("/api/"):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


def _halaman_tanpa_request(template: str, status: int, cadangan: str) -> HttpResponse:
    # Rendered without the request: the context processors (user, session, pemda) would
    # query the very database that is down.
    try:
        isi = render_to_string(template)
    except Exception:  # the error page must never fail in turn
        logger.exception("halaman galat %s tidak dapat ditampilkan", template)
        isi = f'<!doctype html><html lang="id"><meta charset="utf-8"><title>SIAP</title><p>{cadangan}</p>'
    return HttpResponse(isi, status=status)


def galat_server(request):
    """``handler500``: an unreachable database is a 503 with its own message, not a 500.

    Django calls this inside its ``except`` block, so ``sys.exc_info()`` is the exception —
    from a view, a middleware or the session save alike."""
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        response = _halaman_tanpa_request("503.html", 503, PESAN_BASIS_DATA)
        response["Retry-After"] = "60"
        return response
    return _halaman_tanpa_request(
        "500.html", 500, "Terjadi kesalahan pada server SIAP."
    )
