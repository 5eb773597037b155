"""``hitung_indeks`` over the database: the inputs of each component (monthly anggaran kas and
realisasi, fisik, report deadlines, returned reports), the previous quarter, OPD without pagu,
and a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budget import testing as t
from evaluation.indeks import BOBOT_BAWAAN, Bobot
from evaluation.indeks_data import hitung_indeks
from reporting.models import LaporanBulanan, PeriodePelaporan, RiwayatLaporan, StatusLaporan

pytestmark = pytest.mark.django_db
D = Decimal
SEKARANG = timezone.make_aware(datetime.datetime(2025, 7, 20, 12))


def _pada(tahun, bulan, hari, jam=10):
    return timezone.make_aware(datetime.datetime(tahun, bulan, hari, jam))


def _lapor(o, bulan, pada, *, dikembalikan_oleh=None):
    lap = LaporanBulanan.objects.create(
        tahun=t.tahun(), opd=o, bulan=bulan, status=StatusLaporan.DIVERIFIKASI,
        pertama_diajukan_pada=pada, diajukan_pada=pada)
    if dikembalikan_oleh is not None:
        RiwayatLaporan.objects.create(laporan=lap, dari=StatusLaporan.DIAJUKAN,
                                      ke=StatusLaporan.DIKEMBALIKAN, oleh=dikembalikan_oleh,
                                      pada=pada + datetime.timedelta(days=1), catatan="Perbaiki.")
    return lap


@pytest.fixture
def pupr(db):
    return t.opd("1.03.0.00.0.00.01.0000", "Dinas PUPR")


@pytest.fixture
def data(dinkes, pupr, verifikator):
    # Dinkes: 100 a month planned; spends 100, 60, 80, 100, 100, 100 -> TW I deviations
    # 0, 40, 20; TW II three more months on plan.
    t.rincian(o=dinkes, pagu=1200, ak=[100] * 12,
              realisasi={1: 100, 2: 60, 3: 80, 4: 100, 5: 100, 6: 100})
    t.fisik(dinkes, "1.02.02.2.01.0001", 3, realisasi=20, target=25)
    t.fisik(dinkes, "1.02.02.2.01.0001", 6, realisasi=50, target=50)
    # PUPR: exactly on plan, fisik ahead of target.
    t.rincian(o=pupr, sub="1.03.03.2.01.0001", pagu=2400, ak=[200] * 12,
              realisasi={b: 200 for b in range(1, 7)})
    t.fisik(pupr, "1.03.03.2.01.0001", 3, realisasi=30, target=25)
    t.fisik(pupr, "1.03.03.2.01.0001", 6, realisasi=60, target=50)
    # Reports: default deadline the 10th of the next month; March's moved to 20 April.
    PeriodePelaporan.objects.create(tahun=t.tahun(), bulan=3,
                                    batas_lapor=_pada(2025, 4, 20, 23))
    _lapor(dinkes, 1, _pada(2025, 2, 9))
    _lapor(dinkes, 2, _pada(2025, 3, 12), dikembalikan_oleh=verifikator)  # late, returned
    _lapor(dinkes, 3, _pada(2025, 4, 15))  # on time thanks to the period's deadline
    for b in range(1, 7):
        _lapor(pupr, b, _pada(2025, b + 1, 5))


def _komponen(n):
    return {k.kode: k.nilai for k in n.komponen}


def test_tw_i_components_come_from_the_data(data, dinkes, pupr):
    h = hitung_indeks(2025, 3, BOBOT_BAWAAN, sekarang=SEKARANG)
    assert (h.triwulan, h.bulan_sebelumnya) == (1, None)
    k = _komponen(h.untuk_opd(dinkes.pk))
    assert k["penyerapan"] == D(80)  # 240 / 300
    assert k["deviasi"] == D(100) * D(30) / D(45)  # mean deviation 20%
    assert k["fisik"] == D(80)  # 20 / 25
    assert k["ketepatan"] == D(200) / D(3)  # February late
    assert k["kualitas"] == D(200) / D(3)  # February returned
    assert _komponen(h.untuk_opd(pupr.pk)) == {
        "penyerapan": D(100), "deviasi": D(100), "fisik": D(100), "ketepatan": D(100),
        "kualitas": D(100)}
    assert [b.opd_id for b in h.baris] == [pupr.pk, dinkes.pk]
    assert [b.peringkat for b in h.baris] == [1, 2]
    assert h.untuk_opd(pupr.pk).nilai == D(100)
    assert all(b.perubahan is None for b in h.baris)
    assert set(h.opd) == {dinkes.pk, pupr.pk}


def test_a_report_not_submitted_counts_late_only_after_its_deadline(data, dinkes):
    # Dinkes reported nothing for April–June.
    sebelum = hitung_indeks(2025, 4, BOBOT_BAWAAN, sekarang=_pada(2025, 5, 10, 12))
    assert _komponen(sebelum.untuk_opd(dinkes.pk))["ketepatan"] == D(200) / D(3)  # 2 of 3
    sesudah = hitung_indeks(2025, 4, BOBOT_BAWAAN, sekarang=_pada(2025, 5, 11, 12))
    n = sesudah.untuk_opd(dinkes.pk)
    assert _komponen(n)["ketepatan"] == D(50)  # 2 of 4
    assert "Belum diajukan: April" in n.komponen_kode("ketepatan").penjelasan


def test_tw_ii_shows_the_change_from_tw_i(data, dinkes, pupr):
    tw1 = hitung_indeks(2025, 3, BOBOT_BAWAAN, sekarang=SEKARANG)
    tw2 = hitung_indeks(2025, 6, BOBOT_BAWAAN, sekarang=SEKARANG)
    assert (tw2.triwulan, tw2.bulan_sebelumnya) == (2, 3)
    n = tw2.untuk_opd(dinkes.pk)
    assert n.perubahan == n.nilai - tw1.untuk_opd(dinkes.pk).nilai
    assert _komponen(n)["deviasi"] == D(100) * D(40) / D(45)  # mean deviation 10%
    assert tw2.untuk_opd(pupr.pk).perubahan == 0


def test_an_opd_without_pagu_is_listed_but_not_ranked(data, dinkes):
    kosong = t.opd("2.07.0.00.0.00.01.0000", "Dinas Tanpa Pagu")
    h = hitung_indeks(2025, 3, BOBOT_BAWAAN, sekarang=SEKARANG)
    assert h.untuk_opd(kosong.pk) is None
    assert h.tidak_dinilai == [kosong.pk]
    assert len(h.baris) == 2


def test_an_opd_without_target_fisik_is_scored_on_the_other_components(dinkes):
    t.rincian(o=dinkes, pagu=1200, ak=[100] * 12, realisasi={1: 100, 2: 100, 3: 100})
    h = hitung_indeks(2025, 3, BOBOT_BAWAAN, sekarang=SEKARANG)
    n = h.untuk_opd(dinkes.pk)
    assert _komponen(n)["fisik"] is None
    assert _komponen(n)["ketepatan"] == 0  # three reports past their deadline, none sent
    assert _komponen(n)["kualitas"] is None
    # penyerapan 100 (30), deviasi 100 (20), ketepatan 0 (15) over 65 points of weight
    assert n.nilai == D(5000) / D(65)


def test_weights_passed_in_are_used(data, dinkes):
    hanya_fisik = Bobot(D(0), D(0), D(100), D(0), D(0))
    h = hitung_indeks(2025, 3, hanya_fisik, sekarang=SEKARANG)
    assert h.bobot is hanya_fisik
    assert h.untuk_opd(dinkes.pk).nilai == D(80)


def test_the_default_weights_come_from_the_settings(data, dinkes, settings):
    settings.SIAP_BOBOT_INDEKS = Bobot(D(100), D(0), D(0), D(0), D(0))
    h = hitung_indeks(2025, 3, sekarang=SEKARANG)
    assert h.untuk_opd(dinkes.pk).nilai == D(80)


def _banyak(nomor, verifikator):
    for i in nomor:
        o = t.opd(f"9.99.0.00.0.00.{i:02d}.0000", f"OPD Uji {i}")
        t.rincian(o=o, sub="1.02.02.2.01.0001", pagu=1200 + i, realisasi={1: 10 + i, 4: 5})
        t.fisik(o, "1.02.02.2.01.0001", 2, realisasi=5, target=10)
        _lapor(o, 1, _pada(2025, 2, 20), dikembalikan_oleh=verifikator)
        _lapor(o, 4, _pada(2025, 5, 2))


def test_the_number_of_queries_does_not_depend_on_the_number_of_opd(db, verifikator):
    _banyak(range(2), verifikator)
    with CaptureQueriesContext(connection) as sedikit:
        h2 = hitung_indeks(2025, 5, BOBOT_BAWAAN, sekarang=SEKARANG)
    _banyak(range(2, 6), verifikator)
    with CaptureQueriesContext(connection) as banyak:
        h6 = hitung_indeks(2025, 5, BOBOT_BAWAAN, sekarang=SEKARANG)
    assert (len(h2.baris), len(h6.baris)) == (2, 6)
    assert len(sedikit.captured_queries) == len(banyak.captured_queries)
    assert len(banyak.captured_queries) <= 24
