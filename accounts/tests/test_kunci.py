"""The admin sees a user's current login lockouts on the user's page and unlocks them."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.models import CatatanAkun, Peran, TindakanAkun, User

pytestmark = pytest.mark.django_db
SANDI = "benar-sekali-2025"
MULAI = datetime.datetime(2025, 11, 3, 9, 0, tzinfo=datetime.UTC)


def _coba(alamat, sandi="salah", username="op.dinkes"):
    return Client(REMOTE_ADDR=alamat).post(reverse("login"), {"username": username,
                                                              "password": sandi})


@pytest.fixture
def orang(db):
    admin = User.objects.create_user("admin", password=SANDI, peran=Peran.ADMIN)
    op = User.objects.create_user("op.dinkes", password=SANDI, peran=Peran.OPERATOR)
    return admin, op


def test_the_user_page_lists_the_lockouts_and_the_admin_unlocks(client, orang):
    admin, op = orang
    with time_machine.travel(MULAI, tick=False):
        for _ in range(5):
            _coba("10.1.1.1")
        _coba("10.2.2.2")  # one wrong password elsewhere: not a lockout
        assert _coba("10.1.1.1", SANDI).status_code == 429
        client.force_login(admin)
        halaman = client.get(reverse("akun:pengguna_rinci", args=[op.pk])).content.decode()
        assert "Kunci masuk" in halaman and "10.1.1.1" in halaman
        assert "10.2.2.2" not in halaman and ">Buka kunci</button>" in halaman

        r = client.post(reverse("akun:pengguna_buka_kunci", args=[op.pk]))
        assert r.status_code == 302
        assert r["Location"] == reverse("akun:pengguna_rinci", args=[op.pk])
        assert _coba("10.1.1.1", SANDI).status_code == 302  # signed in
        catatan = CatatanAkun.objects.get(pengguna=op, tindakan=TindakanAkun.KUNCI_DIBUKA)
        assert catatan.oleh == admin and catatan.keterangan == "1 alamat terkunci dibuka"
        halaman = client.get(reverse("akun:pengguna_rinci", args=[op.pk])).content.decode()
        assert "Tidak terkunci" in halaman and ">Buka kunci</button>" not in halaman


def test_only_an_admin_unlocks(client, orang):
    admin, op = orang
    with time_machine.travel(MULAI, tick=False):
        for _ in range(5):
            _coba("10.1.1.1")
        client.force_login(User.objects.create_user("v", password=SANDI,
                                                    peran=Peran.VERIFIKATOR))
        assert client.post(reverse("akun:pengguna_buka_kunci", args=[op.pk])).status_code == 403
        assert _coba("10.1.1.1", SANDI).status_code == 429
        client.logout()
        r = client.post(reverse("akun:pengguna_buka_kunci", args=[op.pk]))
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
