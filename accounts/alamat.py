"""The client's address for the login lockout (``AXES_CLIENT_IP_CALLABLE``)."""

from django.conf import settings


def alamat_klien(request) -> str:
    """The connection's address, or — only with ``SIAP_PROXY`` on, i.e. behind a reverse proxy
    that sets the header itself — the last address in X-Forwarded-For (the one the proxy saw:
    whatever a client wrote before it is ignored). Without the setting the header is never
    read, since a client reaching SIAP directly could write any address into it."""
    if getattr(settings, "SIAP_PROXY", False):
        diteruskan = request.META.get("HTTP_X_FORWARDED_FOR", "")
        terakhir = diteruskan.rsplit(",", 1)[-1].strip()
        if terakhir:
            return terakhir
    return request.META.get("REMOTE_ADDR", "")
