"""The upload size limit (``SIAP_BATAS_UNGGAH_MB``), shared by the report sheet upload
(``views/lembar.py``) and the import pages (``exchange``)."""

from __future__ import annotations

from django import forms
from django.conf import settings


def batas_unggah_mb() -> int:
    """The upload limit in MB: ``SIAP_BATAS_UNGGAH_MB`` when the setting exists, else 20."""
    return int(getattr(settings, "SIAP_BATAS_UNGGAH_MB", 20))


def periksa_ukuran(berkas) -> None:
    batas = batas_unggah_mb()
    if berkas.size > batas * 1024 * 1024:
        raise forms.ValidationError(
            f"Berkas {berkas.name} berukuran {_mb(berkas.size)} MB, melebihi batas unggah "
            f"{batas} MB. Pecah berkas menjadi beberapa bagian."
        )


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")
