"""Which perangkat daerah a user may see — the one rule every view that touches OPD data uses.

DESIGN.md: an operator must never see or change another OPD's data, whatever URL, form field
or API call they try. Views therefore never filter by role themselves; they ask here.
"""

from __future__ import annotations

from django.db.models import QuerySet

from budget.models import PerangkatDaerah


def opd_terlihat(user) -> QuerySet[PerangkatDaerah] | None:
    """The OPD ``user`` may see: ``None`` means every OPD (verifikator, pimpinan, admin);
    otherwise a queryset of the operator's own OPD — empty for an anonymous user or an
    operator not yet assigned to any OPD, so a forgotten assignment shows nothing rather
    than everything."""
    if not getattr(user, "is_authenticated", False):
        return PerangkatDaerah.objects.none()
    if user.lihat_semua_opd:
        return None
    return PerangkatDaerah.objects.filter(operator=user)
