"""The one place where money and percentages are rounded and formatted.

Figures are computed with full precision; rounding (half up, to the sen or to two decimals)
happens here, at display time only. Every output — page, PDF, XLSX, CSV, JSON, narrative —
goes through these functions so a figure can never differ between them.
"""

from decimal import ROUND_HALF_UP, Decimal

SEN = Decimal("0.01")
KOSONG = "–"  # shown where a percentage cannot be computed (zero denominator)


def bulatkan(value: Decimal, places: int = 2) -> Decimal:
    """Round half up to ``places`` decimals. Refuses anything but Decimal."""
    if not isinstance(value, Decimal):
        raise TypeError(f"bulatkan() membutuhkan Decimal, bukan {type(value).__name__}")
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _kelompokkan(digits: str) -> str:
    """'1094182195169' -> '1.094.182.195.169'."""
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_angka(value: Decimal, places: int = 2) -> str:
    """Indonesian number format: thousands with '.', decimals with ','."""
    rounded = bulatkan(value, places)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):f}"
    whole, _, frac = text.partition(".")
    result = sign + _kelompokkan(whole)
    if places > 0:
        result += "," + frac
    return result


def rupiah(value: Decimal | None) -> str:
    """``Decimal('839535848290.34')`` -> ``'Rp 839.535.848.290,34'``."""
    if value is None:
        return KOSONG
    if not isinstance(value, Decimal):
        raise TypeError(f"rupiah() membutuhkan Decimal, bukan {type(value).__name__}")
    formatted = format_angka(value, 2)
    if formatted.startswith("-"):
        return "-Rp " + formatted[1:]
    return "Rp " + formatted


def persen(value: Decimal | None) -> str:
    """``Decimal('76.7268...')`` -> ``'76,73%'``; None (not computable) -> '–'."""
    if value is None:
        return KOSONG
    if not isinstance(value, Decimal):
        raise TypeError(f"persen() membutuhkan Decimal, bukan {type(value).__name__}")
    return format_angka(value, 2) + "%"


def desimal(value: Decimal | None, places: int = 2) -> str | None:
    """Machine format for JSON/CSV: rounded half up, dot as decimal separator."""
    if value is None:
        return None
    return f"{bulatkan(value, places):f}"
