"""The field-by-field merge of a save from a page that may be out of date (pure)."""

from decimal import Decimal

from reporting.gabung import Gabungan, Konflik, gabung

A, B, C = ("r", 1), ("r", 2), ("f", 3)
D = Decimal


def test_an_input_the_page_did_not_change_is_never_written():
    g = gabung({A: None}, kini={A: D(3_000_000)}, semula={A: None}, revisi_sama=False)
    assert g == Gabungan(tulis={}, konflik=[], diubah_lain=[A])


def test_an_input_only_this_page_changed_is_written():
    g = gabung({A: None, B: D(5)}, kini={A: D(3_000_000)}, semula={A: None, B: None},
               revisi_sama=False)
    assert g.tulis == {B: D(5)} and g.konflik == [] and g.diubah_lain == [A]


def test_an_input_both_changed_is_a_conflict_with_both_values():
    g = gabung({A: D(7)}, kini={A: D(3_000_000)}, semula={A: D(1)}, revisi_sama=False)
    assert g.konflik == [Konflik(A, D(7), D(3_000_000))] and g.tulis == {}


def test_both_typing_the_same_value_is_no_conflict():
    g = gabung({A: D("5.00")}, kini={A: D(5)}, semula={A: None}, revisi_sama=False)
    assert g == Gabungan()


def test_blank_and_zero_are_different_values():
    g = gabung({A: D(0), B: None}, kini={B: D(0)}, semula={A: None, B: D(0)},
               revisi_sama=True)
    assert g.tulis == {A: D(0), B: None}


def test_without_an_original_the_stored_value_stands_in_only_while_the_revision_holds():
    assert gabung({C: D(40)}, kini={C: D(30)}, semula=None, revisi_sama=True).tulis == {C: D(40)}
    g = gabung({C: D(40)}, kini={C: D(30)}, semula=None, revisi_sama=False)
    assert g.konflik == [Konflik(C, D(40), D(30))] and g.tulis == {}
    assert gabung({C: D(30)}, kini={C: D(30)}, semula=None, revisi_sama=False) == Gabungan()


def test_tulis_kolom_splits_the_writes_by_column():
    g = gabung({A: D(1), C: D(2)}, kini={}, semula={A: None, C: None}, revisi_sama=True)
    assert g.tulis_kolom("r") == {1: D(1)} and g.tulis_kolom("f") == {3: D(2)}
