"""The kinerja demo over the Lampung Barat budget demo: an indicator for every program,
kegiatan and sub kegiatan of each OPD, the reported quarters' realisasi with a spread of
capaian, faktor for each OPD, the seed's 1.058 balita stunting, and E.81 whose Rp equal the
dashboard's."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from budget.models import PerangkatDaerah, RincianAnggaran
from demo import kinerja as kinerja_demo
from demo.laporan import muat_laporan_demo
from demo.load import hapus_demo, muat_demo
from evaluation.queries import hitung_rekap
from kinerja.evaluasi import form_e81, nilai_k, realisasi_indikator
from kinerja.models import (
    EvaluasiTriwulan,
    IndikatorKinerja,
    NilaiIndikatorPemda,
    RealisasiIndikator,
    Tingkat,
)
from kinerja.triwulan import blokir_pengajuan
from lib.figures import Kategori
from reporting.models import LaporanBulanan, StatusLaporan

pytestmark = pytest.mark.django_db
DINKES = "1.02.0.00.0.00.01.0000"


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        muat_demo()
        muat_laporan_demo()
        jumlah = kinerja_demo.muat_kinerja_demo()
    yield jumlah
    with django_db_blocker.unblock():
        kinerja_demo.hapus_kinerja_demo()
        hapus_demo()


def test_every_budgeted_sub_kegiatan_program_and_kegiatan_has_an_indicator(demo):
    for tahun in (2025, 2026):
        dianggarkan = set(RincianAnggaran.objects.filter(tahun__tahun=tahun).values_list(
            "opd_id", "sub_kegiatan_id"))
        ada = set(IndikatorKinerja.objects.filter(
            tahun__tahun=tahun, tingkat=Tingkat.SUB_KEGIATAN).values_list("opd_id",
                                                                           "sub_kegiatan_id"))
        assert dianggarkan == ada
        program = set(RincianAnggaran.objects.filter(tahun__tahun=tahun).values_list(
            "opd_id", "sub_kegiatan__kegiatan__program_id"))
        assert program == set(IndikatorKinerja.objects.filter(
            tahun__tahun=tahun, tingkat=Tingkat.PROGRAM).values_list("opd_id", "program_id"))
    assert demo["indikator"] == IndikatorKinerja.objects.count()


def test_the_reported_quarters_have_realisasi_with_a_spread_of_capaian(demo):
    dinkes = PerangkatDaerah.objects.get(kode=DINKES)
    f = form_e81(2025, 4, dinkes)
    assert all(k.tw[0] is not None for k in f.nilai_k)
    indikator = list(IndikatorKinerja.objects.filter(tahun__tahun=2025))
    realisasi = realisasi_indikator(indikator)
    predikat = Counter(nilai_k(i, realisasi[i.pk], 4).predikat for i in indikator)
    assert set(predikat) >= set(Kategori), predikat  # every band, across the pemda
    lebih = RealisasiIndikator.objects.exclude(penjelasan="")
    assert lebih.exists()  # some above 150% of target, each explained
    assert not RealisasiIndikator.objects.filter(indikator__tahun__tahun=2025, triwulan=4,
                                                 indikator__opd=dinkes).filter(nilai__lt=0)


def test_e81_of_dinas_kesehatan_holds_the_dashboards_realisasi(demo):
    dinkes = PerangkatDaerah.objects.get(kode=DINKES)
    f = form_e81(2025, 3, dinkes)
    assert f.total.tahun_ini == hitung_rekap(2025, 9).rekap.untuk_opd(dinkes.pk).angka.realisasi
    assert f.evaluasi is not None and f.evaluasi.faktor_penghambat


def test_every_opd_writes_faktor_for_each_quarter_it_reported(demo):
    dilaporkan = set(LaporanBulanan.objects.filter(bulan__in=(3, 6, 9, 12)).exclude(
        status=StatusLaporan.DRAFT).values_list("tahun_id", "opd_id", "bulan"))
    ditulis = {(t, o, tw * 3) for t, o, tw in EvaluasiTriwulan.objects.filter(
        opd__isnull=False).values_list("tahun_id", "opd_id", "triwulan")}
    assert dilaporkan == ditulis and len(ditulis) > 100
    pemda = set(EvaluasiTriwulan.objects.filter(opd=None).values_list("tahun_id", "triwulan"))
    assert pemda == {(t, b // 3) for t, _, b in dilaporkan}  # Bappeda's, for E.79


def test_no_submitted_report_holds_an_unexplained_warning(demo):
    for lap in LaporanBulanan.objects.filter(bulan__in=(3, 6, 9, 12)).exclude(
            status=StatusLaporan.DRAFT).select_related("tahun")[:200]:
        assert blokir_pengajuan(lap) == [], lap


def test_the_seed_stunting_figure_and_the_outcome_indicators(demo):
    stunting = NilaiIndikatorPemda.objects.get(indikator__nama="Jumlah balita stunting",
                                               tahun=2023, bulan=6)
    assert stunting.nilai == Decimal(1058)
    assert demo["indikator_pemda"] == 4
    assert stunting.indikator.sub_kegiatan.filter(nama__icontains="stunting").exists()


def test_the_demo_is_deterministic(demo):
    from budget.models import TahunAnggaran

    ta = TahunAnggaran.objects.get(tahun=2025)
    kode = dict(PerangkatDaerah.objects.values_list("pk", "kode"))
    ciri = [(i.opd_id, i.nomenklatur.kode, i.nomor, i.uraian, i.target, i.target_tw2)
            for i in kinerja_demo._indikator_tahun(ta, kode)]  # noqa: SLF001
    tersimpan = [(i.opd_id, i.nomenklatur.kode, i.nomor, i.uraian, i.target, i.target_tw2)
                 for i in IndikatorKinerja.objects.filter(tahun=ta).order_by("pk")
                 .select_related("program", "kegiatan", "sub_kegiatan")]
    assert ciri == tersimpan
