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

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
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
    if not aktif:
        return hitung()
    if versi is None:
        versi = versi_data.baca()
    lengkap = (versi, kunci)
    with _kunci:
        if lengkap in _isi:
            _isi.move_to_end(lengkap)
            return _isi[lengkap]
    nilai = hitung()
    with _kunci:
        _isi[lengkap] = nilai
        while len(_isi) > MAKS:
            _isi.popitem(last=False)
    return nilai


_TIDAK_ADA = object()


def cari(kunci: Hashable, versi: int):
    """The value kept for ``kunci`` at data token ``versi``, or None."""
    if not aktif:
        return None
    with _kunci:
        nilai = _isi.get((versi, kunci), _TIDAK_ADA)
        if nilai is _TIDAK_ADA:
            return None
        _isi.move_to_end((versi, kunci))
        return nilai


def simpan(kunci: Hashable, versi: int, nilai) -> None:
    """Keep ``nilai`` for ``kunci`` at data token ``versi`` (read before computing it)."""
    if not aktif:
        return
    with _kunci:
        _isi[versi, kunci] = nilai
        while len(_isi) > MAKS:
            _isi.popitem(last=False)


def kosongkan() -> None:
    """Forget everything (tests)."""
    with _kunci:
        _isi.clear()
