"""No lost update: two people save the same report from the same page at once."""

import threading

import pytest
from django.db import connection, connections

from reporting import services
from reporting.models import IsianRealisasi
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
    tersimpan = IsianRealisasi.objects.get(rincian=r1).jumlah
    assert tersimpan == D({"a": 111, "b": 222}[pemenang])
    laporan.refresh_from_db()
    assert laporan.revisi == halaman + 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_different_lines_from_one_page_both_stay(
        baris_dinkes, dinkes, operator_dinkes):
    r1, r2, *_ = baris_dinkes
    laporan = services.laporan_untuk(dinkes, 2025, 3)
    halaman = laporan.revisi
    semula = {("r", r1.pk): None, ("r", r2.pk): None}
    mulai = threading.Barrier(2)
    galat = []

    def simpan(rincian, nilai):
        try:
            mulai.wait(timeout=10)
            services.simpan(laporan, operator_dinkes, revisi=halaman, semula=semula,
                            realisasi={r1.pk: None, r2.pk: None} | {rincian.pk: D(nilai)},
                            fisik={}, sekarang=waktu(2025, 3, 5))
        except Exception as exc:  # noqa: BLE001 - reported below
            galat.append(exc)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=simpan, args=(r1, 111)),
            threading.Thread(target=simpan, args=(r2, 22))]
    for u in utas:
        u.start()
    for u in utas:
        u.join(30)

    assert galat == []
    assert dict(IsianRealisasi.objects.values_list("rincian_id", "jumlah")) == {
        r1.pk: D(111), r2.pk: D(22)}
    laporan.refresh_from_db()
    assert laporan.revisi == halaman + 2
