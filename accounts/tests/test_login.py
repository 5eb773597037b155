"""The login page: Indonesian, names the app and the pemda, and says plainly what went wrong."""

import pytest
from django.urls import reverse

from accounts.models import Peran, User
from budget.models import Pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemda():
    return Pemda.objects.create(nama="Kabupaten Lampung Barat", provinsi="Lampung")


def test_the_login_page_names_the_app_and_the_pemda(client, pemda):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="id">' in html
    assert "Sistem Informasi Aplikasi Pelaporan Pembangunan" in html
    assert "Pemerintah Kabupaten Lampung Barat, Provinsi Lampung" in html
    assert 'autocomplete="current-password"' in html


def test_the_login_page_works_before_any_pemda_is_set_up(client):
    r = client.get(reverse("login"))
    assert r.status_code == 200
    assert "None" not in r.content.decode()


def test_a_wrong_password_is_reported_in_plain_indonesian(client, pemda):
    User.objects.create_user("pimpinan", password="benar-sekali-2025", peran=Peran.PIMPINAN)
    r = client.post(reverse("login"), {"username": "pimpinan", "password": "salah"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Nama pengguna atau kata sandi salah." in html
    assert 'value="pimpinan"' in html


def test_a_correct_login_goes_to_the_dashboard(client, pemda):
    User.objects.create_user("pimpinan", password="benar-sekali-2025", peran=Peran.PIMPINAN)
    r = client.post(reverse("login"), {"username": "pimpinan", "password": "benar-sekali-2025"})
    assert r.status_code == 302
    assert r["Location"] == reverse("evaluation:dasbor")


def test_logging_out_takes_a_post_and_returns_to_the_login_page(client, pemda):
    u = User.objects.create_user("pimpinan", password="x", peran=Peran.PIMPINAN)
    client.force_login(u)
    r = client.post(reverse("logout"))
    assert r.status_code == 302
    assert r["Location"] == reverse("login")
    assert client.get(reverse("evaluation:dasbor")).status_code == 302
