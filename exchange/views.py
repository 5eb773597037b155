"""Import in the browser: upload → preview (a dry run) → confirm (the same file, for real).

Only the verifikator and the administrator import: the files hold the whole pemda's data. The
uploaded file waits in ``DATA_DIR/unggah`` under a random token that is recorded in the
uploader's own session; the form never carries a path, and a token from another session is
unknown. The file is deleted after confirming or abandoning, and any left behind is removed
after ``KEDALUWARSA``. Confirming runs the import function again from scratch, so everything is
validated once more against the database as it is then — all or nothing.
"""

from __future__ import annotations

import datetime
import io
import re
import secrets
import time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.akses import hanya_verifikator
from budget.models import JenisVersi
from reporting.unggah import batas_unggah_mb
from tugas.layanan import TerlaluBanyakTugas, antrekan, path_berkas
from tugas.models import JenisTugas, StatusTugas, Tugas
from tugas.tampil import konteks_tugas

from .baca import Galat
from .forms import JENIS_IMPOR, UnggahForm
from .umum import KOLOM_ANGGARAN, KOLOM_FISIK, KOLOM_REALISASI

KEDALUWARSA = datetime.timedelta(hours=2)
KUNCI_SESI = "impor_unggah"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
KOLOM = {"anggaran": KOLOM_ANGGARAN, "realisasi": KOLOM_REALISASI, "fisik": KOLOM_FISIK}
NAMA_JENIS = dict(JENIS_IMPOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# 403 for everyone but the verifikator and the administrator — checked before the HTTP
# method, so an operator learns nothing from any request.
hanya_pengimpor = hanya_verifikator("Hanya verifikator dan administrator yang dapat mengimpor data.")


# --------------------------------------------------------------------- the uploaded files


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "unggah"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _bersihkan_kedaluwarsa() -> None:
    batas = time.time() - KEDALUWARSA.total_seconds()
    for f in _folder().iterdir():
        try:
            if f.is_file() and f.stat().st_mtime < batas:
                f.unlink()
        except FileNotFoundError:  # removed by a concurrent request
            pass


def _simpan_berkas(request, berkas, params: dict) -> str:
    _bersihkan_kedaluwarsa()
    token = secrets.token_hex(16)
    akhiran = Path(berkas.name).suffix.lower()
    with open(_folder() / f"{token}{akhiran}", "wb") as f:
        for potong in berkas.chunks():
            f.write(potong)
    unggahan = request.session.get(KUNCI_SESI, {})
    unggahan[token] = {**params, "akhiran": akhiran, "nama_berkas": Path(berkas.name).name,
                       "ukuran": berkas.size, "pengguna": request.user.pk, "waktu": time.time()}
    request.session[KUNCI_SESI] = unggahan
    return token


def _unggahan(request, token: str) -> tuple[dict, Path] | None:
    """This session's upload ``token`` and its file, or None (unknown, another user's, expired)."""
    if not _TOKEN.match(token):
        return None
    u = request.session.get(KUNCI_SESI, {}).get(token)
    if u is None or u.get("pengguna") != request.user.pk:
        return None
    path = _folder() / f"{token}{u['akhiran']}"
    if time.time() - u["waktu"] > KEDALUWARSA.total_seconds() or not path.is_file():
        _buang(request, token)
        return None
    return u, path


def _buang(request, token: str) -> None:
    unggahan = request.session.get(KUNCI_SESI, {})
    u = unggahan.pop(token, None)
    request.session[KUNCI_SESI] = unggahan
    if u is not None:
        (_folder() / f"{token}{u['akhiran']}").unlink(missing_ok=True)


def _tidak_ada(request):
    messages.error(request, "Berkas unggahan tidak ditemukan atau sudah kedaluwarsa; unggah lagi.")
    return redirect("exchange:impor")


def dengan_unggahan(view):
    """Hand the view this session's upload (its record and file) for ``token``, or answer
    "not found" for an unknown, expired or other user's token."""

    @wraps(view)
    def bungkus(request, token):
        ada = _unggahan(request, token)
        if ada is None:
            return _tidak_ada(request)
        u, path = ada
        return view(request, token, u, path)

    return bungkus


# ------------------------------------------------------------------------------ importing


def _keterangan(u: dict) -> list[tuple[str, str]]:
    hasil = [("Jenis data", NAMA_JENIS[u["jenis"]]), ("Tahun anggaran", str(u["tahun"]))]
    if u["jenis"] == "anggaran":
        hasil += [("Versi", JenisVersi(u["versi"]).label),
                  ("Berlaku mulai", datetime.date.fromisoformat(u["berlaku"]).strftime("%d-%m-%Y")),
                  ("Buat master baru", "ya" if u["buat_master"] else "tidak")]
    hasil += [("Gaya angka", "Indonesia" if u["angka"] == "id" else "polos"),
              ("Berkas", u["nama_berkas"])]
    return hasil


def _antrekan(request, token: str, u: dict, jenis: str, url_hasil: str) -> str | None:
    """Queue the job of ``jenis`` for this upload and remember it in the session; None when
    the user already has too many jobs (a message says so)."""
    judul = f"{JenisTugas(jenis).label}: {u['nama_berkas']}"
    parameter = {"token": token, "unggahan": {k: v for k, v in u.items() if k != "tugas"},
                 "pratinjau": u.get("pratinjau")}
    try:
        tugas = antrekan(jenis, request.user, judul, parameter, url_hasil=url_hasil)
    except TerlaluBanyakTugas as exc:
        messages.error(request, str(exc))
        return None
    request.session[KUNCI_SESI][token].setdefault("tugas", {})[jenis] = str(tugas.pk)
    request.session.modified = True
    return str(tugas.pk)


def _tugas(request, u: dict, jenis: str) -> Tugas | None:
    pk = u.get("tugas", {}).get(jenis)
    return pk and Tugas.objects.filter(pk=pk, pemilik=request.user).first()


def _menunggu(request, token, u, tugas, langkah: str):
    """The job's progress in place of the result; the page polls and reloads when done."""
    return render(request, "exchange/menunggu.html", {
        "token": token, "keterangan": _keterangan(u), "langkah": langkah,
        **konteks_tugas(tugas)})


def _galat_konteks(hasil: dict) -> dict:
    return {"galat": [Galat(*g) for g in hasil["galat"]], "jumlah_galat": hasil["jumlah_galat"]}


@login_required
@hanya_pengimpor
@require_http_methods(["GET", "HEAD", "POST"])
def impor(request):
    if request.method == "POST":
        form = UnggahForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            params = {"jenis": d["jenis"], "tahun": d["tahun"], "versi": d["versi"] or None,
                      "berlaku": d["berlaku"].isoformat() if d["berlaku"] else None,
                      "buat_master": d["buat_master"], "angka": d["angka"]}
            token = _simpan_berkas(request, d["berkas"], params)
            u = request.session[KUNCI_SESI][token]
            if _antrekan(request, token, u, JenisTugas.IMPOR_PRATINJAU,
                         reverse("exchange:pratinjau", args=[token])) is None:
                _buang(request, token)
                return redirect("exchange:impor")
            return redirect("exchange:pratinjau", token=token)
        status = 422
    else:
        form, status = UnggahForm(), 200
    return render(request, "exchange/impor.html", {
        "form": form, "batas_mb": batas_unggah_mb(), "jenis": JENIS_IMPOR,
    }, status=status)


@login_required
@hanya_pengimpor
@require_GET
@dengan_unggahan
def pratinjau(request, token, u, path):
    """The dry run's outcome, once its background job is done (until then, its progress)."""
    tugas = _tugas(request, u, JenisTugas.IMPOR_PRATINJAU)
    if tugas is None:  # an upload from before jobs, or a job cleaned away: run it again
        if _antrekan(request, token, u, JenisTugas.IMPOR_PRATINJAU,
                     reverse("exchange:pratinjau", args=[token])) is None:
            return redirect("exchange:impor")
        tugas = _tugas(request, u, JenisTugas.IMPOR_PRATINJAU)
    if tugas.status != StatusTugas.SELESAI:
        return _menunggu(request, token, u, tugas, "Langkah 2 dari 3 · Periksa")
    konteks = {"token": token, "keterangan": _keterangan(u)}
    if "galat" in tugas.hasil:
        konteks.update(_galat_konteks(tugas.hasil))
        return render(request, "exchange/pratinjau.html", konteks, status=422)
    # kept to tell the user, on confirming, when the database changed in between
    request.session[KUNCI_SESI][token]["pratinjau"] = tugas.hasil["teks"]
    request.session.modified = True
    konteks.update(ringkasan=tugas.hasil["ringkasan"], ada_perubahan=tugas.hasil["ada_perubahan"])
    return render(request, "exchange/pratinjau.html", konteks)


@login_required
@hanya_pengimpor
@require_GET
@dengan_unggahan
def galat_csv(request, token, u, path):
    """The errors of the preview as CSV (baris, kolom, nilai, alasan): the preview job's file."""
    tugas = _tugas(request, u, JenisTugas.IMPOR_PRATINJAU)
    berkas = tugas and tugas.status == StatusTugas.SELESAI and path_berkas(tugas)
    if not berkas:
        messages.error(request, "Daftar galat belum tersedia: pratinjau belum selesai.")
        return redirect("exchange:pratinjau", token=token)
    return FileResponse(open(berkas, "rb"), as_attachment=True,  # noqa: SIM115
                        filename=_aman(tugas.nama_berkas), content_type="text/csv; charset=utf-8")


def _aman(nama: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", nama)


@login_required
@hanya_pengimpor
@require_POST
@dengan_unggahan
def konfirmasi(request, token, u, path):
    """Import the same file for real, in a background job; its outcome is on ``hasil``."""
    ada = _tugas(request, u, JenisTugas.IMPOR_SIMPAN)
    lagi = ada is None or ada.status == StatusTugas.GAGAL
    if lagi and _antrekan(request, token, u, JenisTugas.IMPOR_SIMPAN,
                          reverse("exchange:hasil", args=[token])) is None:
        return redirect("exchange:pratinjau", token=token)
    return redirect("exchange:hasil", token=token)


@login_required
@hanya_pengimpor
@require_GET
@dengan_unggahan
def hasil(request, token, u, path):
    tugas = _tugas(request, u, JenisTugas.IMPOR_SIMPAN)
    if tugas is None:
        return redirect("exchange:pratinjau", token=token)
    if tugas.status != StatusTugas.SELESAI:
        return _menunggu(request, token, u, tugas, "Langkah 3 dari 3 · Menyimpan")
    konteks = {"token": token, "keterangan": _keterangan(u)}
    if "galat" in tugas.hasil:
        # Nothing was written; a new confirmation validates again.
        del request.session[KUNCI_SESI][token]["tugas"][JenisTugas.IMPOR_SIMPAN]
        request.session.modified = True
        konteks.update(_galat_konteks(tugas.hasil),
                       berubah_sejak_pratinjau=tugas.hasil.get("berubah_sejak_pratinjau", False))
        return render(request, "exchange/pratinjau.html", konteks, status=422)
    _buang(request, token)
    konteks.update(ringkasan=tugas.hasil["ringkasan"], ada_perubahan=tugas.hasil["ada_perubahan"],
                   berbeda=tugas.hasil.get("berbeda", False))
    return render(request, "exchange/hasil.html", konteks)


@login_required
@hanya_pengimpor
@require_POST
def batal(request, token):
    if _unggahan(request, token) is not None:
        _buang(request, token)
        messages.success(request, "Impor dibatalkan; berkas unggahan dihapus, tidak ada yang disimpan.")
    return redirect("exchange:impor")


@login_required
@hanya_pengimpor
@require_GET
def templat(request, jenis, fmt):
    """An empty file with the header row of ``jenis``: what the import expects."""
    if jenis not in KOLOM or fmt not in ("csv", "xlsx"):
        raise Http404("Templat tidak dikenal.")
    kolom = KOLOM[jenis]
    nama = f"templat-impor-{jenis}.{fmt}"
    if fmt == "csv":
        isi, jenis_isi = ",".join(kolom) + "\n", "text/csv; charset=utf-8"
    else:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = jenis
        ws.append(list(kolom))
        for sel in ws[1]:
            sel.font = Font(bold=True)
            ws.column_dimensions[sel.column_letter].width = max(12, len(sel.value) + 4)
        ws.freeze_panes = "A2"
        keluar = io.BytesIO()
        wb.save(keluar)
        isi, jenis_isi = keluar.getvalue(), XLSX
    return HttpResponse(isi, content_type=jenis_isi,
                        headers={"Content-Disposition": f'attachment; filename="{nama}"'})
