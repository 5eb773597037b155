"""The optimised paths (issue #7 item 3) equal the plain computation on randomly generated data.

``hitung_rekap`` (group sums as integers, ``data.baris`` built only when read) must give every
figure of ``hitung_rekap_rujukan``; ``seri_kurva`` (the whole Kurva S summed by the database in
one query) must give every point of ``seri_kurva_rujukan``; the drill-down helpers must agree
with the lines. Hypothesis draws lines in zero, one or two versions, zero and huge amounts,
months with and without realisasi, fisik that goes up and down, and any cut-off month. The
same tests run on PostgreSQL in CI (its own SQL: ``DISTINCT ON``, ``numeric`` sums).
"""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget import testing as t
from budget.models import JenisVersi, RealisasiKeuangan, RincianAnggaran
from evaluation.kurva import seri_kurva
from evaluation.queries import hitung_rekap
from evaluation.telusur import baris_anggaran, jumlah_sub
from evaluation.tests.rujukan import hitung_rekap_rujukan, seri_kurva_rujukan
from evaluation.tests.test_optimasi import _sama

pytestmark = pytest.mark.django_db

OPD = [("1.02.0.00.0.00.01.0000", "Dinas A"), ("1.02.0.00.0.00.02.0000", "Dinas B"),
       ("1.02.0.00.0.00.03.0000", "Dinas C")]
SUB = [f"1.02.02.2.01.{i:04d}" for i in range(1, 5)]
SD = ["DAU", "PAD", "DAK_FISIK"]
JB = ["5.1.02", "5.2.03"]

# Amounts in sen: zero, a sen, ordinary, and the size of a big kabupaten's line.
sen = st.one_of(st.just(0), st.just(1), st.integers(0, 10**9), st.integers(10**12, 10**14))
persen_h = st.one_of(st.just(0), st.just(10000), st.integers(0, 10000))

baris_st = st.fixed_dictionaries({
    "opd": st.integers(0, len(OPD) - 1),
    "sub": st.integers(0, len(SUB) - 1),
    "sd": st.sampled_from(SD),
    "jb": st.sampled_from(JB),
    # in which versions the line has a pagu: none (only realisasi), murni, perubahan, both
    "versi": st.sets(st.sampled_from(["murni", "perubahan"]), max_size=2),
    "ak": st.lists(sen, min_size=12, max_size=12),
    "ak_perubahan": st.lists(sen, min_size=12, max_size=12),
    "realisasi": st.dictionaries(st.integers(1, 12), sen, max_size=12),
})
fisik_st = st.lists(
    st.tuples(st.integers(0, len(OPD) - 1), st.integers(0, len(SUB) - 1), st.integers(1, 12),
              persen_h, persen_h),
    max_size=20,
)
data_st = st.fixed_dictionaries({
    "baris": st.lists(baris_st, max_size=14),
    "fisik": fisik_st,
    "perubahan_berlaku": st.integers(1, 12),
    "bulan": st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True),
})


def _rp(x: int) -> Decimal:
    return Decimal(x).scaleb(-2)


def _muat(d: dict) -> list:
    murni = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1))
    perubahan = t.versi(2025, JenisVersi.PERUBAHAN,
                        datetime.date(2025, d["perubahan_berlaku"], 20))
    opd = [t.opd(kode=k, nama=n) for k, n in OPD]
    for b in d["baris"]:
        o, sub = opd[b["opd"]], SUB[b["sub"]]
        r = None
        for nama in sorted(b["versi"]):
            ak = [_rp(x) for x in (b["ak"] if nama == "murni" else b["ak_perubahan"])]
            r = t.rincian(o=o, sub=sub, sd=b["sd"], jb=b["jb"],
                          v=murni if nama == "murni" else perubahan, pagu=sum(ak), ak=ak)
        if r is None:  # a line with realisasi but no pagu in any version
            r = RincianAnggaran.objects.get_or_create(
                tahun=murni.tahun, opd=o, sub_kegiatan=t.sub_kegiatan(sub),
                sumber_dana=t.sumber_dana(b["sd"]), jenis_belanja=t.jenis_belanja(b["jb"]))[0]
        for bulan, x in b["realisasi"].items():
            RealisasiKeuangan.objects.update_or_create(rincian=r, bulan=bulan,
                                                       defaults={"jumlah": _rp(x)})
    for io, isub, bulan, real, target in d["fisik"]:
        t.fisik(opd[io], SUB[isub], bulan, realisasi=_rp(real), target=_rp(target))
    return opd


def _periksa(d: dict, opd: list) -> None:
    for bulan in d["bulan"]:
        _sama(2025, bulan)
        hasil, rujukan = hitung_rekap(2025, bulan), hitung_rekap_rujukan(2025, bulan)
        assert seri_kurva(2025, bulan) == seri_kurva_rujukan(2025, bulan)
        for o in opd:
            assert seri_kurva(2025, bulan, opd_id=o.pk) == seri_kurva_rujukan(2025, bulan,
                                                                               opd_id=o.pk)
        subs = {(b.opd, b.sub_kegiatan) for b in rujukan.data.baris}
        for o_id, s_id in subs:
            assert seri_kurva(2025, bulan, opd_id=o_id, sub_kegiatan_id=s_id) == \
                seri_kurva_rujukan(2025, bulan, opd_id=o_id, sub_kegiatan_id=s_id)
            assert hasil.data.fisik_sub(o_id, s_id) == rujukan.data.fisik_sub(o_id, s_id)
            assert jumlah_sub(hasil, o_id, s_id) == jumlah_sub(rujukan, o_id, s_id)
            assert [(b.rincian.pk, b.angka, b.anggaran_kas, b.kumulatif)
                    for b in baris_anggaran(hasil, o_id, s_id)] == \
                [(b.rincian.pk, b.angka, b.anggaran_kas, b.kumulatif)
                 for b in baris_anggaran(rujukan, o_id, s_id)]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(d=data_st)
