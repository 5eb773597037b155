"""User management for admins (peran Admin or superuser), outside the Django admin.

Users are never deleted (history refers to them): they are deactivated. Every change is
recorded in ``CatatanAkun`` and shown on the user's page.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from budget.models import PerangkatDaerah

from .forms import TambahPenggunaForm, UbahPenggunaForm, buat_kata_sandi
from .models import AdminTerakhir, CatatanAkun, Peran, TindakanAkun, User


def khusus_admin(view):
    @login_required
    @wraps(view)
    def dibungkus(request, *args, **kwargs):
        if not request.user.kelola_pengguna:
            raise PermissionDenied("Hanya Admin yang dapat mengelola pengguna.")
        return view(request, *args, **kwargs)

    return dibungkus


def _dengan_status(qs):
    return qs.annotate(
        dua_langkah=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


def _catat(pengguna, oleh, tindakan, keterangan=""):
    CatatanAkun.objects.create(pengguna=pengguna, oleh=oleh, tindakan=tindakan,
                               keterangan=keterangan)


def _sekali_tampil(response):
    response["Cache-Control"] = "no-store"
    return response


@khusus_admin
def daftar(request):
    qs = _dengan_status(User.objects.all()).prefetch_related(
        Prefetch("opd", queryset=PerangkatDaerah.objects.order_by("kode"))
    ).order_by("-is_active", "username")
    q = (request.GET.get("q") or "").strip()
    peran = request.GET.get("peran") or ""
    opd = request.GET.get("opd") or ""
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(first_name__icontains=q)
                       | Q(last_name__icontains=q) | Q(email__icontains=q))
    if peran in Peran.values:
        qs = qs.filter(peran=peran)
    if opd.isdigit():
        qs = qs.filter(opd__pk=int(opd)).distinct()
    return render(request, "accounts/pengguna_daftar.html", {
        "pengguna": list(qs),
        "q": q, "peran_dipilih": peran, "opd_dipilih": opd,
        "pilihan_peran": Peran.choices,
        "pilihan_opd": PerangkatDaerah.objects.order_by("kode").only("pk", "kode", "nama"),
    })


@khusus_admin
def tambah(request):
    form = TambahPenggunaForm(request.POST or None, pelaku=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            opd = ", ".join(o.nama for o in form.cleaned_data["opd"])
            _catat(user, request.user, TindakanAkun.DIBUAT,
                   f"Peran {user.get_peran_display()}" + (f"; perangkat daerah: {opd}" if opd else ""))
        if form.sandi_dibuat:
            return _sekali_tampil(render(request, "accounts/pengguna_sandi.html", {
                "target": user, "sandi": form.sandi_dibuat, "baru": True}))
        messages.success(request, f"Pengguna {user.username} dibuat.")
        return redirect("akun:pengguna_rinci", pk=user.pk)
    return render(request, "accounts/pengguna_form.html", {"form": form, "target": None})


@khusus_admin
def rinci(request, pk):
    target = get_object_or_404(_dengan_status(User.objects.prefetch_related("opd")), pk=pk)
    catatan = CatatanAkun.objects.filter(pengguna=target).select_related("oleh")[:200]
    return render(request, "accounts/pengguna_rinci.html", {"target": target, "catatan": catatan})


def _uraian_perubahan(form, sebelum: dict) -> str:
    bagian = []
    for nama in form.changed_data:
        if nama == "is_active":
            continue
        label = form.fields[nama].label
        if nama == "opd":
            lama = ", ".join(sebelum["opd"]) or "—"
            baru = ", ".join(o.nama for o in form.cleaned_data["opd"]) or "—"
            bagian.append(f"{label}: {lama} → {baru}")
        elif nama == "peran":
            bagian.append(f"{label}: {Peran(sebelum['peran']).label} → "
                          f"{Peran(form.cleaned_data['peran']).label}")
            if form.superuser_dicabut:
                bagian.append("status superuser dicabut")
        else:
            bagian.append(f"{label}: {sebelum.get(nama) or '—'} → {form.cleaned_data[nama] or '—'}")
    return "; ".join(bagian)


@khusus_admin
def ubah(request, pk):
    target = get_object_or_404(User, pk=pk)
    sebelum = {"peran": target.peran, "nama_lengkap": target.get_full_name(), "email": target.email,
               "jabatan": target.jabatan, "opd": [o.nama for o in target.opd.order_by("kode")]}
    aktif_sebelum = target.is_active
    form = UbahPenggunaForm(request.POST or None, instance=target, pelaku=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                uraian = _uraian_perubahan(form, sebelum)
                user = form.save()
                if uraian:
                    _catat(user, request.user, TindakanAkun.DIUBAH, uraian)
                if user.is_active != aktif_sebelum:
                    _catat(user, request.user, TindakanAkun.DIAKTIFKAN if user.is_active
                           else TindakanAkun.DINONAKTIFKAN)
        except AdminTerakhir as exc:  # another admin stepped down since the form was checked
            form.add_error(None, exc)
        else:
            messages.success(request, f"Data pengguna {user.username} disimpan.")
            return redirect("akun:pengguna_rinci", pk=user.pk)
    return render(request, "accounts/pengguna_form.html", {"form": form, "target": target})


@khusus_admin  # first: an anonymous visitor goes to the login page, even on GET
@require_POST
def atur_ulang_sandi(request, pk):
    """A new random password, shown once. The user's sessions end (the stored hash changes)."""
    target = get_object_or_404(User, pk=pk)
    sandi = buat_kata_sandi()
    with transaction.atomic():
        target.set_password(sandi)
        target.save(update_fields=["password"])
        _catat(target, request.user, TindakanAkun.SANDI_DIATUR_ULANG)
    return _sekali_tampil(render(request, "accounts/pengguna_sandi.html",
                                 {"target": target, "sandi": sandi, "baru": False}))


@khusus_admin  # first: an anonymous visitor goes to the login page, even on GET
@require_POST
def atur_ulang_dua_langkah(request, pk):
    """Recovery of a lost phone: the user's TOTP devices are deleted; at the next sign-in a
    Verifikator/Admin enrols again."""
    target = get_object_or_404(User, pk=pk)
    with transaction.atomic():
        jumlah, _ = TOTPDevice.objects.filter(user=target).delete()
        _catat(target, request.user, TindakanAkun.DUA_LANGKAH_DIATUR_ULANG,
               f"{jumlah} perangkat dihapus")
    messages.success(request, f"Verifikasi dua langkah {target.username} diatur ulang. Saat masuk "
                              f"berikutnya ia mendaftarkan aplikasi autentikatornya lagi.")
    return redirect("akun:pengguna_rinci", pk=target.pk)
