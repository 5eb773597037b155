from decimal import Decimal

import pytest

from lib.rupiah import bulatkan, desimal, format_angka, persen, rupiah


def test_rupiah_formats_the_seed_figure_with_dots_and_comma():
    assert rupiah(Decimal("839535848290.34")) == "Rp 839.535.848.290,34"
    assert rupiah(Decimal("1094182195169.02")) == "Rp 1.094.182.195.169,02"


def test_rupiah_rounds_half_up_only_at_display():
    assert rupiah(Decimal("0.005")) == "Rp 0,01"
    assert rupiah(Decimal("0.0049")) == "Rp 0,00"
    assert rupiah(Decimal("999.995")) == "Rp 1.000,00"


def test_small_and_negative_amounts():
    assert rupiah(Decimal("0")) == "Rp 0,00"
    assert rupiah(Decimal("12")) == "Rp 12,00"
    assert rupiah(Decimal("-1234.5")) == "-Rp 1.234,50"


def test_persen_formats_with_comma_and_rounds_half_up():
    assert persen(Decimal("76.7272445")) == "76,73%"
    assert persen(Decimal("96.945")) == "96,95%"
    assert persen(Decimal("96.94499")) == "96,94%"
    assert persen(Decimal("100")) == "100,00%"


def test_not_computable_shows_a_dash():
    assert persen(None) == "–"
    assert rupiah(None) == "–"


@pytest.mark.parametrize("bad", [1.5, 2, "3"])
def test_it_refuses_anything_but_decimal(bad):
    with pytest.raises(TypeError):
        rupiah(bad)
    with pytest.raises(TypeError):
        persen(bad)
    with pytest.raises(TypeError):
        bulatkan(bad)


def test_desimal_is_the_machine_format():
    assert desimal(Decimal("76.7272445")) == "76.73"
    assert desimal(Decimal("839535848290.34")) == "839535848290.34"
    assert desimal(Decimal("5")) == "5.00"
    assert desimal(None) is None


def test_angka_groups_thousands_without_decimals_when_asked():
    assert format_angka(Decimal("1058"), 0) == "1.058"
    assert format_angka(Decimal("1234567.891"), 2) == "1.234.567,89"
