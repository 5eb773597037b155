"""The demo's monthly reports: mostly verified, some late, a few returned or missing; the
current year up to the last closed month, so the current month is open to fill."""

import pytest

from budget.demo import hapus_demo, muat_demo
from reporting.demo import hari_ini_demo, muat_laporan_demo
from reporting.matriks import Ketepatan, matriks
from reporting.models import LaporanBulanan, Permasalahan, StatusLaporan, StatusPermasalahan

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        muat_demo()
        jumlah = muat_laporan_demo()
    yield jumlah
    with django_db_blocker.unblock():
        hapus_demo()


def test_the_demo_today_follows_the_last_reported_month():
    h = hari_ini_demo()
    assert (h.year, h.month, h.day) == (2026, 11, 20)


def test_2025_is_mostly_verified_with_late_returned_and_missing_reports():
    m = matriks(2025, sekarang=hari_ini_demo())
    sel = [s for r in m.baris for s in r.sel]
    jenis = {k: sum(s.ketepatan == k for s in sel) for k in Ketepatan}
    assert jenis[Ketepatan.TERLAMBAT] >= 20
    assert 1 <= jenis[Ketepatan.BELUM_LAPOR] <= 40
    assert jenis[Ketepatan.BELUM_JATUH_TEMPO] == 0
    assert sum(s.dikembalikan for s in sel) >= 5
    verified = LaporanBulanan.objects.filter(tahun__tahun=2025,
                                             status=StatusLaporan.DIVERIFIKASI).count()
    assert verified > 0.85 * len(sel)
    assert m.total.persen_tepat_waktu < m.total.persen_diterima < 100


def test_2026_is_reported_up_to_october_and_november_is_open():
    bulan = set(LaporanBulanan.objects.filter(tahun__tahun=2026).values_list("bulan", flat=True))
    assert bulan == set(range(1, 11))
    oktober = LaporanBulanan.objects.filter(tahun__tahun=2026, bulan=10)
    assert oktober.filter(status=StatusLaporan.DIAJUKAN).exists()  # waiting for the verifier


def test_every_submitted_report_has_its_workflow_log():
    for lap in LaporanBulanan.objects.filter(tahun__tahun=2025).prefetch_related("riwayat")[:50]:
        langkah = [(r.dari, r.ke) for r in lap.riwayat.all()]
        assert langkah[0] == ("draft", "diajukan")
        assert langkah[-1][1] == lap.status


def test_permasalahan_are_open_and_closed_on_sub_kegiatan_that_lag():
    assert Permasalahan.objects.filter(status=StatusPermasalahan.TERBUKA).count() > 50
    assert Permasalahan.objects.filter(status=StatusPermasalahan.SELESAI).exists()
    assert not Permasalahan.objects.filter(uraian="").exists()


def test_the_2025_matrix_page_shows_the_demos_kinds_of_report_and_rates(client, django_user_model):
    import re

    from lib.rupiah import persen

    m = matriks(2025)
    client.force_login(django_user_model.objects.get(username="verifikator"))
    html = client.get("/laporan/matriks/2025/").content.decode()
    for kelas in ("sel--tepat", "sel--terlambat", "sel--kembali", "sel--belum"):
        assert re.search(rf'<td class="sel {kelas}', html), kelas
    assert re.search(r">\+\d+ hr<", html)  # days late, in the cell
    assert f"{m.total.diterima} diajukan ({persen(m.total.persen_diterima)})" in html
    assert f"{m.total.tepat_waktu} tepat waktu ({persen(m.total.persen_tepat_waktu)})" in html
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
