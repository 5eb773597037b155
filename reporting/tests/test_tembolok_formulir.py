"""The report page kept per data version (reporting/tembolok.py): recomputed after any write,
the CSRF token and the signed user id filled in per request, never the placeholders."""

import datetime
import re

import pytest
import time_machine
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import JenisVersi
from reporting.models import LaporanBulanan
from reporting.tembolok import PENANDA

# Committed writes: PostgreSQL replaces the data token at commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _april(tembolok_kosong):
    with time_machine.travel(datetime.datetime(2025, 4, 3, 10, tzinfo=timezone.get_default_timezone())):
        yield


@pytest.fixture
def dinkes(db):
    o = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    v = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1), nama="APBD Murni 2025")
    t.rincian(o=o, sub="1.02.02.2.01.0001", pagu=1200, v=v, realisasi={1: 100})
    return o


def _operator(nama, opd):
    u = buat_pengguna(nama, Peran.OPERATOR)
    u.opd.set([opd])
    return u


def _revisi(html):
    return re.search(r'name="revisi" value="(\d+)"', html).group(1)


def test_the_form_is_recomputed_after_a_write_and_fills_in_each_users_tokens(dinkes, client):
    url = reverse("reporting:formulir", args=[dinkes.pk, 2025, 3])
    a, b = _operator("op.a", dinkes), _operator("op.b", dinkes)
    client.force_login(a)
    pertama = client.get(url).content.decode()
    kedua = client.get(url).content.decode()
    for html in (pertama, kedua):
        assert not any(p in html for p, _ in PENANDA.values())
        assert 'name="csrfmiddlewaretoken"' in html
    LaporanBulanan.objects.filter(opd=dinkes, bulan=3).update(revisi=F("revisi") + 5)
    ketiga = client.get(url).content.decode()
    assert int(_revisi(ketiga)) == int(_revisi(kedua)) + 5
    client.force_login(b)
    html_b = client.get(url).content.decode()
    pengisi = lambda h: re.search(r'name="pengisi" value="([^"]*)"', h).group(1)  # noqa: E731
    assert pengisi(html_b) != pengisi(ketiga)
    assert not any(p in html_b for p, _ in PENANDA.values())


def test_a_kept_form_costs_a_constant_number_of_queries(dinkes, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(_operator("op", dinkes))
    url = reverse("reporting:formulir", args=[dinkes.pk, 2025, 4])
    for _ in range(2):  # the first visit creates the report: a new data token
        assert client.get(url).status_code == 200
    jumlah = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        jumlah.append(len(q))
    # session, user, data token, OPD, year, report, period, pemda, session save (3)
    assert jumlah[0] == jumlah[1] == jumlah[2] <= 11
