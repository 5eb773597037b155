"""The rendered figures of the leaders' pages, kept per data version (``lib.tembolok``).

A page's figures part (a template of its own, e.g. ``evaluation/_dasbor_isi.html``) is
rendered once per data version and per everything else it depends on — the period, the
sort order, the viewer's role and the set of OPD they may see, the state of the reporting
deadlines at this moment — and then served from memory until any write to the data
(``lib.versi_data``). The page around it (header, the viewer's name, messages, the time it
was shown) is rendered on every request, so no user sees another's page: two users share
an entry only when the key says their figures part is the same.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.shortcuts import render
from django.template.loader import render_to_string

from accounts.scoping import opd_terlihat
from lib import tembolok, versi_data

from .cakupan_data import periode_jatuh_tempo


def kunci_pemirsa(user) -> tuple:
    """What of the viewer a figures part may depend on: the role, whether they see every
    OPD, and (when not) exactly which OPD (one query)."""
    terlihat = opd_terlihat(user)
    ids = None if terlihat is None else tuple(sorted(terlihat.values_list("pk", flat=True)))
    return (getattr(user, "peran", None), bool(getattr(user, "lihat_semua_opd", False)),
            bool(getattr(user, "is_superuser", False)), ids)


def kunci_waktu(tahun: int, bulan: int, sekarang: datetime.datetime, batas) -> tuple:
    """What of the clock a Rakor page depends on: the last month past its deadline (the
    notice's link) and whether ``tahun``/``bulan`` is still being reported."""
    return periode_jatuh_tempo(sekarang, batas), sekarang <= batas(tahun, bulan)


@dataclass
class Bagian:
    """The figures part of one page for one request: ``html`` when kept, else None (then
    the view computes its context and calls ``tampilkan``, which keeps it)."""

    kunci: tuple
    versi: int
    template: str
    nama: str
    html: str | None = None

    def tampilkan(self, request, template: str, konteks: dict, status: int = 200):
        """The whole page: the kept figures part, or this context's rendered and kept."""
        if self.html is None:
            self.html = render_to_string(self.template, konteks, request)
            tembolok.simpan(self.kunci, self.versi, self.html)
        return render(request, template, {**konteks, self.nama: self.html}, status=status)


def bagian(request, nama_halaman: str, template: str, nama: str, *kunci) -> Bagian:
    """The figures part ``template`` of page ``nama_halaman`` (placed in the page as
    ``nama``) for this request; ``kunci`` is everything else it depends on. The data token
    is read first, before anything is computed."""
    versi = versi_data.baca()
    lengkap = (nama_halaman, request.path, *kunci, kunci_pemirsa(request.user))
    return Bagian(lengkap, versi, template, nama, tembolok.cari(lengkap, versi))
