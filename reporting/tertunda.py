"""A report save that meets an ended session is kept, not lost: the typed values wait in the
browser's new (anonymous) session while the user signs in again, then go through the normal
save path — with its checks — once the same user is back.

Safeguards:
- the values wait in the session of the browser that posted them, nowhere else; Django keeps
  a session's data when its user signs in (``login()`` only changes the key);
- they are applied only for the user the form was rendered for (a signed id in the form), who
  must still be allowed to fill that OPD's report (the view's own scoping and role checks);
- only the grid's own fields are kept, and the revision the page showed, so a report changed
  in the meantime is refused as a conflict like any stale save;
- they are used once, and expire after ``SIAP_SESI_MENIT`` minutes.
"""

from __future__ import annotations

import datetime
import re
import secrets
from functools import wraps
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import resolve_url
from django.utils import timezone

KUNCI_SESI = "siap_isian_tertunda"
PARAMETER = "tertunda"
_GARAM = "siap.reporting.pengisi"
# The grid's own fields (forms.baca_isian), the revision and which button was pressed.
_BIDANG = re.compile(r"^(?:[rf]-\d{1,18}|p-[a-z_]{1,40}:\d{1,18}|revisi|aksi)$")
_PANJANG_NILAI = 4000


def ke_halaman_masuk(tujuan: str) -> HttpResponseRedirect:
    """To the sign-in page, coming back to ``tujuan`` after it — what Django's
    ``redirect_to_login`` does, without importing a views module."""
    bagian = list(urlsplit(resolve_url(settings.LOGIN_URL)))
    kueri = QueryDict(bagian[3], mutable=True)
    kueri[REDIRECT_FIELD_NAME] = tujuan
    bagian[3] = kueri.urlencode(safe="/")
    return HttpResponseRedirect(urlunsplit(bagian))


def tanda_pengisi(user) -> str:
    """The signed id of the user a form is rendered for (hidden field ``pengisi``)."""
    return signing.dumps(user.pk, salt=_GARAM) if user.is_authenticated else ""


def _pengisi(data) -> int | None:
    try:
        return int(signing.loads(data.get("pengisi", ""), salt=_GARAM))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def tunda(request, alamat: str) -> str | None:
    """Keep the POSTed grid of the form at ``alamat`` (its path) in this browser's session;
    the token, or None when the form did not say whose it was."""
    pengguna = _pengisi(request.POST)
    if pengguna is None:
        return None
    token = secrets.token_urlsafe(16)
    data = {k: [v[:_PANJANG_NILAI] for v in request.POST.getlist(k)]
            for k in request.POST if _BIDANG.match(k)}
    # One at a time: a newer save replaces an older one that was never applied.
    request.session[KUNCI_SESI] = {"token": token, "pengguna": pengguna, "alamat": alamat,
                                   "pada": timezone.now().isoformat(), "data": data}
    return token


def ambil(request, token: str, alamat: str) -> QueryDict | None:
    """The values kept under ``token`` for this user and this form, removed from the
    session; None (and a message saying why) when they may not be applied."""
    simpanan = request.session.get(KUNCI_SESI)
    if not simpanan or not token or simpanan.get("token") != token:
        return None
    del request.session[KUNCI_SESI]
    pada = datetime.datetime.fromisoformat(simpanan["pada"])
    if simpanan["pengguna"] != request.user.pk or simpanan["alamat"] != alamat:
        messages.warning(request, "Isian yang tertunda dari sesi sebelumnya milik pengguna atau "
                                  "laporan lain; isian itu dibuang dan tidak diterapkan.")
        return None
    if timezone.now() - pada > datetime.timedelta(minutes=settings.SIAP_SESI_MENIT):
        messages.warning(request, f"Isian yang tertunda sudah lebih dari "
                                  f"{settings.SIAP_SESI_MENIT} menit; isian itu dibuang dan tidak "
                                  f"diterapkan. Isi dan simpan lagi.")
        return None
    data = QueryDict(mutable=True)
    for k, nilai in simpanan["data"].items():
        data.setlist(k, nilai)
    return data


def masuk_atau_tunda(view):
    """``login_required`` for the report form, except that nothing a user typed is lost to an
    ended session: a POST of the grid is kept (``tunda``) and the login page leads back to the
    form, which applies it; an htmx request (a permasalahan) answers 401 with the event
    ``sesiBerakhir`` for the page's script to say so, instead of a login page swapped into
    the form."""

    @wraps(view)
    def dibungkus(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if getattr(request, "htmx", False):
            return HttpResponse(status=401, headers={"HX-Trigger": "sesiBerakhir"})
        tujuan = request.get_full_path()
        if request.method == "POST" and (token := tunda(request, request.path)):
            tujuan = f"{request.path}?{PARAMETER}={token}"
            messages.info(request, "Sesi Anda telah berakhir. Isian Anda disimpan sementara: "
                                   "masuk lagi, dan isian itu diterapkan pada laporan.")
        return ke_halaman_masuk(tujuan)

    return dibungkus
