"""Drill-down of the Rakor dashboard: one OPD's figures and sub kegiatan, then one sub
kegiatan's budget lines, month by month, and its permasalahan."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from accounts.akses import opd_atau_404
from budget.models import SubKegiatan
from reporting.models import Permasalahan

from . import tembolok
from .cakupan_data import peta_batas
from .grafik import grafik_kurva
from .kurva import seri_kurva
from .proyeksi_data import proyeksi_opd
from .queries import hitung_rekap
from .telusur import baris_anggaran, jumlah_sub, sub_kegiatan_opd
from .views import periode_halaman
from .views_indeks import konteks_indeks_opd


@login_required
def opd(request, opd_id: int):
    tembolok.versi_awal(request)  # the data token first, before any data is read
    o = opd_atau_404(request.user, opd_id)
    konteks, tahun, bulan, galat = periode_halaman(request, "evaluation/opd.html", opd=o)
    if galat is not None:
        return galat
    sekarang, batas = timezone.now(), peta_batas()
    isi = tembolok.bagian(request, "opd", "evaluation/_opd_isi.html", "isi_opd", o.pk, tahun,
                          bulan, tembolok.kunci_waktu(tahun, bulan, sekarang, batas))
    if isi.ada:
        return isi.tampilkan(request, "evaluation/opd.html", konteks)
    hasil, indeks, proyeksi = tembolok.angka_periode(request, tahun, bulan, sekarang, batas)
    kelompok = hasil.rekap.untuk_opd(o.pk)
    seri = seri_kurva(tahun, bulan, opd_id=o.pk, versi=hasil.data.versi)
    program = sub_kegiatan_opd(hasil, o.pk)
    konteks.update({
        "versi": hasil.data.versi,
        "total": kelompok.angka if kelompok else None,
        "peringkat": kelompok.peringkat if kelompok else None,
        "jumlah_opd": len(hasil.rekap.opd),
        "program": program,
        "jumlah_sub_kegiatan": sum(len(k.sub) for p in program for k in p.kegiatan),
        "kurva": grafik_kurva(seri, o.nama, konteks["batas"], "kurva-opd"),
    })
    konteks.update(konteks_indeks_opd(indeks, o.pk))
    konteks["proyeksi"] = proyeksi_opd(proyeksi, o.pk)
    return isi.tampilkan(request, "evaluation/opd.html", konteks)


@login_required
def sub_kegiatan(request, opd_id: int, sub_kegiatan_id: int):
    o = opd_atau_404(request.user, opd_id)
    sub = get_object_or_404(
        SubKegiatan.objects.select_related("kegiatan__program"), pk=sub_kegiatan_id
    )
    konteks, tahun, bulan, galat = periode_halaman(
        request, "evaluation/sub_kegiatan.html", opd=o, sub=sub
    )
    if galat is not None:
        return galat
    hasil = hitung_rekap(tahun, bulan)
    baris = baris_anggaran(hasil, o.pk, sub.pk)
    total = jumlah_sub(hasil, o.pk, sub.pk)
    if not baris and total is None:
        raise Http404("Perangkat daerah ini tidak mempunyai anggaran pada sub kegiatan ini.")
    seri = seri_kurva(tahun, bulan, opd_id=o.pk, sub_kegiatan_id=sub.pk,
                      versi=hasil.data.versi)
    masalah = list(
        Permasalahan.objects.filter(
            tahun__tahun=tahun, opd=o, sub_kegiatan=sub, bulan__lte=bulan
        ).order_by("bulan", "pk")
    )
    konteks.update({
        "versi": hasil.data.versi,
        "total": total,
        "baris": baris,
        "bulan_list": konteks["nama_bulan"],
        "permasalahan": masalah,
        "kurva": grafik_kurva(seri, sub.nama, konteks["batas"], "kurva-sub"),
    })
    return render(request, "evaluation/sub_kegiatan.html", konteks)
