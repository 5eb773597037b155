"""Backtest on the Lampung Barat demo: the projection made at the end of September 2025 for the
year end, against the realisasi the demo actually has at the end of December 2025.

The bounds are those stated on the page and in the README (``lib.figures_proyeksi``): the pemda
within GALAT_PEMDA points of its pagu, the median OPD within GALAT_MEDIAN_OPD points. Errors
are in percentage points of each one's pagu: the pagu changes with the APBD Perubahan of
October, so the projection (on the pagu in force in September) and the outcome (on the pagu in
force in December) are compared as shares of their own pagu.
"""

import datetime
import statistics

import pytest

from demo.load import hapus_demo, muat_demo
from evaluation.proyeksi_data import hitung_proyeksi
from evaluation.queries import hitung_rekap
from lib.figures_proyeksi import GALAT_MEDIAN_OPD, GALAT_PEMDA

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        muat_demo(hari_ini=datetime.date(2026, 12, 6))
    yield
    with django_db_blocker.unblock():
        hapus_demo()


@pytest.fixture(scope="module")
def uji_balik(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return hitung_proyeksi(2025, 9), hitung_rekap(2025, 12).rekap


def test_the_september_projection_uses_the_completed_year_2023(uji_balik):
    proyeksi, _ = uji_balik
    assert proyeksi.tahun_acuan == 2023
    assert "mengikuti pola tahun 2023" in proyeksi.pemda.asumsi


def test_the_pemda_projection_is_within_the_stated_error_of_december(uji_balik):
    proyeksi, akhir = uji_balik
    galat = proyeksi.pemda.proyeksi_persen - akhir.total.persen_realisasi
    assert abs(galat) <= GALAT_PEMDA, f"selisih pemda {galat:.2f} poin"
    # and far better than this year's pace alone (79,66% against an outcome of 92,62%)
    assert abs(galat) < 2


def test_the_median_opd_projection_is_within_the_stated_error_of_december(uji_balik):
    proyeksi, akhir = uji_balik
    hasil = {k.kunci: k.angka.persen_realisasi for k in akhir.opd}
    galat = [abs(p.proyeksi_persen - hasil[p.opd_id])
             for p in proyeksi.opd if p.proyeksi_persen is not None]
    assert len(galat) >= 40  # every OPD of the demo with a pagu
    median = statistics.median(galat)
    assert median <= GALAT_MEDIAN_OPD, f"median selisih OPD {median:.2f} poin"


def test_the_opd_at_risk_in_september_do_end_the_year_lowest(uji_balik):
    # The early warning is worth having only if those flagged for a low projection are the
    # ones that do end low.
    proyeksi, akhir = uji_balik
    hasil = {k.kunci: k.angka.persen_realisasi for k in akhir.opd}
    rendah = [p for p in proyeksi.opd if p.proyeksi_persen is not None
              and p.proyeksi_persen < 90]
    assert rendah
    lainnya = [hasil[p.opd_id] for p in proyeksi.opd if p not in rendah and p.proyeksi_persen]
    assert max(hasil[p.opd_id] for p in rendah) < statistics.median(lainnya)
