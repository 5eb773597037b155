"""A token follows its account (issue #13): expiry, listing and revocation on the pages, and
revocation when the password, the second factor, the role, the OPD or the account change; a
token of a user who signs in with a second factor is issued only after it."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import CatatanAkun, Peran, TindakanAkun, User
from accounts.testing import buat_pengguna
from api.models import TokenAPI
from budget import testing as t

pytestmark = pytest.mark.django_db
URL = "/api/opd"
AWAL = datetime.datetime(2025, 4, 5, 10, tzinfo=datetime.UTC)


def _bisa(client, token) -> bool:
    r = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code in (200, 401), r.status_code
    return r.status_code == 200


@pytest.fixture
def opd(db):
    return t.opd()


@pytest.fixture
def operator(opd):
    u = User.objects.create_user("op.x", password="kata-sandi-lama-1", peran=Peran.OPERATOR)
    u.opd.add(opd)
    return u


def test_a_token_expires_after_siap_token_hari(client, operator, settings):
    settings.SIAP_TOKEN_HARI = 30
    with time_machine.travel(AWAL, tick=False) as waktu:
        obj, token = TokenAPI.buat(operator)
        assert obj.kedaluwarsa_pada == AWAL + datetime.timedelta(days=30)
        waktu.shift(datetime.timedelta(days=30) - datetime.timedelta(seconds=1))
        assert _bisa(client, token)
        waktu.shift(datetime.timedelta(seconds=1))
        assert not _bisa(client, token)
        obj.refresh_from_db()
        assert obj.status == "kedaluwarsa"


def test_the_default_lifetime_is_90_days(operator):
    obj, _ = TokenAPI.buat(operator)
    assert obj.kedaluwarsa_pada - obj.dibuat_pada == datetime.timedelta(days=90)


def test_a_password_set_anew_revokes_the_tokens(client, operator):
    _, token = TokenAPI.buat(operator)
    operator.set_password("kata-sandi-baru-2")
    operator.save()
    assert not _bisa(client, token)
    assert TokenAPI.objects.get().dicabut_karena == "kata sandi diganti"


def test_the_admins_password_reset_revokes_the_tokens(client, operator, admin):
    _, token = TokenAPI.buat(operator)
    client.force_login(admin)
    client.post(reverse("akun:pengguna_atur_ulang_sandi", args=[operator.pk]))
    assert not _bisa(client, token)


def test_a_hash_upgrade_at_login_is_not_a_password_change(client, operator, settings):
    """Django rehashes a password at login when its hasher changes: the tokens stay."""
    _, token = TokenAPI.buat(operator)
    assert operator.password.startswith("md5$")  # the suite's fast hasher
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    operator.refresh_from_db()
    assert operator.check_password("kata-sandi-lama-1")  # rehashed and saved
    assert User.objects.get(pk=operator.pk).password.startswith("pbkdf2_sha1$")
    assert _bisa(client, token)


def test_sign_in_does_not_revoke(client, operator):
    _, token = TokenAPI.buat(operator)
    r = client.post(reverse("login"), {"username": "op.x", "password": "kata-sandi-lama-1"})
    assert r.status_code == 302 and "_auth_user_id" in client.session
    assert _bisa(client, token)


@pytest.mark.parametrize("ubah", ["peran", "opd_tambah", "opd_hapus", "nonaktif", "superuser"])
def test_a_change_of_role_opd_or_activity_revokes(client, operator, opd, ubah):
    _, token = TokenAPI.buat(operator)
    lain = t.opd("1.03.0.00.0.00.01.0000", "Dinas Lain")
    if ubah == "peran":
        operator.peran = Peran.PIMPINAN
        operator.save()
    elif ubah == "opd_tambah":
        operator.opd.add(lain)
    elif ubah == "opd_hapus":
        operator.opd.remove(opd)
    elif ubah == "nonaktif":
        operator.is_active = False
        operator.save(update_fields=["is_active"])
    else:
        operator.is_superuser = True
        operator.save()
    assert TokenAPI.objects.get().dicabut_pada is not None
    operator.is_active = True
    operator.save()
    assert not _bisa(client, token)


def test_editing_a_user_without_changing_role_or_opd_keeps_the_tokens(client, operator, opd,
                                                                      admin):
    _, token = TokenAPI.buat(operator)
    client.force_login(admin)
    r = client.post(reverse("akun:pengguna_ubah", args=[operator.pk]), {
        "nama_lengkap": "Operator Baru", "peran": "operator", "opd": [opd.pk],
        "is_active": "on", "email": "op@contoh.go.id"})
    assert r.status_code == 302
    assert _bisa(client, token)
    r = client.post(reverse("akun:pengguna_ubah", args=[operator.pk]), {
        "nama_lengkap": "Operator Baru", "peran": "pimpinan", "is_active": "on"})
    assert r.status_code == 302
    assert not _bisa(client, token)


def test_the_command_refuses_a_user_who_signs_in_with_a_second_factor(operator, settings, verifikator):
    settings.SIAP_2FA = True
    with pytest.raises(CommandError, match="hanya dapat dibuat oleh pengguna itu sendiri"):
        call_command("token", "verif")
    TOTPDevice.objects.create(user=operator, name="hp", confirmed=True)  # enrolled by choice
    with pytest.raises(CommandError, match="/akun/token/"):
        call_command("token", "op.x")
    assert not TokenAPI.objects.exists()
    settings.SIAP_2FA = False  # the requirement off (a demo without phones): allowed
    call_command("token", "verif")
    assert TokenAPI.objects.filter(user=verifikator).exists()


def test_a_second_factor_users_token_works_only_with_the_device_it_was_issued_under(
        client, settings, verifikator):
    settings.SIAP_2FA = True
    perangkat = TOTPDevice.objects.create(user=verifikator, name="hp", confirmed=True)
    _, tanpa = TokenAPI.buat(verifikator)  # as an old token made before this rule
    _, dengan = TokenAPI.buat(verifikator, tambah=True, perangkat=perangkat)
    assert not _bisa(client, tanpa)
    assert _bisa(client, dengan)
    settings.SIAP_2FA = False
    assert _bisa(client, tanpa)
    settings.SIAP_2FA = True
    perangkat.delete()  # the admin's "Atur ulang verifikasi dua langkah"
    assert not _bisa(client, dengan)
    assert set(TokenAPI.objects.values_list("dicabut_karena", flat=True)) == {
        "verifikasi dua langkah diatur ulang"}


def test_the_second_factor_reset_on_the_user_page_revokes(client, admin, operator):
    TOTPDevice.objects.create(user=operator, name="hp", confirmed=True)
    _, token = TokenAPI.buat(operator)
    client.force_login(admin)
    client.post(reverse("akun:pengguna_atur_ulang_dua_langkah", args=[operator.pk]))
    assert not _bisa(client, token)


def test_the_user_makes_lists_and_revokes_their_own_tokens(client, operator):
    client.force_login(operator)
    r = client.post(reverse("token:saya"), {"aksi": "buat"})
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    token = r.context["baru"]
    assert token and token in r.content.decode()
    obj = TokenAPI.objects.get(user=operator)
    assert obj.perangkat is None and _bisa(client, token)
    assert CatatanAkun.objects.filter(pengguna=operator, tindakan=TindakanAkun.TOKEN_DIBUAT).exists()
    halaman = client.get(reverse("token:saya")).content.decode()
    assert f"{obj.prefiks}…" in halaman and token not in halaman
    r = client.post(reverse("token:cabut", args=[obj.pk]))
    assert r.status_code == 302 and r["Location"] == reverse("token:saya")
    assert not _bisa(client, token)
    assert TokenAPI.objects.get().dicabut_karena == "dicabut pemiliknya"


def test_a_verified_second_factor_session_issues_a_token_bound_to_its_device(client, settings, verifikator):
    from django_otp import login as otp_login

    settings.SIAP_2FA = True
    perangkat = TOTPDevice.objects.create(user=verifikator, name="hp", confirmed=True)
    client.force_login(verifikator)
    # not yet verified: the two-step middleware sends the user to the code page
    r = client.post(reverse("token:saya"), {"aksi": "buat"})
    assert r.status_code == 302 and r["Location"].startswith(reverse("akun:dua_langkah"))
    assert not TokenAPI.objects.exists()

    from django.test import RequestFactory

    permintaan = RequestFactory().get("/")
    permintaan.session = client.session
    permintaan.user = verifikator
    otp_login(permintaan, perangkat)
    permintaan.session.save()
    r = client.post(reverse("token:saya"), {"aksi": "buat"})
    assert r.status_code == 200
    assert TokenAPI.objects.get().perangkat == perangkat
    assert _bisa(client, r.context["baru"])


def test_another_users_token_is_not_found_and_the_admin_revokes_any(client, operator, admin):
    obj, token = TokenAPI.buat(operator)
    lain = buat_pengguna("op.y", Peran.OPERATOR)
    client.force_login(lain)
    assert client.post(reverse("token:cabut", args=[obj.pk])).status_code == 404
    assert _bisa(client, token)
    client.force_login(admin)
    halaman = client.get(reverse("akun:pengguna_rinci", args=[operator.pk])).content.decode()
    assert "Token API" in halaman and f"{obj.prefiks}…" in halaman
    r = client.post(reverse("token:cabut", args=[obj.pk]), {"dari": "pengguna"})
    assert r["Location"] == reverse("akun:pengguna_rinci", args=[operator.pk])
    assert not _bisa(client, token)
    assert TokenAPI.objects.get().dicabut_karena == "dicabut oleh admin"
    assert timezone.now() >= TokenAPI.objects.get().dicabut_pada
