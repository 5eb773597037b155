"""The admin unlocks an account locked out by wrong passwords (django-axes), from the user's
page, where the current lockouts are listed (``templatetags/akun_kunci.py``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .kunci import buka_kunci as buka
from .models import CatatanAkun, TindakanAkun, User


@login_required  # first: an anonymous visitor goes to the login page, even on GET
@require_POST
def buka_kunci(request, pk):
    if not request.user.kelola_pengguna:
        raise PermissionDenied("Hanya Admin yang dapat membuka kunci akun.")
    target = get_object_or_404(User, pk=pk)
    with transaction.atomic():
        jumlah = buka(target.username)
        CatatanAkun.objects.create(pengguna=target, oleh=request.user,
                                   tindakan=TindakanAkun.KUNCI_DIBUKA,
                                   keterangan=f"{jumlah} alamat terkunci dibuka")
    messages.success(request, f"Kunci masuk {target.username} dibuka; ia dapat masuk lagi dari "
                              f"alamat mana pun.")
    return redirect("akun:pengguna_rinci", pk=target.pk)
