"""The report page, kept in memory per data version (``lib.tembolok``): the plain GET of a
report — no typed values, no errors, no conflict — is the same html for everyone with the
same rights over that report at the same state of its deadline, except the CSRF token and
the signed id of the user the form is rendered for, which are filled in on every serve.
Any write to the data (a save by anyone, a submission, a verification, an import…) changes
the token and the page is rendered afresh."""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.utils import timezone

from accounts.akses import boleh_mengisi
from lib import tembolok

from . import services, tertunda
from .models import LaporanBulanan

PENANDA = {
    "csrf_token": ("siap-tembolok-csrf-3f9a0c7e", get_token),
    "pengisi": ("siap-tembolok-pengisi-b81d42aa", lambda r: tertunda.tanda_pengisi(r.user)),
}


versi_awal = tembolok.versi_permintaan  # read once per request, before any data


def bagian_formulir(request, lap: LaporanBulanan) -> tembolok.Bagian | None:
    """The kept content of ``lap``'s page for this request, or None when this request's
    page is not the plain one (query parameters, a month not yet begun)."""
    if lap.pk is None or request.GET:
        return None
    user, sekarang = request.user, timezone.now()
    periode = services.periode_laporan(lap)
    batas = services.batas_waktu(lap.tahun.tahun, lap.bulan, periode)
    kunci = ("formulir", request.path, lap.pk, boleh_mengisi(user),
             bool(getattr(user, "lihat_semua_opd", False)), sekarang > batas,
             tuple(p.kode for p in services.pesan_periode(lap, sekarang, periode)))
    return tembolok.bagian(kunci, "reporting/_formulir_isi.html", "isi_formulir",
                           versi=versi_awal(request), tambahan=("dapat_mengisi",),
                           penanda=PENANDA)
