"""What a worker keeps in memory between requests — the Rakor figures and the rendered parts
of the leaders' pages — valid for one data version (``lib.versi_data``).

Every entry is stored under the data token read *before* it was computed, so a write in any
process (a report saved, an import, a restore, the admin…) makes every worker recompute on
its next request: reading the token is one query, a hit costs nothing else. Entries of older
tokens age out (least recently used first). Keys must hold everything the value depends on
besides the data — period, sort order, the viewer's rights — since the memory is shared by
every user of the process.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

from . import versi_data

T = TypeVar("T")

MAKS = 512
_isi: OrderedDict = OrderedDict()
_kunci = threading.Lock()
# Turned off by tests that count the work of an uncached page (``nonaktif``).
aktif = True


def ambil(kunci: Hashable, hitung: Callable[[], T], *, versi: int | None = None) -> T:
    """The value of ``kunci`` for the current data version, computed by ``hitung()`` when this
    process has not got it. ``versi`` is a token already read in this request (read first)."""
    if not aktif or _dalam_transaksi():
        return hitung()
    if versi is None:
        versi = versi_data.baca()
    lengkap = (versi, kunci)
    with _kunci:
        if lengkap in _isi:
            _isi.move_to_end(lengkap)
            return _isi[lengkap]
    nilai = hitung()
    _simpan_lokal(lengkap, nilai)
    return nilai


def versi_permintaan(request) -> int:
    """The data token of this request: read once, at the start of the view, before any data
    (the entries computed in the request are kept under it)."""
    if not hasattr(request, "_siap_versi_data"):
        request._siap_versi_data = versi_data.baca()
    return request._siap_versi_data


_TIDAK_ADA = object()


def _bersama():
    """The cache shared by every worker of the server (``CACHES["tembolok"]``), or None."""
    from django.conf import settings
    from django.core.cache import caches

    return caches["tembolok"] if "tembolok" in settings.CACHES else None


def _kunci_bersama(versi: int, kunci: Hashable) -> str:
    return "siap:" + hashlib.sha256(repr((versi, kunci)).encode()).hexdigest()


def _simpan_lokal(lengkap: tuple, nilai) -> None:
    with _kunci:
        _isi[lengkap] = nilai
        while len(_isi) > MAKS:
            _isi.popitem(last=False)


def _dalam_transaksi() -> bool:
    """PostgreSQL replaces the token at commit (``lib.versi_data``): inside a transaction
    that may have written, the token does not yet say so — nothing is read or kept there.
    (SQLite replaces it at once, inside the transaction, with a token a rollback never
    reuses.)"""
    from django.db import connection

    return connection.vendor == "postgresql" and connection.in_atomic_block


def cari(kunci: Hashable, versi: int):
    """The value kept for ``kunci`` at data token ``versi`` — in this process's memory, else
    in the cache shared by the workers (``simpan(bersama=True)``) — or None."""
    if not aktif or _dalam_transaksi():
        return None
    with _kunci:
        nilai = _isi.get((versi, kunci), _TIDAK_ADA)
        if nilai is not _TIDAK_ADA:
            _isi.move_to_end((versi, kunci))
            return nilai
    bersama = _bersama()
    if bersama is None:
        return None
    nilai = bersama.get(_kunci_bersama(versi, kunci))
    if nilai is not None:
        _simpan_lokal((versi, kunci), nilai)
    return nilai


def simpan(kunci: Hashable, versi: int, nilai, *, bersama: bool = False) -> None:
    """Keep ``nilai`` for ``kunci`` at data token ``versi`` (read before computing it);
    ``bersama``: also for the other workers (the value must pickle)."""
    if not aktif or _dalam_transaksi():
        return
    _simpan_lokal((versi, kunci), nilai)
    tembolok_bersama = _bersama() if bersama else None
    if tembolok_bersama is not None:
        tembolok_bersama.set(_kunci_bersama(versi, kunci), nilai)


def menurut_isi(kunci: Hashable, hitung: Callable[[], T], *, tunggu: float = 0) -> T:
    """A value that depends on nothing but ``kunci`` — e.g. a hash of the whole input it is
    made from, as the Rakor PDF from its html — so it holds whatever the data token: kept in
    this process's memory and in the cache shared by the workers (the value must pickle).

    ``tunggu``: when another process (or thread) is already computing the same key — the PDF
    being prepared in the background when the leader's download comes — wait up to that many
    seconds for its value instead of computing it a second time beside it; then compute."""
    if not aktif:
        return hitung()
    nilai = isi_tersimpan(kunci)
    if nilai is not None:
        return nilai
    bersama = _bersama()
    tanda = _kunci_bersama(0, ("sedang-dihitung", kunci))
    milik_sendiri = False
    if bersama is not None and tunggu > 0:
        # the mark expires by itself: a process killed while computing holds nobody for long
        milik_sendiri = bersama.add(tanda, 1, timeout=math.ceil(tunggu))
        if not milik_sendiri and (nilai := _tunggu_isi(kunci, tanda, tunggu)) is not None:
            return nilai
    try:
        nilai = hitung()
        if bersama is not None:
            bersama.set(_kunci_bersama(0, ("isi", kunci)), nilai)
        _simpan_lokal(("isi", kunci), nilai)
    finally:
        if milik_sendiri:
            bersama.delete(tanda)
    return nilai


def _tunggu_isi(kunci: Hashable, tanda: str, tunggu: float):
    """The value another process is computing, once kept; None when it stopped without
    keeping one (its mark gone) or ``tunggu`` seconds passed."""
    bersama, batas = _bersama(), time.monotonic() + tunggu
    while time.monotonic() < batas:
        time.sleep(0.1)
        if (nilai := isi_tersimpan(kunci)) is not None:
            return nilai
        if bersama.get(tanda) is None:
            return isi_tersimpan(kunci)
    return None


def isi_tersimpan(kunci: Hashable, *, lokal: bool = True):
    """The value ``menurut_isi`` keeps for ``kunci`` — in this process's memory, else in the
    shared cache — or None: never computed here. ``lokal=False``: a value found in the shared
    cache is not also kept in this process's memory (a large one a web worker only passes on)."""
    if not aktif:
        return None
    lengkap = ("isi", kunci)
    with _kunci:
        if lengkap in _isi:
            _isi.move_to_end(lengkap)
            return _isi[lengkap]
    bersama = _bersama()
    nilai = bersama.get(_kunci_bersama(0, lengkap)) if bersama is not None else None
    if nilai is not None and lokal:
        _simpan_lokal(lengkap, nilai)
    return nilai


