"""Bappeda's permission for kinerja data. Which OPD a user may read and write, and the roles,
are ``accounts.akses`` (an operator reads and writes the indicators of their own OPD only,
everything else is a 404); this adds only what is kinerja's own.

Bappeda is a Django permission, not a role: ``kinerja.kelola_indikator_pemda``, granted
through the group "Bappeda" (``siap bappeda USERNAME``) to whoever keeps the pemda's outcome
indicators and the E.79 — usually a Pimpinan account of the Kepala Bappeda."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

from accounts.akses import lihat_semua

IZIN_BAPPEDA = "kinerja.kelola_indikator_pemda"
NAMA_GRUP_BAPPEDA = "Bappeda"


def boleh_kelola_pemda(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(IZIN_BAPPEDA))


def wajib_kelola_pemda(user) -> None:
    if not boleh_kelola_pemda(user):
        raise PermissionDenied("Hanya Bappeda yang dapat mengubah indikator kinerja pemda.")


def wajib_pembaca_pemda(user) -> None:
    """The pemda-wide forms (E.79) list every OPD: for leaders, the verifier and Bappeda."""
    if not (lihat_semua(user) or boleh_kelola_pemda(user)):
        raise PermissionDenied("Evaluasi seluruh pemda hanya untuk verifikator, pimpinan dan "
                               "Bappeda.")


def grup_bappeda() -> Group:
    """The group "Bappeda" holding the permission (created when first needed)."""
    grup, _ = Group.objects.get_or_create(name=NAMA_GRUP_BAPPEDA)
    app, kode = IZIN_BAPPEDA.split(".")
    grup.permissions.add(Permission.objects.get(content_type__app_label=app, codename=kode))
    return grup
