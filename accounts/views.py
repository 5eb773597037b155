import base64
import math
import time
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from .middleware import KUNCI_SESI_PUNYA_PERANGKAT, tujuan_aman
from .models import CatatanAkun, TindakanAkun


class GantiKataSandiView(auth_views.PasswordChangeView):
    """A user's own password change. Django keeps this session (``update_session_auth_hash``)
    and every other session of the user ends: its stored password hash no longer matches."""

    template_name = "accounts/kata_sandi.html"
    success_url = reverse_lazy("evaluation:dasbor")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            "Kata sandi Anda telah diganti. Sesi Anda di perangkat lain telah diakhiri.",
        )
        return response


@login_required
@require_GET
def sesi(request):
    """Renews the session now (other requests renew it at most once a minute:
    siap.middleware.SesiBergulirMiddleware) and says how long it now lasts; the report form's
    script (siap/sesi.js) asks while the user types, so only a user really idle is signed
    out. An ended session is a redirect to the login page."""
    request.session.modified = True
    response = JsonResponse({"sisa_detik": settings.SESSION_COOKIE_AGE})
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------------------------------------
# Two-step sign-in (TOTP, django-otp)
# ---------------------------------------------------------------------------------------------

KUNCI_SESI_RAHASIA_BARU = "siap_2fa_rahasia_baru"  # hex secret being enrolled, kept until confirmed


def _kode(request) -> str:
    return "".join((request.POST.get("kode") or "").split())


def _lanjut(request) -> str:
    return (tujuan_aman(request, request.POST.get("next") or request.GET.get("next"))
            or reverse("evaluation:dasbor"))


def _jangan_simpan(response):
    response["Cache-Control"] = "no-store"
    return response


@login_required
def dua_langkah(request):
    """Enter the 6-digit code of one's confirmed TOTP device (django-otp throttles wrong codes)."""
    perangkat = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    galat = None
    if perangkat is None:
        # Not enrolled (or an admin has just reset the device): enrol, or, where not required,
        # a page that says where to enrol.
        request.session[KUNCI_SESI_PUNYA_PERANGKAT] = False
        if request.user.wajib_dua_langkah and getattr(settings, "SIAP_2FA", True):
            return redirect(reverse("akun:dua_langkah_daftar") + _query_next(request))
        return render(request, "accounts/dua_langkah.html", {"perangkat": None})
    if request.user.is_verified():
        return redirect(_lanjut(request))
    if request.method == "POST":
        boleh, info = perangkat.verify_is_allowed()
        if not boleh:
            detik = 0
            if info and info.get("locked_until"):
                detik = max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))
            galat = (f"Terlalu banyak kode salah. Tunggu {detik} detik, lalu masukkan kode "
                     f"yang sedang tampil di aplikasi autentikator.")
        elif perangkat.verify_token(_kode(request)):
            request.session.cycle_key()  # a new session id for the now fully signed-in user
            otp_login(request, perangkat)
            return redirect(_lanjut(request))
        else:
            galat = "Kode salah atau sudah kedaluwarsa. Masukkan 6 angka yang sedang tampil di aplikasi."
    return render(request, "accounts/dua_langkah.html",
                  {"perangkat": perangkat, "galat": galat, "next": _lanjut(request)},
                  status=200)


def _totp_cocok(kunci_hex: str, kode: str) -> int | None:
    """The time step at which ``kode`` is valid for the secret (±1 step), else None."""
    if not (kode.isdigit() and len(kode) == 6):
        return None
    totp = TOTP(bytes.fromhex(kunci_hex), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    if totp.verify(int(kode), tolerance=1):
        return totp.t()
    return None


@login_required
def dua_langkah_daftar(request):
    """Enrol a TOTP device: QR code (inline SVG from segno) and the secret as base32 text; the
    device is created only once a valid code is entered (the secret waits in the session)."""
    if user_has_device(request.user, confirmed=True):
        if request.user.is_verified():
            messages.info(request, "Verifikasi dua langkah Anda sudah aktif.")
            return redirect(_lanjut(request))
        return redirect(reverse("akun:dua_langkah") + _query_next(request))
    kunci = request.session.get(KUNCI_SESI_RAHASIA_BARU)
    if not kunci:
        kunci = default_key()
        request.session[KUNCI_SESI_RAHASIA_BARU] = kunci
    galat = None
    if request.method == "POST":
        langkah = _totp_cocok(kunci, _kode(request))
        if langkah is None:
            galat = "Kode salah atau sudah kedaluwarsa. Masukkan 6 angka yang sedang tampil di aplikasi."
        else:
            with transaction.atomic():
                perangkat = TOTPDevice.objects.create(
                    user=request.user, name="Aplikasi autentikator", key=kunci, confirmed=True,
                    last_t=langkah)
                CatatanAkun.objects.create(pengguna=request.user, oleh=request.user,
                                           tindakan=TindakanAkun.DUA_LANGKAH_DIDAFTARKAN)
            del request.session[KUNCI_SESI_RAHASIA_BARU]
            request.session[KUNCI_SESI_PUNYA_PERANGKAT] = True
            request.session.cycle_key()  # a new session id for the now fully signed-in user
            otp_login(request, perangkat)
            messages.success(request, "Verifikasi dua langkah aktif. Setiap kali masuk, SIAP akan "
                                      "meminta kode dari aplikasi autentikator Anda.")
            return redirect(_lanjut(request))
    contoh = TOTPDevice(user=request.user, key=kunci, name="SIAP")
    rahasia = base64.b32encode(bytes.fromhex(kunci)).decode().rstrip("=")
    konteks = {
        "qr_svg": mark_safe(segno.make(contoh.config_url, error="m").svg_inline(  # noqa: S308
            scale=5, title="Kode QR untuk aplikasi autentikator")),
        "rahasia": " ".join(rahasia[i:i + 4] for i in range(0, len(rahasia), 4)),
        "galat": galat,
        "wajib": request.user.wajib_dua_langkah and getattr(settings, "SIAP_2FA", True),
        "next": _lanjut(request),
    }
    return _jangan_simpan(render(request, "accounts/dua_langkah_daftar.html", konteks))


def _query_next(request) -> str:
    tujuan = tujuan_aman(request, request.GET.get("next"))
    return "?" + urlencode({"next": tujuan}) if tujuan else ""


class MasukView(auth_views.LoginView):
    """The login page. Without a ``next``, an OPD operator lands on their monthly reports —
    their daily work — and everyone else on the Rakor dashboard."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        user = self.request.user
        if getattr(user, "is_operator", False):
            return resolve_url("reporting:daftar")
        return super().get_default_redirect_url()

