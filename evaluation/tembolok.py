"""The rendered figures of the leaders' pages, kept per data version (``lib.tembolok``).

A page's figures part (a template of its own, e.g. ``evaluation/_dasbor_isi.html``) is
rendered once per data version and per everything else it depends on — the page and its
period, the sort order, the viewer's role and the set of OPD they may see, the state of the
reporting deadlines at this moment — and then served from memory until any write to the
data (``lib.versi_data``). The page around it (header, the viewer's name, messages, the time
it was shown) is rendered on every request, so no user sees another's page: two users share
an entry only when the key says their figures part is the same.
"""

from __future__ import annotations

import datetime

from accounts.akses import lihat_semua, opd_terlihat
from lib import tembolok
from lib.periode import akhir_bulan, tanggal_panjang

from .cakupan_data import periode_jatuh_tempo

versi_awal = tembolok.versi_permintaan  # read once per request, before any data


def kunci_pemirsa(user) -> tuple:
    """What of the viewer a figures part may depend on: the role, whether they see every
    OPD, and (when not) exactly which OPD (one query, only for a viewer limited to some)."""
    semua = lihat_semua(user)
    ids = None if semua else tuple(sorted(opd_terlihat(user).values_list("pk", flat=True)))
    return (getattr(user, "peran", None), semua, bool(getattr(user, "is_superuser", False)), ids)


def kunci_waktu(tahun: int, bulan: int, sekarang: datetime.datetime, batas) -> tuple:
    """What of the clock a Rakor page depends on: the last month past its deadline (the
    notice's link) and whether ``tahun``/``bulan`` is still being reported."""
    return periode_jatuh_tempo(sekarang, batas), sekarang <= batas(tahun, bulan)


def bagian(request, nama_halaman: str, template: str, nama: str, *kunci) -> tembolok.Bagian:
    """The figures part ``template`` of page ``nama_halaman`` (placed in the page as
    ``nama``) for this request; ``kunci`` is everything else it depends on."""
    lengkap = (nama_halaman, request.path, *kunci, kunci_pemirsa(request.user))
    return tembolok.bagian(lengkap, template, nama, versi=versi_awal(request))


def dasbor(request, konteks: dict, tahun: int, bulan: int, sekarang, batas):
    """The dashboard's figures part and, when kept, the whole page: ``(bagian, response)``,
    the response None when the view must compute the context (then ``bagian.tampilkan``)."""
    isi = bagian(request, "dasbor", "evaluation/_dasbor_isi.html", "isi_dasbor", tahun, bulan,
                 request.GET.get("urut", ""), kunci_waktu(tahun, bulan, sekarang, batas))
    if not isi.ada:
        return isi, None
    return isi, isi.tampilkan(request, "evaluation/dasbor.html", {
        **konteks, "tahun": tahun, "bulan": bulan,
        "batas": tanggal_panjang(akhir_bulan(tahun, bulan))})


def angka_periode(request, tahun: int, bulan: int, sekarang, batas) -> tuple:
    """The figures of one period every OPD page reads its slice of — the rekap, the index
    and the projection of every OPD ``(hasil, indeks, proyeksi)`` — computed once per data
    version and state of the deadlines in this process, so the first view of each OPD's page
    costs only its own Kurva S and rendering. Independent of the viewer (the page checks the
    viewer's right to the OPD before reading it); kept in memory only (not pickled), and read
    only: no caller writes to it."""
    from .indeks_data import hitung_indeks
    from .proyeksi_data import hitung_proyeksi
    from .queries import hitung_rekap

    def hitung():
        hasil = hitung_rekap(tahun, bulan)
        return (hasil, hitung_indeks(tahun, bulan, sekarang=sekarang, hasil_rekap=hasil),
                hitung_proyeksi(tahun, bulan, hasil_rekap=hasil))

    return tembolok.ambil(("angka-periode", tahun, bulan, kunci_waktu(tahun, bulan, sekarang, batas)),
                          hitung, versi=versi_awal(request))
