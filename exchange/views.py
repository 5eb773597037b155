"""Import in the browser: upload → preview (a dry run) → confirm (the same file, for real).

Only the verifikator and the administrator import: the files hold the whole pemda's data. The
uploaded file waits in ``DATA_DIR/unggah`` under a random token that is recorded in the
uploader's own session; the form never carries a path, and a token from another session is
unknown. The file is deleted after confirming or abandoning, and any left behind is removed
after ``KEDALUWARSA``. Confirming runs the import function again from scratch, so everything is
validated once more against the database as it is then — all or nothing.
"""

from __future__ import annotations

import csv
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
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Peran
from budget.models import JenisVersi
from lib.sel import sel_aman

from .forms import JENIS_IMPOR, UnggahForm, batas_unggah_mb
from .impor import ImporGagal, impor_anggaran, impor_fisik, impor_realisasi
from .umum import KOLOM_ANGGARAN, KOLOM_FISIK, KOLOM_REALISASI, Ringkasan

KEDALUWARSA = datetime.timedelta(hours=2)
KUNCI_SESI = "impor_unggah"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
KOLOM = {"anggaran": KOLOM_ANGGARAN, "realisasi": KOLOM_REALISASI, "fisik": KOLOM_FISIK}
NAMA_JENIS = dict(JENIS_IMPOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def boleh_impor(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user.peran in (Peran.VERIFIKATOR, Peran.ADMIN))


def hanya_pengimpor(view):
    """403 for everyone but the verifikator and the administrator — checked before the HTTP
    method, so an operator learns nothing from any request."""

    @wraps(view)
    def periksa(request, *args, **kwargs):
        if not boleh_impor(request.user):
            raise PermissionDenied("Hanya verifikator dan administrator yang dapat mengimpor data.")
        return view(request, *args, **kwargs)

    return periksa


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


def _jalankan(u: dict, path: Path, *, dry_run: bool, oleh=None) -> Ringkasan:
    if u["jenis"] == "anggaran":
        return impor_anggaran(
            path, tahun=u["tahun"], jenis_versi=u["versi"],
            berlaku=datetime.date.fromisoformat(u["berlaku"]), buat_master=u["buat_master"],
            gaya=u["angka"], dry_run=dry_run)
    fungsi = impor_realisasi if u["jenis"] == "realisasi" else impor_fisik
    apa = "realisasi keuangan" if u["jenis"] == "realisasi" else "realisasi fisik"
    return fungsi(path, tahun=u["tahun"], gaya=u["angka"], dry_run=dry_run,
                  alasan=f"impor {apa} lewat aplikasi oleh {oleh}" if oleh else f"impor {apa}")


def _baris_ringkasan(ringkasan: Ringkasan) -> list[dict]:
    return [{"tabel": tabel, "dibuat": c["dibuat"], "diubah": c["diubah"], "tetap": c["tetap"]}
            for tabel, c in ringkasan.hitungan.items()]


def _keterangan(u: dict) -> list[tuple[str, str]]:
    hasil = [("Jenis data", NAMA_JENIS[u["jenis"]]), ("Tahun anggaran", str(u["tahun"]))]
    if u["jenis"] == "anggaran":
        hasil += [("Versi", JenisVersi(u["versi"]).label),
                  ("Berlaku mulai", datetime.date.fromisoformat(u["berlaku"]).strftime("%d-%m-%Y")),
                  ("Buat master baru", "ya" if u["buat_master"] else "tidak")]
    hasil += [("Gaya angka", "Indonesia" if u["angka"] == "id" else "polos"),
              ("Berkas", u["nama_berkas"])]
    return hasil


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
    konteks = {"token": token, "keterangan": _keterangan(u)}
    try:
        ringkasan = _jalankan(u, path, dry_run=True)
    except ImporGagal as exc:
        konteks.update(galat=exc.galat, jumlah_galat=exc.jumlah)
        return render(request, "exchange/pratinjau.html", konteks, status=422)
    # kept to tell the user, on confirming, when the database changed in between
    request.session[KUNCI_SESI][token]["pratinjau"] = str(ringkasan)
    request.session.modified = True
    konteks.update(ringkasan=_baris_ringkasan(ringkasan), ada_perubahan=ringkasan.ada_perubahan)
    return render(request, "exchange/pratinjau.html", konteks)


@login_required
@hanya_pengimpor
@require_GET
@dengan_unggahan
def galat_csv(request, token, u, path):
    """The errors of the preview as CSV (baris, kolom, nilai, alasan) — recomputed, not cached."""
    try:
        _jalankan(u, path, dry_run=True)
        galat = []
    except ImporGagal as exc:
        galat = exc.galat
    keluar = io.StringIO()
    w = csv.writer(keluar, lineterminator="\n")
    w.writerow(["baris", "kolom", "nilai", "alasan"])
    for g in galat:
        w.writerow([g.baris or "", sel_aman(g.kolom), sel_aman(g.nilai), sel_aman(g.alasan)])
    nama = f"galat-{Path(u['nama_berkas']).stem}.csv"
    # the BOM makes Excel read the file as UTF-8
    return HttpResponse("\ufeff" + keluar.getvalue(), content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{_aman(nama)}"'})


def _aman(nama: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", nama)


@login_required
@hanya_pengimpor
@require_POST
@dengan_unggahan
def konfirmasi(request, token, u, path):
    konteks = {"token": token, "keterangan": _keterangan(u)}
    try:
        with transaction.atomic():
            ringkasan = _jalankan(u, path, dry_run=False, oleh=request.user.get_username())
    except ImporGagal as exc:
        # The database changed since the preview and the file no longer passes: nothing written.
        konteks.update(galat=exc.galat, jumlah_galat=exc.jumlah, berubah_sejak_pratinjau=True)
        return render(request, "exchange/pratinjau.html", konteks, status=422)
    except IntegrityError:
        messages.error(request, "Basis data menolak perubahan karena data berubah bersamaan; tidak "
                                "ada yang disimpan. Periksa pratinjau lalu konfirmasi lagi.")
        return redirect("exchange:pratinjau", token=token)
    berbeda = u.get("pratinjau") is not None and u["pratinjau"] != str(ringkasan)
    _buang(request, token)
    konteks.update(ringkasan=_baris_ringkasan(ringkasan), ada_perubahan=ringkasan.ada_perubahan,
                   berbeda=berbeda)
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
