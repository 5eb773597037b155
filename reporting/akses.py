"""Who may open and who may fill an OPD's monthly report — the one place the reporting views
ask. Scoping itself is ``accounts.scoping.opd_terlihat``; this only turns it into 404/403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.models import Peran
from accounts.scoping import opd_terlihat
from budget.models import PerangkatDaerah


def opd_atau_404(user, opd_id: int) -> PerangkatDaerah:
    """The OPD ``opd_id`` if ``user`` may see it, else 404 — an operator of another OPD learns
    nothing, not even whether the OPD exists."""
    terlihat = opd_terlihat(user)
    qs = PerangkatDaerah.objects.all() if terlihat is None else terlihat
    return get_object_or_404(qs, pk=opd_id)


def boleh_mengisi(user) -> bool:
    """Whether ``user`` may change the figures of an OPD already returned by ``opd_atau_404``:
    its operator (scoping has already kept them to their own OPD) or an admin. Verifikator and
    pimpinan read only."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or user.peran in (Peran.OPERATOR, Peran.ADMIN))
    )


def wajib_boleh_mengisi(user) -> None:
    if not boleh_mengisi(user):
        raise PermissionDenied("Hanya operator perangkat daerah ini yang dapat mengisi laporan.")
