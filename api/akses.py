"""The API's one door to OPD data: ``accounts.scoping.opd_terlihat``, as for the pages.

An OPD the caller may not see answers 404 — exactly as if it did not exist."""

from __future__ import annotations

from django.http import Http404

from accounts.scoping import opd_terlihat
from budget.models import PerangkatDaerah, TahunAnggaran


def opd_terlihat_qs(user):
    terlihat = opd_terlihat(user)
    return PerangkatDaerah.objects.all() if terlihat is None else terlihat


def opd_atau_404(user, kode: str) -> PerangkatDaerah:
    opd = opd_terlihat_qs(user).filter(kode=kode).first()
    if opd is None:
        raise Http404("Perangkat daerah dengan kode itu tidak ditemukan.")
    return opd


def tahun_atau_404(tahun: int) -> TahunAnggaran:
    ta = TahunAnggaran.objects.filter(tahun=tahun).first()
    if ta is None:
        raise Http404(f"Tahun anggaran {tahun} belum ada di SIAP.")
    return ta
