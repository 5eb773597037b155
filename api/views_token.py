"""API tokens on the pages: each user lists, makes and revokes their own at ``/akun/token/``;
an admin lists and revokes anyone's on the user's page (``templatetags/token_api.py``).

A user who signs in with a second factor reaches these pages only in a verified session
(``accounts.middleware.DuaLangkahMiddleware``); the token remembers that session's device and
stops working when it is reset (``api.auth``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import CatatanAkun, TindakanAkun

from .models import TokenAPI, butuh_dua_langkah, masa_berlaku


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_saya(request):
    user = request.user
    baru = None
    if request.method == "POST" and request.POST.get("aksi") == "buat":
        perangkat = None
        if butuh_dua_langkah(user):
            perangkat = getattr(user, "otp_device", None)
            if perangkat is None or not user.is_verified():
                raise PermissionDenied("Token dibuat hanya setelah verifikasi dua langkah.")
        with transaction.atomic():
            obj, baru = TokenAPI.buat(user, tambah=True, perangkat=perangkat)
            CatatanAkun.objects.create(pengguna=user, oleh=user, tindakan=TindakanAkun.TOKEN_DIBUAT,
                                       keterangan=f"awalan {obj.prefiks}")
    token = TokenAPI.objects.filter(user=user).order_by("-dibuat_pada")[:50]
    return render(request, "api/token_saya.html", {
        "token": token, "baru": baru, "hari": masa_berlaku().days,
        "dua_langkah": butuh_dua_langkah(user),
    })


@login_required  # first: an anonymous visitor goes to the login page, even on GET
@require_POST
def token_cabut(request, pk):
    """Revoke one token: the owner's own, or any user's by an admin. Another user's token is
    "not found" for everyone else."""
    try:
        obj = TokenAPI.objects.select_related("user").get(pk=pk)
    except TokenAPI.DoesNotExist:
        raise Http404("Token tidak ditemukan.") from None
    milik_sendiri = obj.user_id == request.user.pk
    if not (milik_sendiri or request.user.kelola_pengguna):
        raise Http404("Token tidak ditemukan.")
    with transaction.atomic():
        if obj.dicabut_pada is None:
            alasan = "dicabut pemiliknya" if milik_sendiri else f"dicabut oleh {request.user}"
            TokenAPI.objects.filter(pk=obj.pk, dicabut_pada__isnull=True).update(
                dicabut_pada=_sekarang(), dicabut_karena=alasan)
            CatatanAkun.objects.create(pengguna=obj.user, oleh=request.user,
                                       tindakan=TindakanAkun.TOKEN_DICABUT,
                                       keterangan=f"awalan {obj.prefiks}")
    messages.success(request, f"Token {obj.prefiks}… dicabut; token itu tidak dapat dipakai lagi.")
    if milik_sendiri and request.POST.get("dari") != "pengguna":
        return redirect("token:saya")
    return redirect("akun:pengguna_rinci", pk=obj.user_id)


def _sekarang():
    from django.utils import timezone

    return timezone.now()
