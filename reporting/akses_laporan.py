"""Who may open and act on a monthly report — built on ``accounts.scoping.opd_terlihat``.

An operator asking for another OPD's report gets 404 (the report does not exist for them);
a user who may read a report but not decide on it gets 403 on the verifier's actions.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.models import Peran
from accounts.scoping import opd_terlihat

from .models import LaporanBulanan


def laporan_atau_404(user, pk: int) -> LaporanBulanan:
    """The report ``pk`` with its year and OPD, if ``user`` may see its OPD; else 404."""
    qs = LaporanBulanan.objects.select_related("tahun", "opd")
    terlihat = opd_terlihat(user)
    if terlihat is not None:
        qs = qs.filter(opd__in=terlihat)
    return get_object_or_404(qs, pk=pk)


def boleh_verifikasi(user) -> bool:
    """Verifying, returning and reopening belong to the Bagian Administrasi Pembangunan
    (verifikator) and the administrator; pimpinan and operators only read."""
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user.peran in (Peran.VERIFIKATOR, Peran.ADMIN)
    )


def wajib_verifikator(user) -> None:
    if not boleh_verifikasi(user):
        raise PermissionDenied("Hanya verifikator yang dapat memverifikasi atau mengembalikan "
                               "laporan.")
