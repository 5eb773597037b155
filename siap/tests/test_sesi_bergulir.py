"""The idle timeout renews the session at most once a minute (SIAP_SESI_SEGAR_DETIK), so a
page read by a signed-in user does not write the session table on every request."""

import datetime

import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

MULAI = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _tulis_sesi(konteks) -> list[str]:
    return [q["sql"] for q in konteks.captured_queries
            if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")]


def _get(client, url):
    with CaptureQueriesContext(connection) as k:
        r = client.get(url)
    assert r.status_code == 200
    return r, _tulis_sesi(k)


def test_a_page_read_within_the_minute_writes_no_session(client, pimpinan):
    halaman = reverse("akun:kata_sandi")
    with time_machine.travel(MULAI, tick=False) as waktu:
        client.force_login(pimpinan)  # signing in saves the session: it is fresh
        r, tulis = _get(client, halaman)
        assert tulis == []
        waktu.shift(datetime.timedelta(seconds=settings.SIAP_SESI_SEGAR_DETIK - 1))
        r, tulis = _get(client, halaman)
        assert tulis == []
        assert settings.SESSION_COOKIE_NAME not in r.cookies
        waktu.shift(datetime.timedelta(seconds=1))
        r, tulis = _get(client, halaman)  # a minute on: renewed, with a fresh cookie
        assert tulis
        assert r.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_the_session_ping_always_renews(client, pimpinan):
    with time_machine.travel(MULAI, tick=False):
        client.force_login(pimpinan)
        _get(client, reverse("akun:kata_sandi"))
        with CaptureQueriesContext(connection) as k:
            r = client.get(reverse("akun:sesi"))
        assert r.status_code == 200
        assert _tulis_sesi(k)
        assert settings.SESSION_COOKIE_NAME in r.cookies


def test_an_anonymous_visitor_gets_no_session(client, db):
    r = client.get(reverse("login"))
    assert r.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in r.cookies


def test_with_zero_seconds_every_request_renews(client, pimpinan, settings):
    settings.SIAP_SESI_SEGAR_DETIK = 0
    with time_machine.travel(MULAI, tick=False):
        client.force_login(pimpinan)
        _get(client, reverse("akun:kata_sandi"))
        _, tulis = _get(client, reverse("akun:kata_sandi"))
        assert tulis
