"""Pages and downloads with figures or personal data carry ``Cache-Control: no-store`` and
``Pragma: no-cache`` (issue #13): nothing of SIAP stays in the browser cache of a shared office
computer. ``siap.middleware.TanpaSimpanMiddleware`` sets them on every answer to a signed-in
user and on every API answer."""

import pytest
from django.urls import reverse

from accounts.models import Peran
from accounts.testing import buat_pengguna
from api.models import TokenAPI
from budget import testing as t
from budget.models import Pemda

pytestmark = pytest.mark.django_db
PERIODE = {"tahun": 2025, "bulan": 1}


def _tanpa_simpan(r):
    assert r.status_code == 200, r.status_code
    assert r["Cache-Control"] == "no-store"
    assert r["Pragma"] == "no-cache"


@pytest.fixture
def pimpinan(client):
    Pemda.objects.create(nama="Kabupaten Contoh", ibu_kota="Kota Contoh")
    t.rincian(o=t.opd(), pagu=1200, realisasi={1: 100})
    u = buat_pengguna("pimpinan", Peran.PIMPINAN)
    client.force_login(u)
    return u


def test_the_dashboard(client, pimpinan):
    _tanpa_simpan(client.get(reverse("evaluation:dasbor"), PERIODE))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_the_rakor_downloads(client, pimpinan, fmt):
    r = client.get(reverse("evaluation:rakor_unduh", args=[fmt]), PERIODE)
    if fmt != "csv":  # a background job: its page, then its file
        _tanpa_simpan(client.get(r["Location"]))
        r = client.get(r["Location"] + "unduh/")
    _tanpa_simpan(r)
    assert r["Content-Disposition"].startswith("attachment")


def test_the_api_rekap(client, pimpinan):
    _, token = TokenAPI.buat(pimpinan)
    r = client.get("/api/rekap", PERIODE, HTTP_AUTHORIZATION=f"Bearer {token}")
    _tanpa_simpan(r)
    assert r.json()["tahun"] == 2025


def test_an_api_refusal_too(client, db):
    r = client.get("/api/rekap", PERIODE, HTTP_AUTHORIZATION="Bearer salah")
    assert r.status_code == 401 and r["Cache-Control"] == "no-store"


def test_the_users_own_pages(client, pimpinan):
    _tanpa_simpan(client.get(reverse("akun:kata_sandi")))
