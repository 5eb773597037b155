"""Reading numbers typed or imported by people, without guessing.

Indonesian style (the form, ``--angka id``): ``1.250.000``, ``1250000``, ``1.250.000,50``.
Plain style (CSV): ``1250000.50``. Anything that fits neither, or that could be read two ways,
is refused with a reason in Indonesian.
"""

import re
from decimal import Decimal, InvalidOperation


class AngkaTidakValid(ValueError):
    """The text is not a number in the expected style; ``str()`` is the reason."""


_RIBUAN = r"[0-9]{1,3}(?:\.[0-9]{3})+"
_ID = re.compile(rf"^(?P<bulat>[0-9]+|{_RIBUAN})(?:,(?P<pecahan>[0-9]+))?$")
_POLOS = re.compile(r"^(?P<bulat>[0-9]+)(?:\.(?P<pecahan>[0-9]+))?$")


def _bersihkan(teks: str) -> tuple[str, bool]:
    t = teks.strip().replace("\u00a0", "").replace(" ", "")
    if t[:2].lower() == "rp":
        t = t[2:]
    negatif = t.startswith("-")
    if negatif:
        t = t[1:]
    return t, negatif


def baca_angka(teks: str, gaya: str = "id", desimal_maks: int = 2) -> Decimal:
    """Parse ``teks`` in ``gaya`` ``"id"`` (dots for thousands, comma for decimals) or
    ``"polos"`` (no thousands separator, dot for decimals). Returns an exact Decimal."""
    if not isinstance(teks, str):
        raise TypeError("baca_angka() membutuhkan teks")
    t, negatif = _bersihkan(teks)
    if not t:
        raise AngkaTidakValid("kosong, bukan angka")
    pola = _ID if gaya == "id" else _POLOS
    m = pola.match(t)
    if not m:
        if gaya == "id" and re.fullmatch(r"[0-9]+\.[0-9]{1,2}", t):
            raise AngkaTidakValid(
                f"{teks.strip()!r} dapat dibaca dua cara; tulis desimal dengan koma "
                f"(mis. 1250,50) dan ribuan dengan titik (mis. 1.250.000)"
            )
        if gaya == "polos" and "," in t:
            raise AngkaTidakValid(
                f"{teks.strip()!r} memakai koma; format ini memakai titik untuk desimal "
                f"tanpa pemisah ribuan (mis. 1250000.50)"
            )
        raise AngkaTidakValid(f"{teks.strip()!r} bukan angka yang dikenali")
    pecahan = m.group("pecahan") or ""
    if len(pecahan) > desimal_maks:
        raise AngkaTidakValid(
            f"{teks.strip()!r} memiliki lebih dari {desimal_maks} angka di belakang koma"
        )
    try:
        nilai = Decimal(m.group("bulat").replace(".", "") + ("." + pecahan if pecahan else ""))
    except InvalidOperation:  # pragma: no cover - the regex admits digits only
        raise AngkaTidakValid(f"{teks.strip()!r} bukan angka") from None
    return -nilai if negatif else nilai
