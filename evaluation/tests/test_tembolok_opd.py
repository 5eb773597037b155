"""The period figures every OPD page reads its slice of (``evaluation.tembolok.angka_periode``):
computed once per data version, recomputed after any write, never a way past the viewer's
scope, and the first view of each further OPD costs the same few queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import JenisVersi, Pemda, RealisasiKeuangan
from lib import tembolok

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tembolok_kosong")]
PERIODE = {"tahun": 2025, "bulan": 3}


@pytest.fixture
def opd_list(db):
    Pemda.objects.create(nama="Kabupaten Uji", provinsi="Lampung")
    v = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1), nama="APBD Murni 2025")
    hasil = []
    for i, (nama, realisasi) in enumerate([("Dinas Kesehatan", 100), ("Dinas Pekerjaan Umum", 700),
                                           ("Dinas Pendidikan", 300)]):
        o = t.opd(f"1.0{i + 2}.0.00.0.00.01.0000", nama)
        t.rincian(o=o, sub=f"1.0{i + 2}.02.2.01.0001", pagu=5000, v=v, realisasi={2: realisasi})
        hasil.append(o)
    return hasil


def _halaman(client, o) -> str:
    r = client.get(reverse("evaluation:opd", args=[o.pk]), PERIODE)
    assert r.status_code == 200
    return r.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def _tanpa_tembolok(client, o) -> str:
    tembolok.aktif = False
    try:
        return _halaman(client, o)
    finally:
        tembolok.aktif = True


@pytest.fixture
def pimpinan(client):
    client.force_login(buat_pengguna("pimpinan", Peran.PIMPINAN))
    return client


def test_each_opd_page_from_the_kept_period_figures_is_the_page(opd_list, pimpinan):
    _halaman(pimpinan, opd_list[0])  # the period's figures computed and kept
    for o in opd_list:
        assert _halaman(pimpinan, o) == _tanpa_tembolok(pimpinan, o)


def test_the_period_figures_are_recomputed_after_a_write(opd_list, pimpinan):
    dinkes, pupr, _ = opd_list
    _halaman(pimpinan, dinkes)
    sebelum = _halaman(pimpinan, pupr)
    RealisasiKeuangan.objects.filter(rincian__opd=pupr).update(jumlah=4321)
    sesudah = _halaman(pimpinan, pupr)
    assert sesudah != sebelum
    assert sesudah == _tanpa_tembolok(pimpinan, pupr)


def test_kept_period_figures_never_open_another_opd(opd_list, pimpinan, client):
    dinkes, pupr, _ = opd_list
    for o in opd_list:
        _halaman(pimpinan, o)
    op = buat_pengguna("op", Peran.OPERATOR)
    op.opd.set([dinkes])
    client.force_login(op)
    assert client.get(reverse("evaluation:opd", args=[pupr.pk]), PERIODE).status_code == 404
    assert "Dinas Kesehatan" in _halaman(client, dinkes)


def test_the_first_view_of_a_further_opd_costs_a_constant_number_of_queries(opd_list, pimpinan):
    dinkes, pupr, dikbud = opd_list
    with CaptureQueriesContext(connection) as pertama:
        _halaman(pimpinan, dinkes)
    jumlah = []
    for o in (pupr, dikbud):
        with CaptureQueriesContext(connection) as q:
            _halaman(pimpinan, o)
        jumlah.append(len(q))
    assert jumlah[0] == jumlah[1] < len(pertama)
    assert jumlah[0] <= 16
