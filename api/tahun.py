"""The budget year a request names, or the API's own 404. Which OPD a caller may see is
``accounts.akses`` (``opd_atau_404(user, kode=…)``), as for the pages: an OPD the caller may
not see answers 404 — exactly as if it did not exist."""

from __future__ import annotations

from django.http import Http404

from budget.models import TahunAnggaran


def tahun_atau_404(tahun: int) -> TahunAnggaran:
    ta = TahunAnggaran.objects.filter(tahun=tahun).first()
    if ta is None:
        raise Http404(f"Tahun anggaran {tahun} belum ada di SIAP.")
    return ta
