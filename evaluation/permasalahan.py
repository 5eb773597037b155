"""The permasalahan (obstacles) the Rakor must decide on: those open at a cut-off, and their
count per kategori — for the Permasalahan page, the Bahan Rakor page and the Rakor pack."""

from __future__ import annotations

from django.db.models import Count, Q

from reporting.models import KategoriPermasalahan, Permasalahan, StatusPermasalahan


def permasalahan_terbuka(tahun: int, bulan: int):
    """Obstacles open at the end of ``bulan``: reported in or before it, and not closed by
    then (still open, or closed in a later month); every OPD's (narrow with
    ``accounts.akses.saring_opd``)."""
    return Permasalahan.objects.filter(tahun__tahun=tahun, bulan__lte=bulan).filter(
        Q(status=StatusPermasalahan.TERBUKA) | Q(bulan_selesai__gt=bulan)
    )


def per_kategori(qs) -> list[tuple[str, int]]:
    """(label, count) most first, one aggregate query."""
    label = dict(KategoriPermasalahan.choices)
    rows = qs.values("kategori").annotate(n=Count("pk")).order_by("-n", "kategori")
    return [(label.get(r["kategori"], r["kategori"]), r["n"]) for r in rows]
