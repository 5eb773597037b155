"""Pages for the meeting itself: the open permasalahan the Rakor must decide on, and the
briefing (bahan Rakor POP) the Sekda reads out."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import render

from accounts.akses import opd_terlihat, saring_opd, terbatas
from lib.figures import skala_batang
from lib.periode import NAMA_BULAN, akhir_bulan

from .baris import label_opd
from .narasi import bahan_rakor as susun_bahan_rakor
from .permasalahan import per_kategori, permasalahan_terbuka
from .queries import hitung_rekap
from .ringkasan import dak_fisik, terbaik_terburuk
from .tembolok import versi_awal
from .tugas_rakor import siapkan_pdf
from .views import periode_halaman, pintasan_triwulan


@login_required
def permasalahan(request):
    konteks, tahun, bulan, galat = periode_halaman(request, "evaluation/permasalahan.html",
                                                   cakupan=False)
    if galat is not None:
        return galat
    qs = saring_opd(request.user, permasalahan_terbuka(tahun, bulan))
    daftar = list(
        qs.select_related("opd", "sub_kegiatan").order_by("bulan", "opd__kode", "pk")
    )
    for m in daftar:
        m.lama_bulan = bulan - m.bulan + 1
        m.sejak = f"{NAMA_BULAN[m.bulan - 1]} {tahun}"
        m.lewat_target = m.target_selesai is not None and m.target_selesai < akhir_bulan(
            tahun, bulan)
    kategori = per_kategori(qs)
    opd = list(
        qs.values("opd_id", "opd__nama").annotate(n=Count("pk")).order_by("-n", "opd__nama")
    )
    terbanyak = max((n for _, n in kategori), default=0)
    konteks.update({
        "daftar": daftar,
        "per_kategori": [{"label": lb, "jumlah": n,
                          "skala": skala_batang(n, terbanyak)}
                         for lb, n in kategori],
        "per_opd": opd,
        "terbatas": terbatas(request.user),
        "opd_sendiri": [o.nama for o in opd_terlihat(request.user)] if terbatas(request.user)
        else [],
        "triwulan": pintasan_triwulan(tahun),
    })
    return render(request, "evaluation/permasalahan.html", konteks)


@login_required
def bahan_rakor(request):
    if not request.user.lihat_semua_opd:
        raise PermissionDenied("Bahan Rakor POP hanya untuk verifikator dan pimpinan.")
    konteks, tahun, bulan, galat = periode_halaman(request, "evaluation/bahan_rakor.html")
    if galat is not None:
        return galat
    siapkan_pdf(tahun, bulan, versi_awal(request))  # its download is on this page
    hasil = hitung_rekap(tahun, bulan)
    terbaik, terburuk = terbaik_terburuk(hasil, 3)
    qs = permasalahan_terbuka(tahun, bulan)
    kategori = per_kategori(qs)
    paragraf = susun_bahan_rakor(
        akhir_bulan(tahun, bulan),
        total=hasil.rekap.total,
        dak_fisik=dak_fisik(hasil),
        terbaik=[(label_opd(hasil.data, k.kunci)[1], k.angka) for k in terbaik],
        terburuk=[(label_opd(hasil.data, k.kunci)[1], k.angka) for k in terburuk],
        sebaran=hasil.rekap.sebaran,
        permasalahan=kategori,
        jumlah_permasalahan=sum(n for _, n in kategori),
    )
    konteks.update({"paragraf": paragraf, "versi": hasil.data.versi,
                    "triwulan": pintasan_triwulan(tahun)})
    return render(request, "evaluation/bahan_rakor.html", konteks)
