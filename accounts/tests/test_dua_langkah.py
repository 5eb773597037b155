"""Two-step sign-in (TOTP): Verifikator and Admin enrol an authenticator app and enter its code
at every sign-in; operators and pimpinan may enrol. The whole flow runs through the real login
page with Django's test client; time_machine moves the TOTP time steps."""

import base64
import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import CatatanAkun, Peran, TindakanAkun, User
from budget import testing as t

pytestmark = pytest.mark.django_db

SANDI = "kata-sandi-uji-2025"
AWAL = timezone.make_aware(datetime.datetime(2025, 4, 5, 10, 0, 5))


@pytest.fixture(autouse=True)
def dua_langkah_wajib(settings):
    settings.SIAP_2FA = True


@pytest.fixture
def waktu():
    with time_machine.travel(AWAL, tick=False) as mesin:
        yield mesin


def _pengguna(username, peran, **kw):
    return User.objects.create_user(username, password=SANDI, peran=peran, **kw)


def _masuk(client, username):
    r = client.post(reverse("login"), {"username": username, "password": SANDI})
    assert r.status_code == 302, r.content.decode()[:500]
    return r


def _kode(kunci: bytes, geser: int = 0) -> str:
    return f"{totp(kunci, step=30, t0=0, digits=6, drift=geser):06d}"


