"""The exchange app's tables are SIPD's (``exchange.sipd.models``)."""

from .sipd.models import (  # noqa: F401
    ImporSipd,
    PemetaanKolomSipd,
    PemetaanUnitSipd,
    RealisasiSipd,
    SipdDiterima,
)
