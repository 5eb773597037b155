"""No lost update: two people save the same report from the same (stale) page at once."""

import threading

import pytest
from django.db import connection, connections

from budget.models import RealisasiKeuangan
from reporting import services
from reporting.services import KonflikRevisi

from .conftest import D, waktu

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks between concurrent transactions need PostgreSQL (CI runs it there)",
)


@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_concurrent_saves_gets_a_conflict(baris_dinkes, dinkes,
                                                            operator_dinkes):
    r1, *_ = baris_dinkes
    laporan = services.laporan_untuk(dinkes, 2025, 3)
    halaman = laporan.revisi  # both people opened the page at this revision
    mulai = threading.Barrier(2)
    hasil = {}

    def simpan(nama, nilai):
        try:
            mulai.wait(timeout=10)
            services.simpan(laporan, operator_dinkes, revisi=halaman,
                            realisasi={r1.pk: D(nilai)}, fisik={},
                            sekarang=waktu(2025, 3, 5))
            hasil[nama] = "tersimpan"
        except KonflikRevisi:
            hasil[nama] = "konflik"
        finally:
            connections.close_all()

    a = threading.Thread(target=simpan, args=("a", 111))
    b = threading.Thread(target=simpan, args=("b", 222))
    a.start()
    b.start()
    a.join(30)
    b.join(30)

    assert sorted(hasil.values()) == ["konflik", "tersimpan"]
    pemenang = next(k for k, v in hasil.items() if v == "tersimpan")
    tersimpan = RealisasiKeuangan.objects.get(rincian=r1, bulan=3).jumlah
    assert tersimpan == D({"a": 111, "b": 222}[pemenang])
    laporan.refresh_from_db()
    assert laporan.revisi == halaman + 1
