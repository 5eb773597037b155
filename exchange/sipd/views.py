"""The SIPD import in the browser: upload → (column mapping when the headers are unknown) →
preview per OPD (a dry run) → confirm (the same files again, for real) → result.

Verifikator and administrator only (``akses``). Confirming runs the import again from
scratch, so everything is checked once more against the database as it is then."""

from __future__ import annotations

import csv
import datetime
import io
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budget.models import JenisVersi
from lib.periode import nama_bulan
from lib.sel import sel_aman
from reporting.unggah import batas_unggah_mb

from ..umum import ImporGagal
from . import berkas as bk
from . import tata_letak as tl
from . import unggahan
from .akses import hanya_pengimpor
from .anggaran import impor_sipd_anggaran
from .berkas import sha256
from .forms import PemetaanForm, UnggahSipdForm
from .models import JenisBerkasSipd, PemetaanKolomSipd, TataLetakSipd
from .realisasi import TataLetakTidakDikenal, impor_sipd_realisasi
from .teks import baris_hasil

PERAN_JENIS = {JenisBerkasSipd.REALISASI: "utama", JenisBerkasSipd.ANGGARAN_KAS: "utama",
               JenisBerkasSipd.DPA: "dpa"}


def _berkas(token: str, u: dict, peran: str):
    return next(((unggahan.path(token, b), b["nama"]) for b in u["berkas"]
                 if b["peran"] == peran), (None, ""))


def _jalankan(request, token: str, u: dict, *, dry_run: bool):
    utama, nama = _berkas(token, u, "utama")
    oleh = None if dry_run else request.user
    if u["jenis"] == "realisasi":
        return impor_sipd_realisasi(utama, tanggal=datetime.date.fromisoformat(u["tanggal"]),
                                    gaya=u["angka"], dry_run=dry_run, oleh=oleh,
                                    nama_berkas=nama, pemetaan=u["pemetaan"].get("utama"))
    dpa, nama_dpa = _berkas(token, u, "dpa")
    return impor_sipd_anggaran(
        utama, path_dpa=dpa, tahun=u["tahun"], jenis_versi=u["versi"],
        berlaku=datetime.date.fromisoformat(u["berlaku"]), nama=u["nama"] or None,
        buat_master=u["buat_master"], sumber_dana=u["sumber_dana"] or None, gaya=u["angka"],
        dry_run=dry_run, oleh=oleh, nama_berkas=nama, nama_dpa=nama_dpa,
        pemetaan=u["pemetaan"].get("utama"), pemetaan_dpa=u["pemetaan"].get("dpa"))


def _keterangan(token: str, u: dict) -> list[tuple[str, str]]:
    hasil = []
    for b in u["berkas"]:
        p = unggahan.path(token, b)
        hasil += [("Berkas DPA" if b["peran"] == "dpa" else "Berkas", b["nama"]),
                  ("sha256", sha256(p))]
    if u["jenis"] == "realisasi":
        t = datetime.date.fromisoformat(u["tanggal"])
        hasil.insert(0, ("Jenis", "Realisasi per rekening (SIPD)"))
        hasil.append(("Tanggal batas", f"{t.day} {nama_bulan(t.month)} {t.year} — realisasi "
                                       f"bulan {nama_bulan(t.month)} {t.year}"))
    else:
        hasil.insert(0, ("Jenis", "Anggaran kas dan DPA (SIPD)"))
        hasil += [("Tahun anggaran", str(u["tahun"])),
                  ("Versi", JenisVersi(u["versi"]).label + (f" — {u['nama']}" if u["nama"] else "")),
                  ("Berlaku mulai", datetime.date.fromisoformat(u["berlaku"]).strftime("%d-%m-%Y")),
                  ("Buat master baru", "ya" if u["buat_master"] else "tidak")]
        if u["sumber_dana"]:
            hasil.append(("Sumber dana bawaan", u["sumber_dana"]))
    return hasil


def _tidak_ada(request):
    messages.error(request, "Berkas unggahan tidak ditemukan atau sudah kedaluwarsa; unggah lagi.")
    return redirect("sipd:impor")


def dengan_unggahan(view):
    @wraps(view)
    def bungkus(request, token, *args, **kwargs):
        u = unggahan.ambil(request, token)
        return _tidak_ada(request) if u is None else view(request, token, u, *args, **kwargs)
    return bungkus


@login_required
@hanya_pengimpor
@require_http_methods(["GET", "HEAD", "POST"])
def impor(request):
    form = UnggahSipdForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        params = {"jenis": d["jenis"], "angka": d["angka"],
                  "tanggal": d["tanggal"].isoformat() if d["tanggal"] else None,
                  "tahun": d["tahun"], "versi": d["versi"] or None,
                  "berlaku": d["berlaku"].isoformat() if d["berlaku"] else None,
                  "nama": d["nama"], "buat_master": d["buat_master"],
                  "sumber_dana": d["sumber_dana"].kode if d["sumber_dana"] else None}
        if d["jenis"] == "realisasi":
            params["tahun"] = d["tanggal"].year
        token = unggahan.simpan(request, d["berkas"], params, d["berkas_dpa"])
        return redirect("sipd:pratinjau", token=token)
    return render(request, "sipd/impor.html", {
        "form": form, "bantuan_berkas": f"Paling besar {batas_unggah_mb()} MB."},
                  status=422 if request.method == "POST" else 200)


