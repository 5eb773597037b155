"""The quarterly section of the report (``/laporan/<opd>/<tahun>/triwulan/<tw>/kinerja/``):
the quarter's realisasi of each indicator and the faktor pendorong / penghambat / tindak
lanjut, saved with the report of the quarter's last month. Scoped like that report: another
OPD's operator gets 404 on GET and POST; verifikator and pimpinan read only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.akses import boleh_mengisi, opd_atau_404
from budget.models import TahunAnggaran
from lib.periode import TRIWULAN_ROMAWI, bulan_akhir_triwulan, nama_bulan

from . import triwulan as layanan
from .forms import IsianTriwulan, baca_isian
from .susunan import susun


def _url(opd_id: int, tahun: int, tw: int) -> str:
    return reverse("kinerja:triwulan", args=[opd_id, tahun, tw])


def _baris(isi: layanan.IsiTriwulan, tw: int, isian: IsianTriwulan | None) -> list[dict]:
    """The indicators grouped under their program / kegiatan / sub kegiatan, each with the
    quarter's value (typed or stored), the earlier quarters and the warning."""
    nilai = isi.nilai(tw)
    penjelasan = isi.penjelasan(tw)
    if isian is not None:
        nilai.update({k: v for k, v in isian.nilai.items() if k not in isian.salah})
        penjelasan.update(isian.penjelasan)
    lewat = {p.indikator.pk: p for p in layanan.peringatan(isi.indikator, nilai, penjelasan, tw)}
    hasil = []
    for b in susun([], isi.indikator):
        daftar = []
        for ind in b.indikator:
            r = isi.realisasi.get(ind.pk, {})
            teks = isian.teks.get(ind.pk) if isian is not None and ind.pk in isian.teks else None
            daftar.append({
                "ind": ind,
                "target_tw": ind.target_triwulan[tw - 1],
                "sebelumnya": [(TRIWULAN_ROMAWI[k - 1], r[k].nilai if k in r else None)
                               for k in range(1, tw)],
                "nilai": nilai.get(ind.pk),
                "teks": teks,
                "salah": isian.salah.get(ind.pk) if isian is not None else None,
                "peringatan": lewat.get(ind.pk),
                "penjelasan": penjelasan.get(ind.pk, ""),
            })
        hasil.append({"baris": b, "indikator": daftar})
    return hasil


def _tampilkan(request, opd, tahun: int, tw: int, lap, *, isian=None, galat=(), konflik="",
               status: int = 200):
    isi = layanan.muat(opd.pk, tahun, tw)
    alasan = layanan.alasan_terkunci(lap)
    ev = isi.evaluasi
    if isian is not None:
        nilai_ev = dict(isian.evaluasi)
    else:
        nilai_ev = {k: getattr(ev, k) if ev else "" for k in layanan.KOLOM_EVALUASI}
        if ev is None or not (ev.kepala_nama or ev.kepala_nip):
            lalu = isi.evaluasi_lalu
            nilai_ev["kepala_nama"] = lalu.kepala_nama if lalu else ""
            nilai_ev["kepala_nip"] = lalu.kepala_nip if lalu else ""
    baris = _baris(isi, tw, isian)
    semua = [d for b in baris for d in b["indikator"]]
    konteks = {
        "opd": opd, "tahun": tahun, "tw": tw, "romawi": TRIWULAN_ROMAWI[tw - 1], "lap": lap,
        "nama_bulan": nama_bulan(bulan_akhir_triwulan(tw)),
        "baris": baris,
        "jumlah_indikator": len(semua),
        "belum_diisi": sum(1 for d in semua if d["nilai"] is None),
        "peringatan_belum": sum(1 for d in semua if d["peringatan"]
                                and not d["peringatan"].dijelaskan),
        "evaluasi": nilai_ev,
        # After a conflict the page carries the current revision: saving again overwrites.
        "revisi": isian.revisi if isian is not None and isian.revisi is not None
        and not konflik else (ev.revisi if ev else 0),
        "alasan_terkunci": alasan,
        "dapat_mengisi": boleh_mengisi(request.user) and not alasan,
        "pembaca": request.user.lihat_semua_opd,
        "galat": list(galat),
        "konflik": konflik,
        "triwulan_lain": [(r, _url(opd.pk, tahun, i)) for i, r in enumerate(TRIWULAN_ROMAWI, 1)],
        "url": _url(opd.pk, tahun, tw),
        "url_laporan": reverse("reporting:formulir", args=[opd.pk, tahun,
                                                           bulan_akhir_triwulan(tw)]),
    }
    return render(request, "kinerja/triwulan.html", konteks, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def triwulan(request, opd_id: int, tahun: int, triwulan: int):
    opd = opd_atau_404(request.user, opd_id)
    if triwulan not in (1, 2, 3, 4) or not TahunAnggaran.objects.filter(tahun=tahun).exists():
        raise Http404("Triwulan atau tahun anggaran tidak dikenal.")
    lap = layanan.laporan_triwulan(opd, tahun, triwulan)
    if request.method != "POST":
        return _tampilkan(request, opd, tahun, triwulan, lap)
    if not boleh_mengisi(request.user):
        raise PermissionDenied("Hanya operator perangkat daerah ini yang dapat mengisi kinerja.")
    isian = baca_isian(request.POST)
    if isian.revisi is None:
        return HttpResponseBadRequest("Formulir tidak lengkap (revisi hilang); muat ulang halaman.")
    if isian.salah:
        return _tampilkan(request, opd, tahun, triwulan, lap, isian=isian, status=422,
                          galat=["Belum disimpan: isian realisasi yang ditandai bukan angka."])
    if lap.pk is None:
        return _tampilkan(request, opd, tahun, triwulan, lap, isian=isian, status=422,
                          galat=[layanan.alasan_terkunci(lap)])
    try:
        sisa = layanan.simpan(lap, request.user, triwulan=triwulan, revisi=isian.revisi,
                              nilai=isian.nilai, penjelasan=isian.penjelasan,
                              evaluasi=isian.evaluasi)
    except layanan.Konflik as exc:
        return _tampilkan(request, opd, tahun, triwulan, lap, isian=isian, konflik=str(exc),
                          status=409)
    except layanan.Ditolak as exc:
        return _tampilkan(request, opd, tahun, triwulan, lap, isian=isian, galat=exc.pesan,
                          status=422)
    pesan = f"Kinerja triwulan {TRIWULAN_ROMAWI[triwulan - 1]} {tahun} tersimpan."
    if sisa:
        pesan += (f" {len(sisa)} realisasi melebihi 150% target belum diberi penjelasan; "
                  f"laporan {nama_bulan(lap.bulan)} baru dapat diajukan setelah dijelaskan.")
    messages.success(request, pesan)
    return redirect(_url(opd.pk, tahun, triwulan))
