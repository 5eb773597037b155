"""An uploaded SIPD file waiting for its preview and confirmation: stored in
``DATA_DIR/unggah`` under a random token recorded only in the uploader's session (the same
place and expiry as the other imports' uploads), deleted on confirming or cancelling."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings

KEDALUWARSA = 2 * 3600  # seconds
KUNCI_SESI = "impor_sipd"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _folder() -> Path:
    folder = Path(settings.DATA_DIR) / "unggah"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _tulis(berkas, path: Path) -> None:
    with open(path, "wb") as f:
        for potong in berkas.chunks():
            f.write(potong)


def simpan(request, berkas, params: dict, berkas_dpa=None) -> str:
    batas = time.time() - KEDALUWARSA
    for f in _folder().glob("sipd-*"):
        try:
            if f.stat().st_mtime < batas:
                f.unlink()
        except FileNotFoundError:
            pass
    token = secrets.token_hex(16)
    u = {**params, "pengguna": request.user.pk, "waktu": time.time(), "berkas": [],
         "pemetaan": {}}
    for peran, b in (("utama", berkas), ("dpa", berkas_dpa)):
        if b is None:
            continue
        akhiran = Path(b.name).suffix.lower()
        _tulis(b, _folder() / f"sipd-{token}-{peran}{akhiran}")
        u["berkas"].append({"peran": peran, "akhiran": akhiran, "nama": Path(b.name).name})
    semua = request.session.get(KUNCI_SESI, {})
    semua[token] = u
    request.session[KUNCI_SESI] = semua
    return token


def path(token: str, b: dict) -> Path:
    return _folder() / f"sipd-{token}-{b['peran']}{b['akhiran']}"


def ambil(request, token: str) -> dict | None:
    """This session's upload, or None (unknown, another user's, expired, file gone)."""
    if not _TOKEN.match(token):
        return None
    u = request.session.get(KUNCI_SESI, {}).get(token)
    if u is None or u.get("pengguna") != request.user.pk:
        return None
    if time.time() - u["waktu"] > KEDALUWARSA or not all(path(token, b).is_file()
                                                          for b in u["berkas"]):
        buang(request, token)
        return None
    return u


def ubah(request, token: str, **isi) -> None:
    semua = request.session.get(KUNCI_SESI, {})
    semua[token].update(isi)
    request.session[KUNCI_SESI] = semua


def buang(request, token: str) -> None:
    semua = request.session.get(KUNCI_SESI, {})
    u = semua.pop(token, None)
    request.session[KUNCI_SESI] = semua
    for b in (u or {}).get("berkas", []):
        path(token, b).unlink(missing_ok=True)
