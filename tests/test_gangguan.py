"""Faults: a save that breaks half-way writes nothing, and an unreachable database gives an
Indonesian page, never a stack trace."""

import datetime
import os
import secrets
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import RealisasiFisik, RealisasiKeuangan
from reporting import services
from reporting.models import LaporanBulanan

ROOT = Path(__file__).resolve().parents[1]
MARET = datetime.datetime(2025, 3, 5, 12, tzinfo=timezone.get_default_timezone())


class Putus(Exception):
    """The fault injected half-way through a save (a crash, a lost connection, …)."""


def _patah_kedua(monkeypatch, modul, nama, tertulis, hitung):
    """Let the first call of ``modul.nama`` write, then break on the second — half-way."""
    asli = getattr(modul, nama)
    panggilan = []

    def patah(*args, **kw):
        panggilan.append(1)
        if len(panggilan) == 2:
            tertulis["sebelum_putus"] = hitung()  # the first call's rows are written by now …
            raise Putus("koneksi putus di tengah penyimpanan")
        return asli(*args, **kw)

    monkeypatch.setattr(modul, nama, patah)


@pytest.mark.django_db
def test_a_save_broken_half_way_writes_nothing(monkeypatch):
    from reporting import draf
    from reporting.models import IsianFisik, IsianRealisasi

    dinkes = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    op = buat_pengguna("op.dinkes", Peran.OPERATOR, dinkes)
    r1 = t.rincian(o=dinkes, sub="1.02.02.2.01.0001", pagu=1200, ak=[100] * 12)
    r2 = t.rincian(o=dinkes, sub="1.02.02.2.01.0001", sd="PAD", pagu=600, ak=[50] * 12)
    laporan = services.laporan_untuk(dinkes, 2025, 3)
    tertulis = {}
    isian = {"realisasi": {r1.pk: Decimal(300), r2.pk: Decimal(150)},
             "fisik": {r1.sub_kegiatan_id: Decimal(30)}}

    # The save: the drafts of the lines, then of the fisik.
    with monkeypatch.context() as m:
        _patah_kedua(m, draf, "_upsert", tertulis, IsianRealisasi.objects.count)
        with pytest.raises(Putus):
            services.simpan(laporan, op, revisi=0, sekarang=MARET, **isian)
    assert tertulis["sebelum_putus"] == 2  # … so the fault really came half-way,
    # … and the rollback took them back, history included, and the revision did not move.
    assert not IsianRealisasi.objects.exists() and not IsianRealisasi.history.exists()
    assert not IsianFisik.objects.exists()
    assert LaporanBulanan.objects.get(pk=laporan.pk).revisi == 0

    # The submission: the official lines, then the official fisik.
    services.simpan(laporan, op, revisi=0, sekarang=MARET, **isian)
    with monkeypatch.context() as m:
        _patah_kedua(m, draf, "_tulis_resmi", tertulis,
                     RealisasiKeuangan.objects.filter(bulan=3).count)
        with pytest.raises(Putus):
            services.ajukan(laporan, op, revisi=1, sekarang=MARET)
    assert tertulis["sebelum_putus"] == 2
    assert not RealisasiKeuangan.objects.filter(bulan=3).exists()
    assert not RealisasiKeuangan.history.filter(bulan=3).exists()
    assert not RealisasiFisik.objects.exists()
    assert IsianRealisasi.objects.count() == 2 and IsianFisik.objects.count() == 1
    lap = LaporanBulanan.objects.get(pk=laporan.pk)
    assert (lap.status, lap.revisi, lap.snapshot.count()) == ("draft", 1, 0)


# --- error pages -------------------------------------------------------------------------

def _gagal_basis_data(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')


def _gagal_lain(request):
    raise RuntimeError("rahasia-internal")


urlpatterns = [path("db/", _gagal_basis_data), path("lain/", _gagal_lain)]
handler500 = "siap.middleware.galat_server"


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_a_database_error_is_a_503_page_in_indonesian():
    r = Client(raise_request_exception=False).get("/db/")
    assert r.status_code == 503
    assert r["Retry-After"] == "60"
    html = r.content.decode()
    assert "Basis data tidak dapat dihubungi" in html
    assert "127.0.0.1" not in html and "Traceback" not in html


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_any_other_error_is_a_500_page_in_indonesian():
    r = Client(raise_request_exception=False).get("/lain/")
    assert r.status_code == 500
    html = r.content.decode()
    assert "Terjadi kesalahan pada server" in html
    assert "rahasia-internal" not in html and "Traceback" not in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_missing_page_is_a_404_page_in_indonesian(client):
    r = client.get("/tidak-ada/")
    assert r.status_code == 404
    assert "Halaman tidak ditemukan" in r.content.decode()


@pytest.mark.parametrize("kode,judul", [
    ("400", "Permintaan tidak dapat diproses"), ("403", "Akses ditolak"),
    ("404", "Halaman tidak ditemukan"), ("500", "Terjadi kesalahan pada server"),
    ("503", "Layanan sementara tidak tersedia"),
])
def test_every_error_page_renders_without_a_request(kode, judul):
    from django.template.loader import render_to_string

    html = render_to_string(f"{kode}.html")
    assert judul in html and f"Galat {kode}" in html


# The real thing: production settings (DEBUG off) with a database nobody answers for.
SKRIP = """
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
# No collectstatic here: serve static names unhashed, as the manifest would not exist.
with override_settings(STORAGES={"staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
    c = Client(raise_request_exception=False)
    for metode, url in (("get", "/masuk/"), ("post", "/masuk/"), ("get", "/")):
        r = getattr(c, metode)(url, {"username": "a", "password": "b"} if metode == "post" else {})
        print(metode, url, r.status_code, "Basis data tidak dapat dihubungi" in r.content.decode())
    c.cookies["sessionid"] = "sesi-lama"  # a logged-in user: the session itself is unreadable
    r = c.get("/")
    print("sesi", r.status_code, "Basis data tidak dapat dihubungi" in r.content.decode())
"""


@pytest.mark.parametrize("database_url", [
    "postgres://siap:rahasia@127.0.0.1:1/siap",  # nothing listens on port 1
    "sqlite:////tidak-ada/folder/siap.sqlite3",
], ids=["postgresql-port-tertutup", "sqlite-folder-hilang"])
def test_an_unreachable_database_gives_the_503_page(database_url, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIAP_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="siap.settings", DEBUG="0", DATABASE_URL=database_url,
               SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="testserver",
               SIAP_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-c", SKRIP], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:4] == [
        "get /masuk/ 503 True", "post /masuk/ 503 True", "get / 302 False", "sesi 503 True",
    ], r.stdout + r.stderr
    assert "rahasia" not in r.stdout
