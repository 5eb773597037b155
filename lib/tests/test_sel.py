from lib.sel import sel_aman


def test_formula_like_text_is_neutralised():
    for teks in ["=SUM(A1)", "+62", "-1", "@cmd", "\tx"]:
        assert sel_aman(teks) == "'" + teks


def test_ordinary_text_is_kept():
    assert sel_aman("Dinas Kesehatan") == "Dinas Kesehatan"
    assert sel_aman("") == ""
