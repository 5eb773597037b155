"""Which data the leaders' figures cover (pure): each OPD's report status, the counts of the
coverage line, and the leaders' default month — the last one whose reports are due."""

import datetime

import pytest
from django.utils import timezone

from evaluation.cakupan import LaporanOPD, StatusLaporanOPD, hitung_cakupan, status_opd
from lib.periode import batas_lapor, bulan_jatuh_tempo_terakhir

WIB = timezone.get_default_timezone()
S = StatusLaporanOPD


def w(*args):
    return datetime.datetime(*args, tzinfo=WIB)


@pytest.mark.parametrize(("status", "pertama", "harapan"), [
    (None, None, S.BELUM_LAPOR),
    ("draft", None, S.DRAF),
    ("draft", w(2025, 4, 8), S.DIKEMBALIKAN),  # returned, being corrected: it was submitted
    ("dikembalikan", w(2025, 4, 8), S.DIKEMBALIKAN),
    ("diajukan", w(2025, 4, 8), S.DIAJUKAN),
    ("diverifikasi", w(2025, 4, 8), S.DIVERIFIKASI),
])
def test_each_report_status_reads_as_what_the_figures_hold(status, pertama, harapan):
    assert status_opd(status, pertama) == harapan
    assert harapan.dihitung == (harapan not in (S.DRAF, S.BELUM_LAPOR))


def test_the_coverage_line_counts_submitted_verified_late_and_missing():
    batas = w(2025, 4, 10, 23, 59, 59)
    laporan = [
        LaporanOPD(1, "diverifikasi", w(2025, 4, 9)),
        LaporanOPD(2, "diverifikasi", w(2025, 4, 12)),  # late
        LaporanOPD(3, "diajukan", w(2025, 4, 10, 23)),
        LaporanOPD(4, "draft", w(2025, 4, 15)),  # returned and being corrected, late
        LaporanOPD(5, "draft", None),
        LaporanOPD(6, None, None),
        LaporanOPD(7, None, None),
    ]
    c = hitung_cakupan(2025, 3, laporan, batas, sekarang=w(2025, 4, 20))
    assert (c.opd, c.diverifikasi, c.diajukan, c.dikembalikan, c.draf, c.belum_lapor) == \
        (7, 2, 1, 1, 1, 2)
    assert (c.berdata, c.belum_diverifikasi, c.tanpa_laporan, c.terlambat) == (4, 2, 3, 2)
    assert c.kalimat() == ("Data 4 dari 7 OPD (2 terlambat); 2 belum diverifikasi; 3 belum "
                           "lapor (1 masih draf).")
    assert not c.berjalan and c.periode == "Maret 2025"
    assert c.untuk(3) == S.DIAJUKAN and c.untuk(99) == S.BELUM_LAPOR
    assert c.sebagai_dict() == {
        "opd": 7, "diverifikasi": 2, "diajukan": 1, "dikembalikan": 1, "draf": 1,
        "belum_lapor": 2, "terlambat": 2, "batas_lapor": "2025-04-10T23:59:59+07:00",
        "masa_lapor_berjalan": False}
    assert hitung_cakupan(2025, 3, [], batas, sekarang=batas).berjalan


def _batas(tahun, bulan, ditetapkan=None):
    return (ditetapkan or {}).get((tahun, bulan)) or batas_lapor(tahun, bulan, 10, WIB)


@pytest.mark.parametrize(("sekarang", "harapan"), [
    (w(2026, 12, 6, 9), (2026, 10)),  # November is due on 10 December
    (w(2026, 12, 10, 23, 59), (2026, 10)),
    (w(2026, 12, 11, 0, 1), (2026, 11)),
    (w(2027, 1, 5), (2026, 11)),  # January: a month of the previous year
    (w(2027, 1, 11), (2026, 12)),
    (w(2027, 2, 1), (2026, 12)),
])
def test_the_leaders_month_is_the_last_one_whose_deadline_has_passed(sekarang, harapan):
    assert bulan_jatuh_tempo_terakhir(sekarang, _batas) == harapan


def test_a_deadline_the_verifier_set_is_respected():
    ditetapkan = {(2026, 11): w(2026, 12, 3, 16), (2026, 10): w(2026, 12, 20)}
    batas = lambda t, b: _batas(t, b, ditetapkan)  # noqa: E731
    assert bulan_jatuh_tempo_terakhir(w(2026, 12, 6), batas) == (2026, 11)
    # October extended past November's deadline: November is due, October is not.
    assert bulan_jatuh_tempo_terakhir(w(2026, 12, 2), batas) == (2026, 9)
