"""Reconciliation functions: SIPD's month per line, and accepting it through the service."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget.models import RealisasiKeuangan
from exchange.sipd.realisasi import impor_sipd_realisasi
from exchange.sipd.rekonsiliasi import rekonsiliasi, sipd_per_rincian, terima_sipd
from reporting import services
from reporting.models import StatusLaporan

from .sipd_bantu import OKT, D, buat_apbd, standar, tulis


@pytest.fixture
def anggaran(db, tmp_path):
    a = buat_apbd()
    impor_sipd_realisasi(tulis(tmp_path / "sipd.csv", standar()), tanggal=OKT,
                         hari_ini=datetime.date(2025, 11, 5))
    a["verif"] = buat_pengguna("verif", Peran.VERIFIKATOR)
    return a


@pytest.fixture(autouse=True)
def waktu():
    with time_machine.travel(timezone.make_aware(datetime.datetime(2025, 11, 5, 10)), tick=False):
        yield


def test_sipd_per_rincian_is_sipd_cumulative_minus_siap_to_last_month(anggaran):
    lap = services.laporan_untuk(anggaran["opd"], 2025, 10)
    assert sipd_per_rincian(lap) == {anggaran["dau"].pk: D("158.82"),
                                     anggaran["pad"].pk: D("441.18"),
                                     anggaran["modal"].pk: D("250.00")}
    # September changed afterwards in SIAP: SIPD's October becomes what reconciles the total
    RealisasiKeuangan.objects.filter(rincian=anggaran["dau"], bulan=9).update(jumlah=D(50))
    assert sipd_per_rincian(lap)[anggaran["dau"].pk] == D("208.82")
    RealisasiKeuangan.objects.filter(rincian=anggaran["dau"], bulan=9).update(jumlah=D(300))
    assert anggaran["dau"].pk not in sipd_per_rincian(lap)  # below SIAP's September: left out
    with pytest.raises(services.LaporanDitolak, match="lebih kecil dari realisasi SIAP"):
        terima_sipd(lap, anggaran["verif"])


def test_a_verified_report_is_not_changed(anggaran):
    lap = services.laporan_untuk(anggaran["opd"], 2025, 10)
    lap.status = StatusLaporan.DIVERIFIKASI
    lap.save()
    RealisasiKeuangan.objects.filter(rincian=anggaran["modal"], bulan=10).update(jumlah=D(1))
    with pytest.raises(services.LaporanDitolak, match="sudah diverifikasi"):
        terima_sipd(lap, anggaran["verif"])
    assert RealisasiKeuangan.objects.get(rincian=anggaran["modal"], bulan=10).jumlah == D(1)


def test_no_import_for_the_month(anggaran):
    lap = services.laporan_untuk(anggaran["opd"], 2025, 9)
    assert sipd_per_rincian(lap) == {}
    with pytest.raises(services.LaporanDitolak, match="Belum ada impor realisasi SIPD"):
        terima_sipd(lap, anggaran["verif"])


def test_the_reconciliation_per_opd_in_five_queries(anggaran, django_assert_num_queries):
    RealisasiKeuangan.objects.filter(rincian=anggaran["modal"], bulan=10).update(jumlah=D(300))
    with django_assert_num_queries(5):
        impor, baris = rekonsiliasi(2025, 10)
        [b] = baris
    assert (b.siap, b.sipd, b.selisih) == (D("1500.00"), D("1450.00"), D("50.00"))
    assert rekonsiliasi(2025, 9)[0] is None
