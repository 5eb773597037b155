"""The query layer: the version in force, exact sums, constant query count."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget import testing as t
from budget.models import JenisVersi
from evaluation.queries import hitung_rekap

D = Decimal
pytestmark = pytest.mark.django_db


def test_sums_of_sixteen_significant_digits_are_exact_to_the_sen():
    # Django reads SQLite decimals with 15 significant digits; the pemda total has 16.
    o = t.opd()
    amounts = ["400000000000.01", "400000000000.01", "294182195169.00"]
    for i, pagu in enumerate(amounts):
        t.rincian(o=o, sub=f"1.02.02.2.01.000{i + 1}", pagu=pagu,
                  realisasi={1: pagu, 2: "0.01"})
    total = hitung_rekap(2025, 11).rekap.total
    assert total.pagu == D("1094182195169.02")
    assert total.realisasi == D("1094182195169.05")


def test_the_version_in_force_at_the_cut_off_gives_pagu_and_target():
    o = t.opd()
    murni = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1))
    perubahan = t.versi(2025, JenisVersi.PERUBAHAN, datetime.date(2025, 10, 1))
    t.rincian(o=o, pagu="1200", v=murni, ak=[100] * 12, realisasi={1: 100, 2: 100})
    t.rincian(o=o, pagu="2400", v=perubahan, ak=[100] * 9 + [500] * 3, realisasi={10: 50})

    sept = hitung_rekap(2025, 9)
    assert sept.data.versi == murni
    assert sept.rekap.total.pagu == D(1200)
    assert sept.rekap.total.target_anggaran_kas == D(900)

    okt = hitung_rekap(2025, 10)
    assert okt.data.versi == perubahan
    assert okt.rekap.total.pagu == D(2400)
    assert okt.rekap.total.target_anggaran_kas == D(1400)
    # realisasi belongs to the line, not the version: it carries over
    assert okt.rekap.total.realisasi == D(250)


def test_a_line_dropped_by_the_new_version_keeps_its_realisasi_with_zero_pagu():
    o = t.opd()
    murni = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1))
    perubahan = t.versi(2025, JenisVersi.PERUBAHAN, datetime.date(2025, 9, 15))
    t.rincian(o=o, sub="1.02.02.2.01.0001", pagu="1200", v=murni, realisasi={3: 300})
    t.rincian(o=o, sub="1.02.02.2.01.0002", pagu="1200", v=murni)
    t.rincian(o=o, sub="1.02.02.2.01.0002", pagu="1500", v=perubahan)
    r = hitung_rekap(2025, 12).rekap
    assert r.total.pagu == D(1500)
    assert r.total.realisasi == D(300)


def test_months_after_the_cut_off_are_not_counted():
    o = t.opd()
    t.rincian(o=o, pagu="1200", realisasi={1: 10, 6: 20, 7: 40})
    r = hitung_rekap(2025, 6).rekap
    assert r.total.realisasi == D(30)
    assert r.total.target_anggaran_kas == D(600)


def test_no_version_yet_gives_zero_pagu_not_an_error():
    t.tahun(2026)
    r = hitung_rekap(2026, 1).rekap
    assert r.total.pagu == D(0)
    assert r.total.persen_realisasi is None


def test_fisik_uses_the_latest_report_at_or_before_the_cut_off():
    o = t.opd()
    t.rincian(o=o, sub="1.03.03.2.01.0001", pagu="1000")
    t.fisik(o, "1.03.03.2.01.0001", 3, realisasi=10, target=20)
    t.fisik(o, "1.03.03.2.01.0001", 5, realisasi=35, target=50)
    t.fisik(o, "1.03.03.2.01.0001", 8, realisasi=70, target=90)
    r = hitung_rekap(2025, 6).rekap
    assert r.total.fisik == D(35)
    assert r.total.target_fisik == D(50)
    assert hitung_rekap(2025, 2).rekap.total.fisik == D(0)


def test_each_opd_is_summed_on_its_own_lines():
    a = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    b = t.opd("1.03.0.00.0.00.01.0000", "Dinas PUPR")
    t.rincian(o=a, pagu="1000", ak=[100] * 10 + [0, 0], realisasi={1: 100})
    t.rincian(o=b, sub="1.03.03.2.01.0001", pagu="500", sd="DAK_FISIK", jb="5.2.04",
              ak=[50] * 10 + [0, 0], realisasi={1: 10})
    h = hitung_rekap(2025, 2)
    ra = h.rekap.untuk_opd(a.pk).angka
    rb = h.rekap.untuk_opd(b.pk).angka
    assert (ra.pagu, ra.target_anggaran_kas, ra.realisasi) == (D(1000), D(200), D(100))
    assert (rb.pagu, rb.target_anggaran_kas, rb.realisasi) == (D(500), D(100), D(10))
    assert [k.kunci for k in h.rekap.opd] == [a.pk, b.pk]  # capaian 50% before 10%
    by_sd = {h.data.sumber_dana[k.kunci].kode: k.angka.realisasi for k in h.rekap.sumber_dana}
    assert by_sd == {"DAU": D(100), "DAK_FISIK": D(10)}


def _buat_opd(dari, sampai):
    for i in range(dari, sampai):
        o = t.opd(f"9.99.0.00.0.00.{i:02d}.0000", f"OPD {i}")
        for j in range(3):
            t.rincian(o=o, sub=f"1.02.02.2.01.{j + 1:04d}", pagu=1200 + i,
                      realisasi={1: 10, 2: 20})
        t.fisik(o, "1.02.02.2.01.0001", 2, realisasi=5, target=10)


def _jumlah_query(n_opd):
    with CaptureQueriesContext(connection) as ctx:
        h = hitung_rekap(2025, 11)
    assert len(h.rekap.opd) == n_opd
    return len(ctx.captured_queries)


def test_query_count_is_the_same_for_5_and_50_opd():
    _buat_opd(0, 5)
    small = _jumlah_query(5)
    _buat_opd(5, 50)
    large = _jumlah_query(50)
    assert small == large
    assert small <= 10
