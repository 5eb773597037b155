from django.conf import settings
from django.utils.functional import SimpleLazyObject

from budget.models import Pemda


def pemda_aktif(request) -> Pemda | None:
    """The pemda this instance serves, read at most once per request."""
    if not hasattr(request, "_siap_pemda"):
        request._siap_pemda = Pemda.aktif()
    return request._siap_pemda


def siap(request):
    return {
        "SIAP_DEBUG": settings.DEBUG,
        # Lazy: pages that never show the pemda (the admin) cost no query.
        "pemda": SimpleLazyObject(lambda: pemda_aktif(request)),
    }
