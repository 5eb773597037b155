import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget import testing as t
from reporting import services
from reporting.matriks import Ketepatan, ketepatan, matriks
from reporting.models import LaporanBulanan, PeriodePelaporan, StatusLaporan

from .conftest import waktu

BATAS_JAN = waktu(2025, 2, 10, 0).replace(hour=23, minute=59, second=59)


def test_deadline_is_the_10th_of_the_next_month_at_23_59_jakarta():
    b = services.batas_waktu(2025, 1)
    assert (b.year, b.month, b.day, b.hour, b.minute) == (2025, 2, 10, 23, 59)
    assert b.utcoffset().total_seconds() == 7 * 3600
    assert services.batas_waktu(2025, 12).date().isoformat() == "2026-01-10"


def test_timeliness_kinds():
    assert ketepatan(BATAS_JAN, waktu(2025, 2, 10, 23), waktu(2025, 6, 1)) == (
        Ketepatan.TEPAT_WAKTU, 0)
    assert ketepatan(BATAS_JAN, waktu(2025, 2, 12, 9), waktu(2025, 6, 1)) == (
        Ketepatan.TERLAMBAT, 2)
    assert ketepatan(BATAS_JAN, None, waktu(2025, 2, 5))[0] is Ketepatan.BELUM_JATUH_TEMPO
    assert ketepatan(BATAS_JAN, None, waktu(2025, 2, 15))[0] is Ketepatan.BELUM_LAPOR


@pytest.mark.django_db
def test_matrix_shows_on_time_late_returned_and_missing_with_rates(settings):
    a = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    b = t.opd("1.03.0.00.0.00.01.0000", "Dinas PUPR")
    t.opd("1.04.0.00.0.00.01.0000", "Dinas tanpa anggaran")
    for o in (a, b):
        t.rincian(o=o, pagu=1200)
    ta = t.tahun(2025)
    LaporanBulanan.objects.create(tahun=ta, opd=a, bulan=1, status=StatusLaporan.DIVERIFIKASI,
                                  pertama_diajukan_pada=waktu(2025, 2, 3))
    LaporanBulanan.objects.create(tahun=ta, opd=b, bulan=1, status=StatusLaporan.DIKEMBALIKAN,
                                  pertama_diajukan_pada=waktu(2025, 2, 14))
    LaporanBulanan.objects.create(tahun=ta, opd=a, bulan=2, status=StatusLaporan.DRAFT)
    PeriodePelaporan.objects.create(tahun=ta, bulan=2, batas_lapor=waktu(2025, 3, 20))

    with CaptureQueriesContext(connection) as ctx:
        m = matriks(2025, sekarang=waktu(2025, 3, 15))
    assert len(ctx.captured_queries) <= 4
    assert [r.opd.nama for r in m.baris] == ["Dinas Kesehatan", "Dinas PUPR"]
    sa, sb = m.baris[0].sel, m.baris[1].sel
    assert (sa[0].ketepatan, sa[0].status) == (Ketepatan.TEPAT_WAKTU, "diverifikasi")
    assert (sb[0].ketepatan, sb[0].hari_terlambat, sb[0].dikembalikan) == (
        Ketepatan.TERLAMBAT, 4, True)
    # February's deadline was moved to 20 March: not yet due
    assert sa[1].ketepatan is Ketepatan.BELUM_JATUH_TEMPO
    assert sb[2].ketepatan is Ketepatan.BELUM_JATUH_TEMPO
    jan = m.per_bulan[0]
    assert (jan.diharapkan, jan.diterima, jan.tepat_waktu) == (2, 2, 1)
    assert jan.persen_tepat_waktu == 50
    # Dinas Kesehatan's February draft is not yet due, so not yet expected
    assert (m.baris[0].tingkat.diharapkan, m.baris[0].tingkat.diterima) == (1, 1)
    assert (m.total.diharapkan, m.total.diterima, m.total.tepat_waktu) == (2, 2, 1)


@pytest.mark.django_db
def test_a_report_submitted_before_its_deadline_is_not_yet_counted_as_due():
    """Finding 6 of issue #17: an early submission made the month count as due ("491 laporan
    telah jatuh tempo" instead of 490, Dinkes 10/11). It shows as submitted on time, but is
    owed — and counted in the rates — only once its deadline has passed."""
    a = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    t.rincian(o=a, pagu=1200)
    ta = t.tahun(2025)
    LaporanBulanan.objects.create(tahun=ta, opd=a, bulan=1, status=StatusLaporan.DIVERIFIKASI,
                                  pertama_diajukan_pada=waktu(2025, 2, 3))
    # March is due on 10 April; submitted on 2 April, seen on 5 April.
    LaporanBulanan.objects.create(tahun=ta, opd=a, bulan=3, status=StatusLaporan.DIAJUKAN,
                                  pertama_diajukan_pada=waktu(2025, 4, 2))

    m = matriks(2025, sekarang=waktu(2025, 4, 5))

    sel = m.baris[0].sel
    assert sel[2].ketepatan is Ketepatan.TEPAT_WAKTU and not sel[2].diharapkan
    assert sel[1].ketepatan is Ketepatan.BELUM_LAPOR and sel[1].diharapkan
    assert (m.baris[0].tingkat.diharapkan, m.baris[0].tingkat.diterima) == (2, 1)
    assert (m.per_bulan[2].diharapkan, m.per_bulan[2].diterima) == (0, 0)
    assert (m.total.diharapkan, m.total.diterima, m.total.tepat_waktu) == (2, 1, 1)
    # Once March's deadline has passed it counts, on time.
    m = matriks(2025, sekarang=waktu(2025, 4, 11))
    assert (m.total.diharapkan, m.total.diterima, m.total.tepat_waktu) == (3, 2, 2)