def test_random_data_gives_the_figures_and_curves_of_the_plain_computation(d):
    with transaction.atomic():
        opd = _muat(d)
        _periksa(d, opd)
        transaction.set_rollback(True)


def test_fisik_going_down_and_huge_pagu_are_exact_in_the_curve():
    """Σ pagu × Δfisik is split in two integer sums in SQL (64-bit on SQLite); a line of
    10^12 rupiah at 100% and a fisik corrected downwards must still come out exact."""
    o = t.opd()
    big = Decimal("1000000000000.00")
    t.rincian(o=o, pagu=big, realisasi={1: Decimal("0.01")})
    t.rincian(o=o, sub="1.02.02.2.01.0002", pagu=Decimal("123456789012.34"))
    t.fisik(o, "1.02.02.2.01.0001", 2, realisasi=Decimal("100.00"), target=Decimal("99.99"))
    t.fisik(o, "1.02.02.2.01.0001", 5, realisasi=Decimal("37.51"), target=Decimal("0.01"))
    t.fisik(o, "1.02.02.2.01.0002", 3, realisasi=Decimal("0.01"), target=Decimal("100"))
    seri = seri_kurva(2025, 6)
    assert seri == seri_kurva_rujukan(2025, 6)
    total = big + Decimal("123456789012.34")
    assert seri.bulanan[1].fisik == big * 100 / total
    assert seri.bulanan[4].fisik == (big * Decimal("37.51")
                                     + Decimal("123456789012.34") * Decimal("0.01")) / total
    _sama(2025, 6)


def test_the_curve_takes_one_query_whatever_the_size(django_assert_num_queries):
    o = t.opd()
    t.rincian(o=o, pagu=1200, realisasi={1: 10})
    versi = hitung_rekap(2025, 11).data.versi
    with django_assert_num_queries(1):
        seri_kurva(2025, 11, versi=versi)
    for i in range(2, 30):
        t.rincian(o=t.opd(kode=f"1.02.0.00.0.00.{i:02d}.0000", nama=f"OPD {i}"),
                  sub=f"1.02.02.2.01.{i:04d}", pagu=1200, realisasi={1: 10, 2: 5})
        t.fisik(o, f"1.02.02.2.01.{i:04d}", 3, realisasi=50, target=60)
    with django_assert_num_queries(1):
        seri = seri_kurva(2025, 11, versi=versi)
    assert seri.bulanan[10].pagu == 29 * 1200
    with django_assert_num_queries(2):
        seri_kurva(2025, 11)


def test_the_figures_take_the_same_queries_whatever_the_size_and_lines_cost_one_at_most(
        django_assert_num_queries, django_assert_max_num_queries):
    o = t.opd()
    t.rincian(o=o, pagu=1200, realisasi={1: 10})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as kecil:
        hitung_rekap(2025, 11)
    for i in range(2, 40):
        t.rincian(o=t.opd(kode=f"1.02.0.00.0.00.{i:02d}.0000", nama=f"OPD {i}"),
                  sub=f"1.02.02.2.01.{i:04d}", sd=SD[i % 3], pagu=1200 + i,
                  realisasi={1: 10, 2: i})
        t.fisik(o, f"1.02.02.2.01.{i:04d}", 3, realisasi=50, target=60)
    with django_assert_num_queries(len(kecil.captured_queries)):
        hasil = hitung_rekap(2025, 11)
    # SQLite adds the figures up from the lines (fetched already); PostgreSQL adds them up
    # in SQL and fetches the lines when first read.
    with django_assert_max_num_queries(1 if connection.vendor == "postgresql" else 0):
        baris = hasil.data.baris
    assert len(baris) == 39
    assert baris == hitung_rekap_rujukan(2025, 11).data.baris


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(fisik=fisik_st, bulan=st.integers(1, 12))
def test_the_latest_fisik_kept_by_the_database_equals_the_reports(fisik, bulan):
    """``FisikTerakhir`` (kept by triggers) gives, at any cut-off, the latest report at or
    before it — the reference's own query over the source rows."""
    from budget.kumulatif import periksa
    from budget.models import BULAN_FISIK, BULAN_TARGET_FISIK, FisikTerakhir, RealisasiFisik, TargetFisik
    from evaluation.tests.rujukan import _fisik_terakhir

    with transaction.atomic():
        _muat({"baris": [], "fisik": fisik, "perubahan_berlaku": 9})
        assert periksa().cocok
        for model, kolom in ((RealisasiFisik, BULAN_FISIK), (TargetFisik, BULAN_TARGET_FISIK)):
            tersimpan = {(o, s): Decimal(h).scaleb(-2) for o, s, h in FisikTerakhir.objects.filter(
                tahun__tahun=2025).values_list("opd_id", "sub_kegiatan_id", kolom[bulan - 1])}
            rujukan = _fisik_terakhir(model, 2025, bulan)
            assert {k: v for k, v in tersimpan.items() if v or k in rujukan} == rujukan
        transaction.set_rollback(True)
