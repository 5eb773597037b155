"""Turning raw cell values (CSV text or XLSX cells) into codes, months and exact Decimals."""

from __future__ import annotations

import math
from decimal import Decimal

from lib.angka import AngkaTidakValid, baca_angka


class NilaiTidakValid(ValueError):
    """``str()`` is the reason, in Indonesian, without the value (the caller names it)."""


def teks_nilai(v) -> str:
    """The value as the user would recognise it in an error message."""
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    return str(v)


def _alasan(exc: AngkaTidakValid, teks: str) -> str:
    # lib.angka quotes the value first; the error message names it already.
    alasan = str(exc)
    awalan = repr(teks.strip()) + " "
    return alasan[len(awalan):] if alasan.startswith(awalan) else alasan


def baca_angka_sel(v, gaya: str) -> Decimal:
    """An amount: a numeric XLSX cell, or text in ``gaya`` ("polos": 1250000.50, "id":
    1.250.000,50). Never more than two decimals; never guessed."""
    if v is None or (isinstance(v, str) and not v.strip()):
        raise NilaiTidakValid("kosong, bukan angka")
    if isinstance(v, bool):
        raise NilaiTidakValid("bukan angka")
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, Decimal):
        d = v
    elif isinstance(v, float):
        if not math.isfinite(v):
            raise NilaiTidakValid("bukan angka")
        # An XLSX number is a binary double. Decimal(v) would give its full binary expansion
        # (0.1 -> 0.1000000000000000055511151231257827...), so we take repr(v): the shortest
        # decimal that reads back as the same double, i.e. what Excel shows and the user typed
        # (1094182195169.02 stays 1094182195169.02). If that still has more than two decimals
        # (e.g. 0.30000000000000004 from a formula) we refuse rather than round.
        d = Decimal(repr(v))
    elif isinstance(v, str):
        try:
            return baca_angka(v, gaya=gaya)
        except AngkaTidakValid as exc:
            raise NilaiTidakValid(_alasan(exc, v)) from None
    else:
        raise NilaiTidakValid("bukan angka (sel berisi tanggal atau jenis lain)")
    if d != d.quantize(Decimal("0.01")):
        raise NilaiTidakValid("memiliki lebih dari 2 angka di belakang koma; tidak dibulatkan")
    return d.quantize(Decimal("0.01")) if d.as_tuple().exponent < -2 else d


def bulan(v) -> int:
    """A month 1–12, from a number cell or text."""
    if isinstance(v, bool) or v is None or (isinstance(v, str) and not v.strip()):
        raise NilaiTidakValid("kosong, bukan bulan (1–12)")
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, str) and v.strip().isdigit():
        v = int(v.strip())
    if not isinstance(v, int):
        raise NilaiTidakValid("bukan bulan; tulis angka 1 sampai 12")
    if not 1 <= v <= 12:
        raise NilaiTidakValid("bulan harus 1 sampai 12")
    return v


def kode(v) -> str:
    """A code: text as written. A number cell is refused, since Excel turns 5.1.02-like text
    typed into a number cell into something else (5.1 -> 5,1) and we cannot know what was meant."""
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    if v is None or (isinstance(v, str) and not v.strip()):
        raise NilaiTidakValid("kosong; kode wajib diisi")
    if not isinstance(v, str):
        raise NilaiTidakValid("kode harus berupa teks, bukan angka; format sel sebagai teks")
    return v.strip()


def teks(v) -> str:
    if v is None:
        return ""
    return str(v).strip()
