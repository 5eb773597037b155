"""Properties of the number parser (``lib.angka.baca_angka``) over random and adversarial text.

Whatever a person types or a file holds, the parser answers with an exact Decimal or with
``AngkaTidakValid`` carrying an Indonesian reason — never another exception, never a float-ish
value, never more decimals than allowed.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, example, given
from hypothesis import strategies as st

from lib.angka import AngkaTidakValid, baca_angka
from lib.rupiah import format_angka

# Money to the sen, from zero to beyond the pemda's pagu (16 significant digits and more).
uang = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2,
                   allow_nan=False, allow_infinity=False)

# Text built from the characters that matter to the parser, plus anything else.
bahan = st.sampled_from(list("0123456789.,-+ Rpe\u00a0\u0660\u0969\uff11") + ["Rp", "NaN", "Infinity"])
teks_acak = st.one_of(
    st.text(max_size=40),
    st.lists(bahan, max_size=25).map("".join),
)


def _plain(d: Decimal) -> str:
    return format(d, "f")


@given(uang)
@example(Decimal("1094182195169.02"))
@example(Decimal("-0.01"))
def test_indonesian_formatting_reads_back_exactly(nilai):
    assert baca_angka(format_angka(nilai)) == nilai
    assert baca_angka("Rp " + format_angka(nilai)) == nilai


@given(uang)
def test_plain_formatting_reads_back_exactly(nilai):
    assert baca_angka(_plain(nilai), "polos") == nilai


@given(teks_acak, st.sampled_from(["id", "polos"]))
@example("1e5", "polos")
@example("NaN", "id")
@example("Infinity", "polos")
@example("\u0661\u0662", "id")  # Arabic-Indic digits
@example("１２", "polos")  # full-width digits
@example("12\n", "id")
@example("--5", "id")
@example("9" * 5000, "polos")
def test_any_text_is_a_number_or_a_reason(teks, gaya):
    try:
        nilai = baca_angka(teks, gaya)
    except AngkaTidakValid as e:
        assert str(e), "a refusal must carry a reason"
        return
    assert isinstance(nilai, Decimal)
    assert nilai.is_finite()
    assert -nilai.as_tuple().exponent <= 2 or nilai == nilai.to_integral_value()
    # only Latin digits count: a value was read only from text that has them
    assert any(c in "0123456789" for c in teks)
    assert not any(c.isdigit() and c not in "0123456789" for c in teks)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99),
       st.sampled_from([1, 2]))
def test_a_dot_followed_by_one_or_two_digits_is_never_guessed_in_indonesian_style(bulat, pecahan, lebar):
    teks = f"{bulat}.{pecahan:0{lebar}d}"[: len(str(bulat)) + 1 + lebar]
    assume(len(teks.split(".")[1]) in (1, 2))
    try:
        baca_angka(teks, "id")
    except AngkaTidakValid as e:
        assert "dua cara" in str(e) or "bukan angka" in str(e)
    else:  # pragma: no cover - would be a guess
        raise AssertionError(f"{teks!r} was read although it could mean two things")


@given(st.integers(min_value=1, max_value=10**15), st.integers(min_value=3, max_value=8))
def test_more_decimals_than_allowed_are_refused_not_rounded(bulat, n):
    teks = f"{bulat},{'5' * n}"
    try:
        baca_angka(teks, "id")
    except AngkaTidakValid as e:
        assert "lebih dari 2" in str(e)
    else:  # pragma: no cover
        raise AssertionError(f"{teks!r} was accepted with {n} decimals")
