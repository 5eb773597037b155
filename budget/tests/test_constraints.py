"""The database refuses what must never happen, whatever code path writes it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from budget import testing as t
from budget.models import (
    BULAN_AK,
    JenisVersi,
    PaguAnggaran,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    SubKegiatan,
    TargetFisik,
    VersiAnggaran,
)

pytestmark = pytest.mark.django_db
D = Decimal


def _refused(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_negative_pagu_is_refused():
    r = t.rincian(pagu=1200)
    p = PaguAnggaran.objects.get(rincian=r)
    p.pagu, p.ak_12 = D(-1200), D(-1200) - sum(p.anggaran_kas[:11])
    _refused(p.save)


def test_anggaran_kas_must_add_up_to_pagu():
    r = t.rincian(pagu=1200)
    p = PaguAnggaran.objects.get(rincian=r)
    p.ak_01 += D("0.01")
    _refused(p.save)


def test_anggaran_kas_that_adds_up_to_the_sen_is_accepted():
    r = t.rincian(pagu="1000000.03", ak=["0.01"] * 3 + ["0"] * 8 + ["1000000.00"])
    assert PaguAnggaran.objects.get(rincian=r).pagu == D("1000000.03")


def test_negative_anggaran_kas_is_refused_even_when_the_sum_matches():
    r = t.rincian(pagu=1200, ak=[100] * 12)
    p = PaguAnggaran.objects.get(rincian=r)
    p.ak_01, p.ak_02 = D(300), D(-100)
    assert sum(getattr(p, f) for f in BULAN_AK) == p.pagu
    _refused(p.save)


def test_negative_realisasi_is_refused():
    r = t.rincian(pagu=1200)
    _refused(lambda: RealisasiKeuangan.objects.create(rincian=r, bulan=1, jumlah=D("-0.01")))


@pytest.mark.parametrize("bulan", [0, 13])
def test_month_outside_1_12_is_refused(bulan):
    r = t.rincian(pagu=1200)
    _refused(lambda: RealisasiKeuangan.objects.create(rincian=r, bulan=bulan, jumlah=1))


@pytest.mark.parametrize("persen", ["-0.01", "100.01"])
@pytest.mark.parametrize("model", [RealisasiFisik, TargetFisik])
def test_fisik_outside_0_100_is_refused(model, persen):
    o = t.opd()
    s = t.sub_kegiatan()
    _refused(lambda: model.objects.create(
        tahun=t.tahun(), opd=o, sub_kegiatan=s, bulan=1, persen=D(persen)))


def test_duplicate_realisasi_for_a_line_and_month_is_refused():
    r = t.rincian(pagu=1200, realisasi={1: 10})
    _refused(lambda: RealisasiKeuangan.objects.create(rincian=r, bulan=1, jumlah=5))


def test_duplicate_budget_line_is_refused():
    r = t.rincian(pagu=1200)
    _refused(lambda: RincianAnggaran.objects.create(
        tahun=r.tahun, opd=r.opd, sub_kegiatan=r.sub_kegiatan, sumber_dana=r.sumber_dana,
        jenis_belanja=r.jenis_belanja))


def test_two_versions_cannot_take_effect_on_the_same_day():
    v = t.versi()
    _refused(lambda: VersiAnggaran.objects.create(
        tahun=v.tahun, jenis=JenisVersi.PERGESERAN, nama="lain", berlaku_mulai=v.berlaku_mulai))


def test_version_date_outside_its_year_is_a_validation_error():
    v = VersiAnggaran(tahun=t.tahun(2025), jenis=JenisVersi.MURNI, nama="x",
                      berlaku_mulai=datetime.date(2024, 12, 31))
    with pytest.raises(ValidationError, match="di luar tahun anggaran 2025"):
        v.full_clean()


def test_sub_kegiatan_code_must_start_with_its_kegiatan_code():
    s = t.sub_kegiatan("1.02.02.2.01.0001")
    bad = SubKegiatan(kode="1.03.02.2.01.0001", nama="x", kegiatan=s.kegiatan)
    with pytest.raises(ValidationError, match="tidak diawali kode induknya 1.02.02.2.01"):
        bad.full_clean()
    bad.kode = "1.02.02.2.01.1"
    with pytest.raises(ValidationError, match="Format kode salah"):
        bad.full_clean()