def _rahasia_dari_halaman(html: str) -> bytes:
    teks = re.search(r'id="kunci-rahasia">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    return base64.b32decode(teks + "=" * (-len(teks) % 8))


def test_a_verifier_enrols_then_must_enter_a_code_at_every_sign_in(client, waktu):
    _pengguna("verif", Peran.VERIFIKATOR)
    dasbor = reverse("evaluation:dasbor")

    # First sign-in: the password alone opens nothing but the enrolment page.
    _masuk(client, "verif")
    r = client.get(dasbor)
    assert r.status_code == 302 and r.url.startswith(reverse("akun:dua_langkah_daftar"))
    assert client.get(reverse("reporting:daftar")).status_code == 302
    halaman = client.get(r.url)
    html = halaman.content.decode()
    assert halaman.status_code == 200 and halaman["Cache-Control"] == "no-store"
    assert "<svg" in html and "Aktifkan verifikasi dua langkah" in html
    kunci = _rahasia_dari_halaman(html)
    assert not TOTPDevice.objects.exists()  # nothing stored before the code is confirmed

    r = client.post(reverse("akun:dua_langkah_daftar"), {"kode": "000000", "next": dasbor})
    assert "Kode salah atau sudah kedaluwarsa" in r.content.decode()
    assert not TOTPDevice.objects.exists()

    r = client.post(reverse("akun:dua_langkah_daftar"), {"kode": _kode(kunci), "next": dasbor})
    assert r.status_code == 302 and r.url == dasbor
    perangkat = TOTPDevice.objects.get(user__username="verif", confirmed=True)
    assert perangkat.bin_key == kunci
    assert CatatanAkun.objects.filter(pengguna__username="verif",
                                      tindakan=TindakanAkun.DUA_LANGKAH_DIDAFTARKAN).count() == 1
    assert client.get(dasbor).status_code == 200

    # Second sign-in: the code page; a wrong code is refused in Indonesian, the right one opens SIAP.
    client.post(reverse("logout"))
    waktu.shift(datetime.timedelta(seconds=60))
    _masuk(client, "verif")
    r = client.get(dasbor)
    assert r.status_code == 302 and r.url.startswith(reverse("akun:dua_langkah"))
    assert "Kode 6 angka" in client.get(r.url).content.decode()
    salah = client.post(reverse("akun:dua_langkah"), {"kode": "123456"})
    assert salah.status_code == 200
    assert "Kode salah atau sudah kedaluwarsa" in salah.content.decode()
    assert client.get(dasbor).status_code == 302

    waktu.shift(datetime.timedelta(seconds=5))  # past django-otp's 1-second throttle
    r = client.post(reverse("akun:dua_langkah"), {"kode": _kode(kunci), "next": dasbor})
    assert r.status_code == 302 and r.url == dasbor
    assert client.get(dasbor).status_code == 200


def test_wrong_codes_are_throttled_and_a_code_is_never_accepted_twice(client, waktu):
    user = _pengguna("admin", Peran.ADMIN)
    perangkat = TOTPDevice.objects.create(user=user, name="hp", confirmed=True)
    _masuk(client, "admin")
    for _ in range(3):
        client.post(reverse("akun:dua_langkah"), {"kode": "111111"})
    perangkat.refresh_from_db()
    assert perangkat.throttling_failure_count >= 1

    # Throttled: even the right code is refused, with a wait in seconds.
    r = client.post(reverse("akun:dua_langkah"), {"kode": _kode(perangkat.bin_key)})
    assert "Terlalu banyak kode salah. Tunggu" in r.content.decode()
    assert client.get(reverse("evaluation:dasbor")).status_code == 302

    waktu.shift(datetime.timedelta(seconds=60))
    kode = _kode(perangkat.bin_key)
    r = client.post(reverse("akun:dua_langkah"), {"kode": kode})
    assert r.status_code == 302
    assert client.get(reverse("evaluation:dasbor")).status_code == 200

    # The same code, replayed in another session within its 30 seconds, is refused.
    lain = client.__class__()
    _masuk(lain, "admin")
    r = lain.post(reverse("akun:dua_langkah"), {"kode": kode})
    assert r.status_code == 200 and "Kode salah" in r.content.decode()


def test_operators_and_pimpinan_are_not_required_but_may_enrol(client, waktu):
    o = t.opd()
    op = _pengguna("op", Peran.OPERATOR)
    op.opd.add(o)
    _masuk(client, "op")
    assert client.get(reverse("evaluation:dasbor")).status_code == 200
    tawaran = client.get(reverse("akun:dua_langkah"))
    assert tawaran.status_code == 200 and "Aktifkan verifikasi dua langkah" in tawaran.content.decode()

    _pengguna("pimpinan", Peran.PIMPINAN)
    client.post(reverse("logout"))
    _masuk(client, "pimpinan")
    kunci = _rahasia_dari_halaman(client.get(reverse("akun:dua_langkah_daftar")).content.decode())
    client.post(reverse("akun:dua_langkah_daftar"), {"kode": _kode(kunci)})
    assert TOTPDevice.objects.filter(user__username="pimpinan").count() == 1
    # Having enrolled, the pimpinan too must enter a code next time.
    client.post(reverse("logout"))
    _masuk(client, "pimpinan")
    r = client.get(reverse("evaluation:dasbor"))
    assert r.status_code == 302 and r.url.startswith(reverse("akun:dua_langkah"))


def test_anonymous_visitors_still_go_to_login_and_logout_and_static_files_stay_open(client):
    r = client.get(reverse("evaluation:dasbor"))
    assert r.status_code == 302 and r.url.startswith(reverse("login"))
    assert client.get(reverse("akun:dua_langkah")).url.startswith(reverse("login"))
    _pengguna("verif", Peran.VERIFIKATOR)
    _masuk(client, "verif")
    assert client.get("/static/accounts/akun.css").status_code in (200, 404)  # never the 2FA page
    assert client.get("/static/accounts/akun.css").status_code != 302
    r = client.post(reverse("logout"))
    assert r.status_code == 302 and r.url == reverse("login")


def test_the_requirement_is_off_with_siap_2fa_0(client, settings):
    settings.SIAP_2FA = False
    client.force_login(_pengguna("verif", Peran.VERIFIKATOR))
    assert client.get(reverse("evaluation:dasbor")).status_code == 200


def test_force_login_alone_is_not_verified_but_a_device_in_the_session_is(client):
    user = _pengguna("admin", Peran.ADMIN)
    perangkat = TOTPDevice.objects.create(user=user, name="hp", confirmed=True)
    client.force_login(user)
    assert client.get(reverse("akun:pengguna_daftar")).status_code == 302
    sesi = client.session
    sesi[DEVICE_ID_SESSION_KEY] = perangkat.persistent_id
    sesi.save()
    assert client.get(reverse("akun:pengguna_daftar")).status_code == 200


def test_next_never_leads_off_site(client, waktu):
    user = _pengguna("verif", Peran.VERIFIKATOR)
    perangkat = TOTPDevice.objects.create(user=user, name="hp", confirmed=True)
    _masuk(client, "verif")
    r = client.post(reverse("akun:dua_langkah"),
                    {"kode": _kode(perangkat.bin_key), "next": "https://contoh.invalid/curi"})
    assert r.status_code == 302 and r.url == reverse("evaluation:dasbor")


def test_an_admin_resets_a_lost_second_factor_and_the_user_enrols_again(client, waktu):
    admin = _pengguna("admin", Peran.ADMIN)
    perangkat_admin = TOTPDevice.objects.create(user=admin, name="hp", confirmed=True)
    verif = _pengguna("verif", Peran.VERIFIKATOR)
    TOTPDevice.objects.create(user=verif, name="hp hilang", confirmed=True)
    client.force_login(admin)
    sesi = client.session
    sesi[DEVICE_ID_SESSION_KEY] = perangkat_admin.persistent_id
    sesi.save()
    r = client.post(reverse("akun:pengguna_atur_ulang_dua_langkah", args=[verif.pk]))
    assert r.status_code == 302
    assert not TOTPDevice.objects.filter(user=verif).exists()
    catatan = CatatanAkun.objects.get(pengguna=verif, tindakan=TindakanAkun.DUA_LANGKAH_DIATUR_ULANG)
    assert catatan.oleh == admin
    assert "Verifikasi dua langkah diatur ulang" in client.get(
        reverse("akun:pengguna_rinci", args=[verif.pk])).content.decode()

    lain = client.__class__()
    _masuk(lain, "verif")
    r = lain.get(reverse("evaluation:dasbor"))
    assert r.url.startswith(reverse("akun:dua_langkah_daftar"))


def _pengaturan(tmp_path, **env):
    bersih = {k: v for k, v in os.environ.items()
              if k not in ("SIAP_2FA", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    bersih.update(SIAP_DATA_DIR=str(tmp_path), DEBUG="1", DJANGO_SETTINGS_MODULE="siap.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "print('2FA', settings.SIAP_2FA)"],
        cwd=Path(__file__).resolve().parents[2], env=bersih, capture_output=True, text=True, timeout=120)


def test_siap_2fa_is_on_by_default_off_with_0_and_a_bad_value_is_refused(tmp_path):
    assert "2FA True" in _pengaturan(tmp_path).stdout
    assert "2FA False" in _pengaturan(tmp_path, SIAP_2FA="0").stdout
    salah = _pengaturan(tmp_path, SIAP_2FA="kadang")
    assert salah.returncode != 0 and "SIAP_2FA='kadang' bukan nilai boolean" in salah.stderr


def test_the_session_id_changes_once_the_code_is_accepted(client, waktu):
    user = _pengguna("verif", Peran.VERIFIKATOR)
    perangkat = TOTPDevice.objects.create(user=user, name="hp", confirmed=True)
    _masuk(client, "verif")
    sebelum = client.session.session_key
    client.post(reverse("akun:dua_langkah"), {"kode": _kode(perangkat.bin_key)})
    assert client.session.session_key != sebelum
    assert client.session[DEVICE_ID_SESSION_KEY] == perangkat.persistent_id
