from decimal import Decimal

import pytest

from lib.angka import AngkaTidakValid, baca_angka

D = Decimal


@pytest.mark.parametrize("teks, nilai", [
    ("1.250.000", D(1250000)),
    ("1250000", D(1250000)),
    ("1.250.000,50", D("1250000.50")),
    ("1250000,5", D("1250000.5")),
    ("Rp 1.250.000", D(1250000)),
    ("  839.535.848.290,34 ", D("839535848290.34")),
    ("0", D(0)),
    ("-1.000", D(-1000)),
    ("1.250", D(1250)),  # in Indonesian style a dot groups thousands
])
def test_indonesian_style(teks, nilai):
    assert baca_angka(teks) == nilai


@pytest.mark.parametrize("teks, alasan", [
    ("1250.5", "dua cara"),
    ("1.25.000", "bukan angka yang dikenali"),
    ("12,345", "lebih dari 2 angka"),
    ("abc", "bukan angka"),
    ("", "kosong"),
    ("1,2,3", "bukan angka"),
    ("1e5", "bukan angka"),
])
def test_indonesian_style_refuses_with_a_reason(teks, alasan):
    with pytest.raises(AngkaTidakValid, match=alasan):
        baca_angka(teks)


def test_plain_style_uses_a_dot_for_decimals():
    assert baca_angka("1094182195169.02", "polos") == D("1094182195169.02")
    assert baca_angka("15", "polos") == D(15)
    with pytest.raises(AngkaTidakValid, match="memakai koma"):
        baca_angka("1,5", "polos")
    with pytest.raises(AngkaTidakValid, match="bukan angka"):
        baca_angka("1.250.000", "polos")


def test_only_latin_digits_are_numbers():
    # Python's \d admits Arabic-Indic and other digits; the form's script does not.
    with pytest.raises(AngkaTidakValid):
        baca_angka("٣٤٥")
