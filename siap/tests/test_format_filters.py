"""The template filters display figures exactly as lib.rupiah does, and refuse floats."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from lib import rupiah as lib_rupiah
from lib.figures import Kategori
from siap.templatetags import siap_format as f

D = Decimal


def render(teks: str, **konteks) -> str:
    return Template("{% load siap_format %}" + teks).render(Context(konteks))


def test_rupiah_in_a_template_is_lib_rupiah():
    nilai = D("1094182195169.02")
    assert render("{{ x|rupiah }}", x=nilai) == "Rp 1.094.182.195.169,02"
    assert render("{{ x|rupiah }}", x=nilai) == lib_rupiah.rupiah(nilai)


def test_persen_rounds_half_up_to_two_decimals():
    assert render("{{ x|persen }}", x=D("76.725")) == "76,73%"
    assert render("{{ x|persen }}", x=D("79.1399999")) == "79,14%"


def test_a_percentage_that_cannot_be_computed_shows_a_dash():
    assert render("{{ x|persen }}", x=None) == "–"
    assert render("{{ x|rupiah }}", x=None) == "–"
    assert render("{{ x|poin }}", x=None) == "–"


def test_rupiah_and_persen_refuse_a_float():
    with pytest.raises(TypeError):
        f.rupiah(1.5)
    with pytest.raises(TypeError):
        f.persen(76.73)
    with pytest.raises(TypeError):
        f.nominal(1.5)
    with pytest.raises(TypeError):
        f.poin(20.2)
    with pytest.raises(TypeError):
        f.skala_persen(50.0)


def test_nominal_is_rupiah_without_the_currency_for_columns_headed_rp():
    nilai = D("839535848290.335")
    assert f.nominal(nilai) == "839.535.848.290,34"
    assert "Rp " + f.nominal(nilai) == f.rupiah(nilai)


def test_poin_shows_a_deviation_without_the_percent_sign():
    assert f.poin(D("20.2166")) == "20,22"
    assert f.poin(D("-3.005")) == "-3,01"


def test_each_kategori_has_its_own_css_class_and_its_word():
    kelas = {k: f.kategori_kelas(k) for k in Kategori}
    assert kelas[Kategori.SANGAT_TINGGI] == "kat--sangat-tinggi"
    assert kelas[Kategori.SANGAT_RENDAH] == "kat--sangat-rendah"
    assert len(set(kelas.values())) == 5
    assert f.kategori_kelas(None) == "kat--kosong"


def test_the_kategori_badge_carries_the_word_so_it_prints_in_black_and_white():
    html = render("{% kategori k %}", k=Kategori.SEDANG)
    assert html == '<span class="kat kat--sedang">Sedang</span>'
    assert render("{% kategori k %}", k=None) == '<span class="kat kat--kosong">–</span>'


def test_bars_are_clamped_to_zero_and_one_hundred():
    assert f.skala_persen(D("76.7268")) == "76.73"
    assert f.skala_persen(D("130")) == "100.00"
    assert f.skala_persen(D("-5")) == "0.00"
    assert f.skala_persen(None) == "0"


def test_rp_stays_beside_its_amount_when_a_sentence_wraps():
    assert f.rp_tak_terpisah("mencapai Rp 1.000,00 dari Rp 2.000,00") == (
        "mencapai Rp\u00a01.000,00 dari Rp\u00a02.000,00"
    )
