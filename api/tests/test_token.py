import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Peran
from accounts.testing import buat_pengguna
from api.models import TokenAPI

from .conftest import auth


def _buat(username, *args) -> str:
    import io

    out, err = io.StringIO(), io.StringIO()
    call_command("token", username, *args, stdout=out, stderr=err)
    return out.getvalue().strip()


@pytest.fixture
def operator(db):
    return buat_pengguna("op.x", Peran.OPERATOR)


def test_the_command_prints_a_new_token_and_stores_only_its_hash(operator):
    token = _buat("op.x")
    obj = TokenAPI.objects.get(user=operator)
    assert len(token) >= 40
    assert obj.hash == hashlib.sha256(token.encode()).hexdigest()
    assert obj.prefiks == token[:8]
    assert token not in str(list(TokenAPI.objects.values()))


def test_a_new_token_revokes_the_previous_one_unless_added(operator):
    pertama = _buat("op.x")
    kedua = _buat("op.x")
    ketiga = _buat("op.x", "--tambah")
    aktif = {t.prefiks for t in TokenAPI.objects.filter(dicabut_pada__isnull=True)}
    assert aktif == {kedua[:8], ketiga[:8]}
    assert TokenAPI.objects.get(prefiks=pertama[:8]).dicabut_pada is not None


def test_cabut_revokes_every_token(operator):
    _buat("op.x")
    _buat("op.x", "--tambah")
    keluaran = _buat("op.x", "--cabut")
    assert "2 token" in keluaran
    assert not TokenAPI.objects.filter(dicabut_pada__isnull=True).exists()


def test_it_refuses_an_unknown_user_in_indonesian(db):
    with pytest.raises(CommandError, match="Pengguna “hantu” tidak ditemukan"):
        _buat("hantu")


def test_it_refuses_an_inactive_user(operator):
    operator.is_active = False
    operator.save()
    with pytest.raises(CommandError, match="tidak aktif"):
        _buat("op.x")
    assert not TokenAPI.objects.exists()


# ---- authentication ----

URL = "/api/opd"


def test_a_valid_token_is_accepted_and_its_use_recorded(client, sampel):
    resp = client.get(URL, headers=auth(sampel, sampel.operator_a))
    assert resp.status_code == 200
    assert TokenAPI.objects.get(user=sampel.operator_a).terakhir_dipakai is not None


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer salah-token", "Token abc", "Basic eDp4"])
def test_a_missing_or_wrong_token_gets_401_in_indonesian(client, sampel, header):
    resp = client.get(URL, headers={"Authorization": header} if header else {})
    assert resp.status_code == 401
    assert "Token API" in resp.json()["detail"]


def test_a_revoked_token_gets_401(client, sampel):
    TokenAPI.cabut_semua(sampel.operator_a)
    assert client.get(URL, headers=auth(sampel, sampel.operator_a)).status_code == 401


def test_an_inactive_users_token_gets_401(client, sampel):
    sampel.operator_a.is_active = False
    sampel.operator_a.save()
    assert client.get(URL, headers=auth(sampel, sampel.operator_a)).status_code == 401


def test_a_session_alone_does_not_open_the_api(client, sampel):
    client.force_login(sampel.verifikator)
    assert client.get(URL).status_code == 401


def test_the_docs_and_schema_are_for_signed_in_users_only(client, sampel):
    for nama in ("api:openapi-view", "api:openapi-json"):
        resp = client.get(reverse(nama))
        assert resp.status_code == 302 and resp.url.startswith(reverse("login"))
    client.force_login(sampel.operator_a)
    docs = client.get(reverse("api:openapi-view"))
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    skema = client.get(reverse("api:openapi-json")).json()
    assert skema["info"]["title"] == "SIAP API"
    assert "opd" in str(skema["paths"])
    # No OPD data in either
    assert sampel.opd_b.nama not in html and sampel.opd_b.nama not in str(skema)
