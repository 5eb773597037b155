import datetime

import pytest

from lib.periode import akhir_bulan, nama_bulan, tanggal_panjang, triwulan


def test_end_of_month_handles_leap_years():
    assert akhir_bulan(2025, 11) == datetime.date(2025, 11, 30)
    assert akhir_bulan(2024, 2) == datetime.date(2024, 2, 29)
    assert akhir_bulan(2025, 2) == datetime.date(2025, 2, 28)


def test_long_date_is_indonesian():
    assert tanggal_panjang(datetime.date(2025, 11, 30)) == "30 November 2025"
    assert nama_bulan(8) == "Agustus"


def test_quarter_of_month():
    assert [triwulan(m) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [1, 1, 2, 2, 3, 3, 4, 4]


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_month_outside_1_12_is_refused(bad):
    with pytest.raises(ValueError, match="1 sampai 12"):
        nama_bulan(bad)
