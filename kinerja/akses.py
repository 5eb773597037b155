"""Who may read and write kinerja data — built on the same scoping as the monthly report
(``reporting.akses``, itself ``accounts.scoping.opd_terlihat``): an operator reads and
writes the indicators of their own OPD only, everything else is a 404.

Bappeda is a Django permission, not a role: ``kinerja.kelola_indikator_pemda``, granted
through the group "Bappeda" (``siap bappeda USERNAME``) to whoever keeps the pemda's outcome
indicators and the E.79 — usually a Pimpinan account of the Kepala Bappeda."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied

from reporting.akses import boleh_mengisi, opd_atau_404, wajib_boleh_mengisi

__all__ = ["boleh_kelola_pemda", "boleh_mengisi", "opd_atau_404", "wajib_boleh_mengisi",
           "wajib_kelola_pemda", "wajib_pembaca_pemda", "grup_bappeda"]

IZIN_BAPPEDA = "kinerja.kelola_indikator_pemda"
NAMA_GRUP_BAPPEDA = "Bappeda"


def boleh_kelola_pemda(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(IZIN_BAPPEDA))


def wajib_kelola_pemda(user) -> None:
    if not boleh_kelola_pemda(user):
        raise PermissionDenied("Hanya Bappeda yang dapat mengubah indikator kinerja pemda.")


def wajib_pembaca_pemda(user) -> None:
    """The pemda-wide forms (E.79) list every OPD: for leaders, the verifier and Bappeda."""
    if not (user.lihat_semua_opd or boleh_kelola_pemda(user)):
        raise PermissionDenied("Evaluasi seluruh pemda hanya untuk verifikator, pimpinan dan "
                               "Bappeda.")


def grup_bappeda() -> Group:
    """The group "Bappeda" holding the permission (created when first needed)."""
    grup, _ = Group.objects.get_or_create(name=NAMA_GRUP_BAPPEDA)
    app, kode = IZIN_BAPPEDA.split(".")
    grup.permissions.add(Permission.objects.get(content_type__app_label=app, codename=kode))
    return grup
