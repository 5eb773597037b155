"""Who may use the SIPD pages: the verifikator and the administrator (the files hold the whole
pemda's data; the reconciliation compares every OPD). Everyone else gets 403, before anything
is looked up."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.models import Peran


def boleh_impor(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user.peran in (Peran.VERIFIKATOR, Peran.ADMIN))


def hanya_pengimpor(view):
    @wraps(view)
    def periksa(request, *args, **kwargs):
        if not boleh_impor(request.user):
            raise PermissionDenied("Hanya verifikator dan administrator yang dapat membuka halaman "
                                   "SIPD.")
        return view(request, *args, **kwargs)

    return periksa
