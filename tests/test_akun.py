"""Accounts: login lockout, Indonesian password rules, idle timeout, and a password change
that ends the user's other sessions."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Peran, User

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
SANDI = "benar-sekali-2025"
MULAI = datetime.datetime(2025, 11, 3, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def pimpinan():
    return User.objects.create_user("pimpinan", password=SANDI, peran=Peran.PIMPINAN)


def _masuk(client, password, username="pimpinan"):
    return client.post(reverse("login"), {"username": username, "password": password})


def _masuk_ok(r):
    return r.status_code == 302 and r["Location"] == reverse("evaluation:dasbor")


# --- lockout -----------------------------------------------------------------------------

def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, pimpinan):
    with time_machine.travel(MULAI, tick=False):
        for _ in range(5):
            r = _masuk(client, "salah")
            assert r.status_code in (200, 429)
        r = _masuk(client, SANDI)
    assert r.status_code == 429
    html = r.content.decode()
    assert "Akun terkunci sementara" in html
    assert "terkunci karena 5 kali percobaan masuk" in html
    assert "Coba lagi 15 menit lagi." in html
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock(client, pimpinan):
    with time_machine.travel(MULAI, tick=False):
        for _ in range(4):
            assert _masuk(client, "salah").status_code == 200
        assert _masuk_ok(_masuk(client, SANDI))


def test_the_lock_lifts_after_the_configured_minutes(client, pimpinan):
    with time_machine.travel(MULAI, tick=False) as waktu:
        for _ in range(5):
            _masuk(client, "salah")
        waktu.shift(datetime.timedelta(minutes=settings.SIAP_LOCKOUT_MENIT - 1))
        assert _masuk(client, SANDI).status_code == 429
        # A refused attempt during the lock starts the cool-off again.
        waktu.shift(datetime.timedelta(minutes=settings.SIAP_LOCKOUT_MENIT, seconds=1))
        assert _masuk_ok(_masuk(client, SANDI))


def test_the_lock_is_per_username_and_address_together(client, pimpinan):
    """Five wrong passwords for X from address A lock X at A only: X still signs in from B,
    and a colleague signs in from A."""
    from django.test import Client

    User.objects.create_user("verifikator", password=SANDI, peran=Peran.VERIFIKATOR)
    a = "10.1.1.1"
    with time_machine.travel(MULAI, tick=False):
        for _ in range(5):
            client.post(reverse("login"), {"username": "pimpinan", "password": "salah"},
                        REMOTE_ADDR=a)
        assert client.post(reverse("login"), {"username": "pimpinan", "password": SANDI},
                           REMOTE_ADDR=a).status_code == 429
        assert _masuk_ok(Client(REMOTE_ADDR="10.2.2.2").post(
            reverse("login"), {"username": "pimpinan", "password": SANDI}))
        assert _masuk_ok(Client(REMOTE_ADDR=a).post(
            reverse("login"), {"username": "verifikator", "password": SANDI}))


def test_behind_a_proxy_the_address_comes_from_x_forwarded_for(client, pimpinan, settings):
    from django.test import Client

    settings.SIAP_PROXY = True
    with time_machine.travel(MULAI, tick=False):
        for _ in range(5):
            client.post(reverse("login"), {"username": "pimpinan", "password": "salah"},
                        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.1.1.1")
        proksi = Client(REMOTE_ADDR="127.0.0.1")
        # what a client wrote before the proxy's own entry is ignored
        assert proksi.post(reverse("login"), {"username": "pimpinan", "password": SANDI},
                           HTTP_X_FORWARDED_FOR="9.9.9.9, 10.1.1.1").status_code == 429
        assert _masuk_ok(proksi.post(reverse("login"), {"username": "pimpinan",
                                                        "password": SANDI},
                                     HTTP_X_FORWARDED_FOR="10.2.2.2"))


def test_without_the_proxy_setting_x_forwarded_for_is_ignored(client, pimpinan):
    from django.test import Client

    with time_machine.travel(MULAI, tick=False):
        for i in range(5):
            client.post(reverse("login"), {"username": "pimpinan", "password": "salah"},
                        REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
        assert Client(REMOTE_ADDR="10.1.1.1").post(
            reverse("login"), {"username": "pimpinan", "password": SANDI},
            HTTP_X_FORWARDED_FOR="10.8.8.8").status_code == 429


def test_the_lockout_minutes_come_from_the_environment():
    def baca(**env):
        bersih = {k: v for k, v in os.environ.items() if not k.startswith("SIAP_")}
        bersih.update(DEBUG="1", **env)
        return subprocess.run(
            [sys.executable, "-c", "import siap.settings as s; "
             "print(s.AXES_COOLOFF_TIME, s.SESSION_COOKIE_AGE)"],
            cwd=ROOT, env=bersih, capture_output=True, text=True)

    assert baca().stdout.strip() == "0:15:00 3600"
    assert baca(SIAP_LOCKOUT_MENIT="30", SIAP_SESI_MENIT="20").stdout.strip() == "0:30:00 1200"
    r = baca(SIAP_LOCKOUT_MENIT="lama")
    assert r.returncode != 0 and "SIAP_LOCKOUT_MENIT='lama' bukan bilangan bulat" in r.stderr
    r = baca(SIAP_SESI_MENIT="0")
    assert r.returncode != 0 and "SIAP_SESI_MENIT=0 kurang dari batas minimum 1" in r.stderr


# --- password rules ----------------------------------------------------------------------

def test_a_short_password_is_refused_in_indonesian(pimpinan):
    with pytest.raises(ValidationError) as exc:
        validate_password("Ab3$xyz", pimpinan)
    assert "Kata sandi terlalu pendek. Harus mengandung setidaknya 10 karakter." in exc.value.messages


def test_common_numeric_and_name_like_passwords_are_refused_in_indonesian(pimpinan):
    for sandi in ("password123", "2025112233", "pimpinan2025"):
        with pytest.raises(ValidationError) as exc:
            validate_password(sandi, pimpinan)
        assert all("kata sandi" in m.lower() for m in exc.value.messages), exc.value.messages


# --- idle timeout --------------------------------------------------------------------------

def test_an_idle_session_ends_after_the_configured_minutes(client, pimpinan):
    assert settings.SESSION_COOKIE_AGE == settings.SIAP_SESI_MENIT * 60
    dasbor = reverse("evaluation:dasbor")
    with time_machine.travel(MULAI, tick=False) as waktu:
        assert _masuk_ok(_masuk(client, SANDI))
        # Each request renews the session: working steadily never logs anyone out …
        for _ in range(3):
            waktu.shift(datetime.timedelta(minutes=settings.SIAP_SESI_MENIT - 1))
            assert client.get(dasbor).status_code == 200
        # … but one idle period longer than the limit does.
        waktu.shift(datetime.timedelta(minutes=settings.SIAP_SESI_MENIT + 1))
        r = client.get(dasbor)
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("login"))


# --- own password change -----------------------------------------------------------------

def test_the_password_change_page_is_indonesian_and_needs_a_login(client, pimpinan):
    url = reverse("akun:kata_sandi")
    assert url == "/akun/kata-sandi/"
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(pimpinan)
    html = client.get(url).content.decode()
    assert "Ganti kata sandi" in html
    assert "Sandi lama" in html


def test_a_weak_new_password_is_refused_in_indonesian(client, pimpinan):
    client.force_login(pimpinan)
    r = client.post(reverse("akun:kata_sandi"), {
        "old_password": SANDI, "new_password1": "Ab3$xyz", "new_password2": "Ab3$xyz"})
    assert r.status_code == 200
    assert "Kata sandi terlalu pendek. Harus mengandung setidaknya 10 karakter." in r.content.decode()
    pimpinan.refresh_from_db()
    assert pimpinan.check_password(SANDI)


def test_changing_the_password_ends_the_users_other_sessions(client, pimpinan):
    from django.test import Client

    lain = Client()  # the same user on another PC
    with time_machine.travel(MULAI, tick=False):
        assert _masuk_ok(_masuk(client, SANDI))
        assert _masuk_ok(_masuk(lain, SANDI))
        dasbor = reverse("evaluation:dasbor")
        assert lain.get(dasbor).status_code == 200

        baru = "Rakor-POP-Lambar-2026"
        r = client.post(reverse("akun:kata_sandi"), {
            "old_password": SANDI, "new_password1": baru, "new_password2": baru}, follow=True)
        assert r.redirect_chain[-1][0] == dasbor
        assert "Kata sandi Anda telah diganti." in r.content.decode()

        assert client.get(dasbor).status_code == 200  # this session goes on
        r = lain.get(dasbor)
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
    pimpinan.refresh_from_db()
    assert pimpinan.check_password(baru)


# --- landing page after login ------------------------------------------------------------


def test_an_operator_lands_on_their_reports_and_a_leader_on_the_dashboard(client, pimpinan):
    operator = User.objects.create_user("op", password=SANDI, peran=Peran.OPERATOR)
    r = _masuk(client, SANDI, "op")
    assert r.status_code == 302 and r["Location"] == reverse("reporting:daftar")
    client.logout()
    assert _masuk_ok(_masuk(client, SANDI))  # pimpinan: the dashboard
    client.logout()
    r = client.post(reverse("login") + "?next=/permasalahan/",
                    {"username": operator.username, "password": SANDI})
    assert r["Location"] == "/permasalahan/"  # an explicit next still wins
