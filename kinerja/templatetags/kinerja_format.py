"""Display of indicator values: through ``lib.rupiah`` like every figure of SIAP."""

from decimal import Decimal

from django import template

from lib import rupiah as _rp
from lib.periode import TRIWULAN_ROMAWI

register = template.Library()


@register.filter
def nilai_k(value: Decimal | None) -> str:
    """An indicator value: ``1.058`` for a whole number, ``12,36`` otherwise; "–" for none."""
    if value is None:
        return _rp.KOSONG
    if not isinstance(value, Decimal):
        raise TypeError(f"nilai_k membutuhkan Decimal, bukan {type(value).__name__}")
    return _rp.format_angka(value, 0 if value == value.to_integral_value() else 2)


@register.filter
def isian_k(value: Decimal | None) -> str:
    """The same for an input field (empty when there is no value)."""
    return "" if value is None else nilai_k(value)


@register.filter
def romawi(triwulan) -> str:
    """``3`` -> ``III``."""
    return TRIWULAN_ROMAWI[int(triwulan) - 1]