def kosongkan() -> None:
    """Forget everything (tests)."""
    with _kunci:
        _isi.clear()
    bersama = _bersama()
    if bersama is not None:
        bersama.clear()


@dataclass
class Bagian:
    """The part of one page kept in memory, for one request: ``simpanan`` (html, extra
    context) when kept, else None — then the view computes its context and calls
    ``tampilkan``, which renders the part, keeps it and places it in the page.

    ``tambahan``: the context values of the part the page around it also needs (kept with
    it). ``penanda``: context values that differ per request (the CSRF token, a signed user
    id): the part is rendered with a placeholder in their place, filled in on every serve,
    so the kept html holds nothing of one user's session. ``{name: (placeholder,
    function(request) -> value)}``; the values must need no HTML escaping."""

    kunci: tuple
    versi: int
    template: str
    nama: str
    simpanan: tuple | None = None
    tambahan: tuple = ()
    penanda: dict = field(default_factory=dict)

    @property
    def ada(self) -> bool:
        return self.simpanan is not None

    def tampilkan(self, request, template: str, konteks: dict, status: int = 200):
        from django.shortcuts import render
        from django.template.loader import render_to_string

        if self.simpanan is None:
            untuk_bagian = {**konteks, **{k: p for k, (p, _) in self.penanda.items()}}
            html = render_to_string(self.template, untuk_bagian, request)
            self.simpanan = (html, {k: konteks.get(k) for k in self.tambahan})
            simpan(self.kunci, self.versi, self.simpanan, bersama=True)
        html, tambahan = self.simpanan
        for penanda, fungsi in self.penanda.values():
            html = html.replace(penanda, fungsi(request))
        from django.utils.safestring import mark_safe

        return render(request, template, {**konteks, **tambahan, self.nama: mark_safe(html)},
                      status=status)


def bagian(kunci: tuple, template: str, nama: str, *, versi: int | None = None,
           tambahan: tuple = (), penanda: dict | None = None) -> Bagian:
    """The kept part ``template`` (placed in its page as ``nama``) under ``kunci`` — which
    must hold everything the part depends on besides the data — at the data token ``versi``
    (read now when not given: always before reading any data the part shows)."""
    if versi is None:
        versi = versi_data.baca()
    return Bagian(kunci, versi, template, nama, cari(kunci, versi), tambahan, penanda or {})