@login_required
@hanya_pengimpor
@require_GET
@dengan_unggahan
def pratinjau(request, token, u):
    konteks = {"token": token, "u": u, "keterangan": _keterangan(token, u)}
    try:
        hasil = _jalankan(request, token, u, dry_run=True)
    except TataLetakTidakDikenal as exc:
        return redirect("sipd:pemetaan", token=token, peran=PERAN_JENIS[exc.jenis])
    except ImporGagal as exc:
        konteks.update(galat=exc.galat, jumlah_galat=exc.jumlah,
                       unit_tak_dikenal=sorted(getattr(exc, "unit_tak_dikenal", {}).items()))
        return render(request, "sipd/pratinjau.html", konteks, status=422)
    konteks.update(_isi_hasil(hasil, konteks["keterangan"]))
    return render(request, "sipd/pratinjau.html", konteks)


def _isi_hasil(hasil, keterangan: list) -> dict:
    r = hasil.ringkasan
    tata_letak = TataLetakSipd(hasil.tata_letak).label
    if getattr(hasil, "tata_letak_dpa", ""):
        tata_letak += f"; DPA: {TataLetakSipd(hasil.tata_letak_dpa).label}"
    keterangan = [*keterangan, ("Tata letak", tata_letak)]
    if getattr(hasil, "versi", ""):
        keterangan.append(("Anggaran pembanding", hasil.versi))
    return {"hasil": hasil, "ada_perubahan": r.ada_perubahan, "keterangan": keterangan,
            "baris": baris_hasil(hasil.baris) if hasattr(hasil, "opd") else [],
            "ringkasan": [{"tabel": t, **{k: c[k] for k in ("dibuat", "diubah", "tetap")}}
                          for t, c in r.hitungan.items()]}


@login_required
@hanya_pengimpor
@require_http_methods(["GET", "HEAD", "POST"])
@dengan_unggahan
def pemetaan(request, token, u, peran):
    jenis = u["jenis"] if u["jenis"] == "realisasi" else (
        JenisBerkasSipd.DPA if peran == "dpa" else JenisBerkasSipd.ANGGARAN_KAS)
    path, nama = _berkas(token, u, peran)
    if path is None:
        return _tidak_ada(request)
    try:
        b = bk.buka(path, jenis, None, pemetaan={})
    except Exception:  # an unreadable file: the preview names the reason
        return redirect("sipd:pratinjau", token=token)
    form = PemetaanForm(request.POST or None, jenis=jenis, judul=b.judul,
                        awal=u["pemetaan"].get(peran) or tl.tebakan(jenis, b.judul))
    if request.method == "POST" and form.is_valid():
        posisi = form.cleaned_data["posisi"]
        unggahan.ubah(request, token, pemetaan={**u["pemetaan"], peran: posisi})
        if form.cleaned_data["simpan"]:
            PemetaanKolomSipd.objects.update_or_create(
                jenis=jenis, tanda=tl.tanda_judul(b.judul),
                defaults={"judul": [str(j) if j is not None else "" for j in b.judul],
                          "posisi": posisi, "oleh": request.user})
            messages.success(request, "Pemetaan kolom disimpan; berkas berikutnya dengan judul "
                                      "kolom yang sama langsung dikenali.")
        return redirect("sipd:pratinjau", token=token)
    return render(request, "sipd/pemetaan.html", {
        "token": token, "form": form, "nama": nama, "jenis": JenisBerkasSipd(jenis).label,
        "judul": [(tl.huruf(i), j) for i, j in enumerate(b.judul)], "contoh": b.contoh[1:6],
        "keterangan": _keterangan(token, u)}, status=422 if request.method == "POST" else 200)


@login_required
@hanya_pengimpor
@require_GET
@dengan_unggahan
def galat_csv(request, token, u):
    try:
        _jalankan(request, token, u, dry_run=True)
        galat = []
    except (ImporGagal, TataLetakTidakDikenal) as exc:
        galat = getattr(exc, "galat", [])
    keluar = io.StringIO()
    w = csv.writer(keluar, lineterminator="\n")
    w.writerow(["baris", "kolom", "nilai", "alasan"])
    for g in galat:
        w.writerow([g.baris or "", sel_aman(g.kolom), sel_aman(g.nilai), sel_aman(g.alasan)])
    return HttpResponse("\ufeff" + keluar.getvalue(), content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="galat-sipd.csv"'})


@login_required
@hanya_pengimpor
@require_POST
@dengan_unggahan
def konfirmasi(request, token, u):
    konteks = {"token": token, "u": u, "keterangan": _keterangan(token, u)}
    try:
        hasil = _jalankan(request, token, u, dry_run=False)
    except TataLetakTidakDikenal as exc:
        return redirect("sipd:pemetaan", token=token, peran=PERAN_JENIS[exc.jenis])
    except ImporGagal as exc:
        konteks.update(galat=exc.galat, jumlah_galat=exc.jumlah, berubah_sejak_pratinjau=True)
        return render(request, "sipd/pratinjau.html", konteks, status=422)
    except IntegrityError:
        messages.error(request, "Basis data menolak perubahan karena data berubah bersamaan; tidak "
                                "ada yang disimpan. Periksa pratinjau lalu konfirmasi lagi.")
        return redirect("sipd:pratinjau", token=token)
    unggahan.buang(request, token)
    konteks.update(_isi_hasil(hasil, konteks["keterangan"]), selesai=True)
    return render(request, "sipd/pratinjau.html", konteks)


@login_required
@hanya_pengimpor
@require_POST
def batal(request, token):
    if unggahan.ambil(request, token) is not None:
        unggahan.buang(request, token)
        messages.success(request, "Impor dibatalkan; berkas unggahan dihapus.")
    return redirect(reverse("sipd:impor"))
