"""User management pages for admins: list, create, edit, deactivate, reset password, all audited;
everyone else refused."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts.models import CatatanAkun, Peran, TindakanAkun, User
from budget import testing as t

pytestmark = pytest.mark.django_db


@pytest.fixture
def opd():
    return t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan"), \
        t.opd("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum")


@pytest.fixture
def ac(client, admin):
    client.force_login(admin)
    return client


@pytest.mark.parametrize("peran", [Peran.OPERATOR, Peran.VERIFIKATOR, Peran.PIMPINAN])
def test_everyone_but_an_admin_is_refused(client, admin, peran):
    client.force_login(User.objects.create_user("lain", password="x", peran=peran))
    for url in [reverse("akun:pengguna_daftar"), reverse("akun:pengguna_tambah"),
                reverse("akun:pengguna_rinci", args=[admin.pk]),
                reverse("akun:pengguna_ubah", args=[admin.pk])]:
        assert client.get(url).status_code == 403, url
    r = client.post(reverse("akun:pengguna_atur_ulang_sandi", args=[admin.pk]))
    assert r.status_code == 403
    admin.refresh_from_db()
    assert admin.check_password("x")


def test_the_nav_shows_pengguna_only_to_admins(client, admin, verifikator):
    client.force_login(admin)
    assert 'href="/akun/pengguna/"' in client.get(reverse("akun:kata_sandi")).content.decode()
    client.force_login(verifikator)
    assert 'href="/akun/pengguna/"' not in client.get(reverse("akun:kata_sandi")).content.decode()


def test_the_list_shows_role_opd_and_2fa_in_a_constant_number_of_queries(
        ac, opd, django_assert_max_num_queries):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for i in range(6):
        u = User.objects.create_user(f"op{i}", password="x", peran=Peran.OPERATOR)
        u.opd.add(opd[i % 2])
    v = User.objects.create_user("verif", password="x", peran=Peran.VERIFIKATOR, first_name="Vera")
    TOTPDevice.objects.create(user=v, name="hp", confirmed=True)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as sedikit:
        ac.get(reverse("akun:pengguna_daftar"))
    for i in range(6, 12):
        User.objects.create_user(f"op{i}", password="x", peran=Peran.OPERATOR).opd.add(opd[1])
    with django_assert_max_num_queries(len(sedikit)):  # twice the users, no more queries
        r = ac.get(reverse("akun:pengguna_daftar"))
    assert len(sedikit) <= 10
    html = r.content.decode()
    assert r.status_code == 200
    assert "op5" in html and "Dinas Pekerjaan Umum" in html and "Vera" in html
    assert 'lencana--ya">aktif</span></td>\n      <td>' in html  # at least one 2FA "aktif"

    r = ac.get(reverse("akun:pengguna_daftar"), {"peran": "operator", "opd": opd[0].pk})
    html = r.content.decode()
    assert ">op0</a>" in html and ">op2</a>" in html
    assert ">op1</a>" not in html and ">verif</a>" not in html
    r = ac.get(reverse("akun:pengguna_daftar"), {"q": "vera"})
    assert ">verif</a>" in r.content.decode() and ">op0</a>" not in r.content.decode()


def test_an_operator_needs_an_opd_and_other_roles_none(ac, opd):
    r = ac.post(reverse("akun:pengguna_tambah"), {"username": "baru", "nama_lengkap": "Budi",
                                                  "peran": Peran.OPERATOR, "kata_sandi": ""})
    assert "sekurang-kurangnya satu perangkat daerah" in r.content.decode()
    r = ac.post(reverse("akun:pengguna_tambah"), {"username": "baru", "nama_lengkap": "Budi",
                                                  "peran": Peran.PIMPINAN, "opd": [opd[0].pk]})
    assert "Hanya Operator OPD yang dikaitkan" in r.content.decode()
    assert not User.objects.filter(username="baru").exists()


def test_a_weak_initial_password_is_refused_in_indonesian(ac, opd):
    r = ac.post(reverse("akun:pengguna_tambah"), {
        "username": "baru", "nama_lengkap": "Budi", "peran": Peran.OPERATOR, "opd": [opd[0].pk],
        "kata_sandi": "12345"})
    html = r.content.decode()
    assert "terlalu pendek" in html
    assert not User.objects.filter(username="baru").exists()


def test_creating_a_user_with_a_generated_password_shows_it_once_and_is_audited(ac, admin, opd):
    r = ac.post(reverse("akun:pengguna_tambah"), {
        "username": "budi.op", "nama_lengkap": "Budi Santoso", "email": "", "peran": Peran.OPERATOR,
        "opd": [opd[0].pk, opd[1].pk]})
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    baru = User.objects.get(username="budi.op")
    sandi = r.context["sandi"]
    assert sandi in r.content.decode() and baru.check_password(sandi) and len(sandi) >= 12
    assert set(baru.opd.all()) == set(opd) and baru.first_name == "Budi Santoso"
    catatan = CatatanAkun.objects.get(pengguna=baru)
    assert catatan.tindakan == TindakanAkun.DIBUAT and catatan.oleh == admin
    assert "Dinas Kesehatan" in catatan.keterangan
    halaman = ac.get(reverse("akun:pengguna_rinci", args=[baru.pk])).content.decode()
    assert "Pengguna dibuat" in halaman and sandi not in halaman


def test_editing_and_deactivating_are_audited_and_never_delete(ac, admin, opd):
    u = User.objects.create_user("siti", password="x", peran=Peran.OPERATOR)
    u.opd.add(opd[0])
    r = ac.post(reverse("akun:pengguna_ubah", args=[u.pk]), {
        "nama_lengkap": "Siti", "email": "", "peran": Peran.OPERATOR, "jabatan": "",
        "opd": [opd[1].pk]})  # is_active unticked: deactivated
    assert r.status_code == 302
    u.refresh_from_db()
    assert not u.is_active and list(u.opd.all()) == [opd[1]]
    tindakan = set(CatatanAkun.objects.filter(pengguna=u).values_list("tindakan", flat=True))
    assert tindakan == {TindakanAkun.DIUBAH, TindakanAkun.DINONAKTIFKAN}
    ubah = CatatanAkun.objects.get(pengguna=u, tindakan=TindakanAkun.DIUBAH)
    assert "Dinas Kesehatan → Dinas Pekerjaan Umum" in ubah.keterangan
    assert User.objects.filter(pk=u.pk).exists()


def test_the_last_active_admin_cannot_demote_or_deactivate_themselves(ac, admin):
    data = {"nama_lengkap": "Andi", "peran": Peran.PIMPINAN, "is_active": "on"}
    r = ac.post(reverse("akun:pengguna_ubah", args=[admin.pk]), data)
    assert r.status_code == 200 and "admin aktif terakhir" in r.content.decode()
    r = ac.post(reverse("akun:pengguna_ubah", args=[admin.pk]),
                {"nama_lengkap": "Andi", "peran": Peran.ADMIN})
    assert "tidak dapat menonaktifkan akun Anda sendiri" in r.content.decode()
    admin.refresh_from_db()
    assert admin.peran == Peran.ADMIN and admin.is_active
    # With a second admin, stepping down is allowed.
    User.objects.create_user("admin2", password="x", peran=Peran.ADMIN)
    r = ac.post(reverse("akun:pengguna_ubah", args=[admin.pk]), data)
    assert r.status_code == 302
    admin.refresh_from_db()
    assert admin.peran == Peran.PIMPINAN


def test_resetting_a_password_shows_it_once_and_ends_the_users_sessions(client, ac, admin):
    u = User.objects.create_user("lupa", password="lama-sekali-2025", peran=Peran.PIMPINAN)
    sesi_lain = client.__class__()
    sesi_lain.force_login(u)
    assert sesi_lain.get(reverse("evaluation:dasbor")).status_code == 200
    r = ac.post(reverse("akun:pengguna_atur_ulang_sandi", args=[u.pk]))
    assert r.status_code == 200 and r["Cache-Control"] == "no-store"
    u.refresh_from_db()
    assert u.check_password(r.context["sandi"]) and not u.check_password("lama-sekali-2025")
    assert CatatanAkun.objects.filter(pengguna=u, tindakan=TindakanAkun.SANDI_DIATUR_ULANG,
                                      oleh=admin).exists()
    assert sesi_lain.get(reverse("evaluation:dasbor")).status_code == 302
    assert SESSION_KEY not in sesi_lain.session
    assert ac.get(reverse("akun:pengguna_atur_ulang_sandi", args=[u.pk])).status_code == 405
