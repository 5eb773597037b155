"""Two transactions writing the same line (or sub kegiatan) at once leave the derived rows
equal to the source rows: the second waits for the first on the derived row and recomputes
from what it committed.

Without that lock each trigger would recompute from its own snapshot, which does not see the
other's uncommitted rows: the last to commit would overwrite the derived row with a sum
missing the other's month (or fail on the derived row's unique key).
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from budget import testing as t
from budget.kumulatif import periksa
from budget.models import FisikTerakhir, RealisasiFisik, RealisasiKeuangan, RealisasiKumulatif

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="concurrent transactions need PostgreSQL (CI runs it there)"),
    pytest.mark.django_db(transaction=True),
]


def _bersamaan(tulis_pertama, tulis_kedua) -> None:
    """Run ``tulis_pertama`` in a transaction held open until ``tulis_kedua`` (in another
    transaction) has had time to block on it; then commit both."""
    tertulis, lepas = threading.Event(), threading.Event()
    galat: list[BaseException] = []

    def pertama():
        try:
            with transaction.atomic():
                tulis_pertama()
                tertulis.set()
                lepas.wait(10)
        except BaseException as exc:  # noqa: BLE001 — reported by the test below
            galat.append(exc)
            tertulis.set()
        finally:
            connections.close_all()

    def kedua():
        try:
            tertulis.wait(10)
            with transaction.atomic():
                tulis_kedua()
        except BaseException as exc:  # noqa: BLE001
            galat.append(exc)
        finally:
            connections.close_all()

    a, b = threading.Thread(target=pertama), threading.Thread(target=kedua)
    a.start()
    b.start()
    tertulis.wait(10)
    time.sleep(0.5)  # the second is now waiting on the first's derived row
    assert b.is_alive(), "the second writer did not wait for the first"
    lepas.set()
    a.join(20)
    b.join(20)
    assert not galat, galat


def test_two_months_of_one_line_written_at_once_are_both_counted():
    r = t.rincian(pagu=1000)
    _bersamaan(
        lambda: RealisasiKeuangan.objects.create(rincian=r, bulan=1, jumlah=Decimal("100.00")),
        lambda: RealisasiKeuangan.objects.create(rincian=r, bulan=2, jumlah=Decimal("50.25")),
    )
    k = RealisasiKumulatif.objects.get(rincian=r)
    assert k.k01 == 10000 and k.k02 == 15025 and k.k12 == 15025
    assert periksa().cocok


@pytest.mark.parametrize("bulan", [(3, 5), (5, 3)])
def test_two_fisik_reports_of_one_sub_kegiatan_written_at_once_are_both_counted(bulan):
    o = t.opd()
    s = t.sub_kegiatan()
    th = t.tahun()
    pertama, kedua = bulan
    _bersamaan(
        lambda: RealisasiFisik.objects.create(tahun=th, opd=o, sub_kegiatan=s, bulan=pertama,
                                              persen=Decimal(pertama * 10)),
        lambda: RealisasiFisik.objects.create(tahun=th, opd=o, sub_kegiatan=s, bulan=kedua,
                                              persen=Decimal(kedua * 10)),
    )
    f = FisikTerakhir.objects.get()
    assert [f.f02, f.f03, f.f04, f.f05, f.f12] == [0, 3000, 3000, 5000, 5000]
    assert periksa().cocok
