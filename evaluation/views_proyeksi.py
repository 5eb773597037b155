"""The year-end projection and early warning page (``/proyeksi/``): the pemda and every OPD
projected to December with the sentence that says what is assumed, and the lists of OPD and
sub kegiatan at risk — for an operator, only their own OPD's rows and no pemda line."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.akses import cakupan_opd
from lib.figures_proyeksi import (
    BATAS_PROYEKSI,
    BATAS_TERTINGGAL_FISIK,
    FAKTOR_KEBUTUHAN,
    GALAT_MEDIAN_OPD,
    GALAT_PEMDA,
)
from lib.periode import NAMA_BULAN

from .proyeksi import rentang_berjalan, rentang_sisa
from .proyeksi_data import hitung_proyeksi
from .views import periode_halaman, pintasan_triwulan

TEMPLATE = "evaluation/proyeksi.html"
SUB_DITAMPILKAN = 50  # the sub kegiatan list is long on a real pemda: the most pagu first


@login_required
def proyeksi(request):
    konteks, tahun, bulan, galat = periode_halaman(
        request, TEMPLATE, batas_proyeksi=BATAS_PROYEKSI, faktor_kebutuhan=FAKTOR_KEBUTUHAN,
        batas_fisik=BATAS_TERTINGGAL_FISIK, galat_pemda=GALAT_PEMDA,
        galat_median_opd=GALAT_MEDIAN_OPD,
    )
    if galat is not None:
        return galat
    hasil = hitung_proyeksi(tahun, bulan)

    terlihat = cakupan_opd(request.user)
    berisiko_sub = [s for s in hasil.berisiko_sub if s.opd_id in terlihat]
    konteks.update({
        "hasil": hasil,
        # not "pemda": that name is the context processor's Pemda (the page header)
        "proyeksi_pemda": None if terlihat.terbatas else hasil.pemda,
        "opd": [p for p in hasil.opd if p.opd_id in terlihat],
        "berisiko_opd": [p for p in hasil.berisiko_opd if p.opd_id in terlihat],
        "berisiko_sub": berisiko_sub[:SUB_DITAMPILKAN],
        "jumlah_berisiko_sub": len(berisiko_sub),
        "terbatas": terlihat.terbatas,
        "sisa_bulan": 12 - bulan,
        "rentang_sisa": rentang_sisa(bulan),
        "rentang_berjalan": rentang_berjalan(bulan),
        "nama_bulan_batas": NAMA_BULAN[bulan - 1],
        "triwulan": pintasan_triwulan(tahun),
    })
    return render(request, TEMPLATE, konteks)
