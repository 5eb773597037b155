"""The SIAP REST API (django-ninja): token authentication, scoped exactly as the pages.

Schema at ``/api/openapi.json``, Swagger UI at ``/api/docs`` — both for signed-in users only,
served from ninja's bundled static files (no CDN, no inline script: our CSP holds)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from . import baca, tulis
from . import kinerja as kinerja_api
from .auth import TokenBearer

DESKRIPSI = """
API SIAP untuk sistem lain di lingkungan pemda.

**Autentikasi**: header `Authorization: Bearer <token>`; token dibuat oleh admin dengan
`siap token NAMA_PENGGUNA` dan hanya ditampilkan sekali. Setiap token bertindak sebagai
penggunanya: operator hanya melihat dan mengisi OPD-nya sendiri (OPD lain: 404), verifikator dan
pimpinan membaca semua OPD tetapi tidak dapat mengisi laporan (403).

**Uang dan persen** dikirim sebagai string desimal dengan titik dan dua angka di belakangnya
(`"839535848290.34"`, `"76.73"`), tidak pernah sebagai angka JSON (float tidak dapat memuat
setiap sen). Isian realisasi juga string: `"1250000.50"`.
"""

api = NinjaAPI(
    title="SIAP API",
    version="1",
    description=DESKRIPSI,
    urls_namespace="api",
    auth=TokenBearer(),
    docs_decorator=login_required,
)
api.add_router("/", baca.router)
api.add_router("/", tulis.router)
api.add_router("/", kinerja_api.router)  # indikator kinerja (kinerja app)


@api.exception_handler(AuthenticationError)
def _tanpa_token(request, exc):
    resp = api.create_response(
        request, {"detail": "Token API tidak ada, tidak sah, sudah dicabut, atau penggunanya tidak "
                            "aktif. Kirim header “Authorization: Bearer <token>”."}, status=401)
    resp["WWW-Authenticate"] = "Bearer"
    return resp


@api.exception_handler(Http404)
def _tidak_ada(request, exc):
    # Our own 404s say what was not found (api/tahun.py, accounts/akses.py); Django's English ones do not.
    pesan = str(exc) if str(exc) and not str(exc).startswith("No ") else "Tidak ditemukan."
    return api.create_response(request, {"detail": pesan}, status=404)


@api.exception_handler(PermissionDenied)
def _dilarang(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Tidak diizinkan."}, status=403)


@api.exception_handler(ValidationError)
def _tidak_valid(request, exc):
    galat = [
        {"tingkat": "galat", "kode": ".".join(str(x) for x in e.get("loc", ())),
         "pesan": f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', 'tidak valid')}",
         "rincian_id": None, "sub_kegiatan_id": None}
        for e in exc.errors
    ]
    return api.create_response(
        request, {"detail": "Permintaan tidak valid: " + "; ".join(g["pesan"] for g in galat),
                  "galat": galat}, status=422)


@api.exception_handler(HttpError)
def _galat_http(request, exc):
    # ninja answers an unreadable body with 400 "Cannot parse request body".
    detail = ("Isi permintaan bukan JSON yang dapat dibaca." if exc.status_code == 400
              else str(exc))
    return api.create_response(request, {"detail": detail}, status=exc.status_code)
