"""The demo's monthly reports, as they stand on HARI_INI: every month due reported — mostly
verified, some late, a few returned — except a few OPD still outstanding in the last month due;
the month after it open to fill. A report not in has no realisasi or fisik."""

import datetime

import pytest
from django.utils import timezone

from budget.models import RealisasiFisik, RealisasiKeuangan
from demo.laporan import muat_laporan_demo
from demo.load import hapus_demo, muat_demo
from reporting.matriks import Ketepatan, matriks
from reporting.models import LaporanBulanan, Permasalahan, StatusLaporan, StatusPermasalahan

pytestmark = pytest.mark.django_db

HARI_INI = datetime.date(2026, 12, 6)  # October 2026 is the last month due, November is open
SEKARANG = datetime.datetime(2026, 12, 6, 9, tzinfo=timezone.get_default_timezone())


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        muat_demo(hari_ini=HARI_INI)
        jumlah = muat_laporan_demo(HARI_INI)
    yield jumlah
    with django_db_blocker.unblock():
        hapus_demo()


def test_2025_is_all_reported_mostly_verified_with_late_and_returned_reports():
    m = matriks(2025, sekarang=SEKARANG)
    sel = [s for r in m.baris for s in r.sel]
    jenis = {k: sum(s.ketepatan == k for s in sel) for k in Ketepatan}
    assert jenis[Ketepatan.TERLAMBAT] >= 20
    # Every report of a seed year is in: its figures are the Rakor's, to the sen.
    assert jenis[Ketepatan.BELUM_LAPOR] == jenis[Ketepatan.BELUM_JATUH_TEMPO] == 0
    assert sum(s.dikembalikan for s in sel) >= 5
    verified = LaporanBulanan.objects.filter(tahun__tahun=2025,
                                             status=StatusLaporan.DIVERIFIKASI).count()
    assert verified > 0.85 * len(sel)
    assert m.total.persen_tepat_waktu < m.total.persen_diterima == 100


def test_2026_is_reported_up_to_october_and_november_is_open():
    bulan = set(LaporanBulanan.objects.filter(tahun__tahun=2026).values_list("bulan", flat=True))
    assert bulan == set(range(1, 11))
    oktober = LaporanBulanan.objects.filter(tahun__tahun=2026, bulan=10)
    assert oktober.filter(status=StatusLaporan.DIAJUKAN).exists()  # waiting for the verifier
    assert oktober.filter(status=StatusLaporan.DIVERIFIKASI).exists()
    m = matriks(2026, sekarang=SEKARANG)
    okt = [r.sel[9].ketepatan for r in m.baris]
    assert 1 <= okt.count(Ketepatan.BELUM_LAPOR) <= 9  # some OPD have not reported yet
    assert okt.count(Ketepatan.BELUM_LAPOR) + oktober.count() == len(m.baris) == 49
    assert all(r.sel[b].ketepatan != Ketepatan.BELUM_LAPOR for r in m.baris for b in range(9))
    assert {r.sel[10].ketepatan for r in m.baris} == {Ketepatan.BELUM_JATUH_TEMPO}
    assert sum(r.sel[b].ketepatan == Ketepatan.TERLAMBAT for r in m.baris for b in range(10)) >= 10


def test_an_opd_month_has_realisasi_and_fisik_only_when_its_report_was_submitted():
    dilaporkan = set(LaporanBulanan.objects.filter(pertama_diajukan_pada__isnull=False)
                     .values_list("tahun__tahun", "opd_id", "bulan"))
    assert not LaporanBulanan.objects.filter(pertama_diajukan_pada__isnull=True).exists()
    keuangan = set(RealisasiKeuangan.objects.values_list(
        "rincian__tahun__tahun", "rincian__opd_id", "bulan").distinct())
    fisik = set(RealisasiFisik.objects.values_list("tahun__tahun", "opd_id", "bulan").distinct())
    assert keuangan <= dilaporkan and fisik <= dilaporkan
    assert len(keuangan) > 0.95 * len(dilaporkan) and len(fisik) > 0.95 * len(dilaporkan)
    # A returned report keeps what was submitted until it is submitted again.
    kembali = LaporanBulanan.objects.filter(tahun__tahun=2026, status=StatusLaporan.DIKEMBALIKAN)
    assert kembali.exists()
    assert all((2026, lap.opd_id, lap.bulan) in keuangan for lap in kembali)


def test_permasalahan_are_raised_only_in_months_their_opd_reported():
    dilaporkan = set(LaporanBulanan.objects.values_list("tahun_id", "opd_id", "bulan"))
    for p in Permasalahan.objects.all():
        assert (p.tahun_id, p.opd_id, p.bulan) in dilaporkan
        if p.bulan_selesai:
            assert (p.tahun_id, p.opd_id, p.bulan_selesai) in dilaporkan


def test_every_submitted_report_has_its_workflow_log():
    for lap in LaporanBulanan.objects.filter(tahun__tahun=2025).prefetch_related("riwayat")[:50]:
        langkah = [(r.dari, r.ke) for r in lap.riwayat.all()]
        assert langkah[0] == ("draft", "diajukan")
        assert langkah[-1][1] == lap.status


def test_permasalahan_are_open_and_closed_on_sub_kegiatan_that_lag():
    assert Permasalahan.objects.filter(status=StatusPermasalahan.TERBUKA).count() > 50
    assert Permasalahan.objects.filter(status=StatusPermasalahan.SELESAI).exists()
    assert not Permasalahan.objects.filter(uraian="").exists()


def test_the_current_year_s_matrix_page_shows_the_demos_kinds_of_report_and_rates(
        client, django_user_model):
    import re

    import time_machine

    from lib.rupiah import persen

    with time_machine.travel(SEKARANG, tick=False):
        m = matriks(2026)
        client.force_login(django_user_model.objects.get(username="verifikator"))
        html = client.get("/laporan/matriks/2026/").content.decode()
    for kelas in ("sel--tepat", "sel--terlambat", "sel--kembali", "sel--belum"):
        assert re.search(rf'<td class="sel {kelas}', html), kelas
    assert re.search(r">\+\d+ hr<", html)  # days late, in the cell
    assert f"{m.total.diterima} diajukan ({persen(m.total.persen_diterima)})" in html
    assert f"{m.total.tepat_waktu} tepat waktu ({persen(m.total.persen_tepat_waktu)})" in html
    assert m.total.diharapkan == 49 * 10
    assert html.count('<td class="sel sel--') == len(m.baris) * 12 == 49 * 12


def test_every_submitted_demo_report_keeps_what_it_carried_at_submission():
    from decimal import Decimal

    from budget.models import RealisasiKeuangan
    from reporting.models import SnapshotLaporan

    diajukan = LaporanBulanan.objects.filter(pertama_diajukan_pada__isnull=False)
    assert SnapshotLaporan.objects.count() == diajukan.count()
    lap = diajukan.filter(tahun__tahun=2025, bulan=11).select_related("opd").first()
    snap = lap.snapshot.get()
    assert snap.nomor == 1 and snap.dibuat_pada == lap.pertama_diajukan_pada
    total = sum(Decimal(v["realisasi"]) for v in snap.data["baris"].values())
    assert total == sum(RealisasiKeuangan.objects.filter(
        rincian__opd=lap.opd, rincian__tahun=lap.tahun, bulan=11).values_list("jumlah", flat=True))
    assert snap.data["fisik"]  # the sub kegiatan's fisik of that month
