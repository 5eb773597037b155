"""The last active admin keeps the admin role whatever path tries to take it away: SIAP's user
page (self-edit included, a superuser as in the demo), the Django admin, or code that saves or
deletes the user (a shell, a management command). Issue #17, finding 7."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from accounts.models import AdminTerakhir, CatatanAkun, Peran, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    """As in the demo: the only admin is a superuser with peran Admin."""
    return User.objects.create_superuser("admin", password="x", peran=Peran.ADMIN,
                                         first_name="Andi")


def _ubah(client, user, **data):
    isi = {"nama_lengkap": "Andi", "peran": Peran.ADMIN, "is_active": "on"} | data
    return client.post(reverse("akun:pengguna_ubah", args=[user.pk]), isi)


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.VERIFIKATOR])
def test_the_last_admin_a_superuser_cannot_demote_himself_on_siaps_page(client, admin, peran):
    client.force_login(admin)
    r = _ubah(client, admin, peran=peran)
    assert r.status_code == 200 and "admin aktif terakhir" in r.content.decode()
    admin.refresh_from_db()
    assert (admin.peran, admin.is_superuser, admin.is_active) == (Peran.ADMIN, True, True)
    assert not CatatanAkun.objects.exists()


def test_a_demoted_superuser_really_loses_the_role_and_the_remaining_admin_is_kept(client, admin):
    kedua = User.objects.create_user("kedua", password="x", peran=Peran.ADMIN)
    client.force_login(kedua)
    assert _ubah(client, admin, peran=Peran.PIMPINAN).status_code == 302
    admin.refresh_from_db()
    # The role on SIAP's page is the real role: no longer an admin by the superuser flag.
    assert (admin.peran, admin.is_superuser, admin.kelola_pengguna) == (
        Peran.PIMPINAN, False, False)
    assert "superuser dicabut" in CatatanAkun.objects.get(pengguna=admin).keterangan
    # Now kedua is the last one; demoting himself is refused.
    r = _ubah(client, kedua, peran=Peran.PIMPINAN)
    assert "admin aktif terakhir" in r.content.decode()
    kedua.refresh_from_db()
    assert kedua.kelola_pengguna


def test_saving_or_deleting_the_last_admin_in_code_is_refused(admin):
    admin.is_active = False
    with pytest.raises(AdminTerakhir):
        admin.save()
    admin.refresh_from_db()
    admin.is_superuser, admin.peran = False, Peran.OPERATOR
    with pytest.raises(AdminTerakhir):
        admin.save()
    # (each in its own savepoint: Django deletes without one, and the test runs in a transaction)
    with pytest.raises(AdminTerakhir), transaction.atomic():
        admin.delete()
    with pytest.raises(AdminTerakhir), transaction.atomic():
        User.objects.filter(pk=admin.pk).delete()
    admin.refresh_from_db()
    assert admin.kelola_pengguna and admin.is_active


def test_other_saves_of_the_last_admin_and_of_other_users_still_work(admin):
    admin.first_name = "Andi Baru"
    admin.save()
    admin.save(update_fields=["last_login"])
    pimpinan = User.objects.create_user("p", password="x", peran=Peran.PIMPINAN)
    pimpinan.is_active = False
    pimpinan.save()
    # With a second admin, the first may step down in code too.
    User.objects.create_user("kedua", password="x", peran=Peran.ADMIN)
    admin.is_superuser, admin.peran = False, Peran.PIMPINAN
    admin.save()
    assert not User.objects.get(pk=admin.pk).kelola_pengguna


def test_the_django_admin_refuses_to_demote_or_delete_the_last_admin(client, admin):
    client.force_login(admin)
    url = reverse("admin:accounts_user_change", args=[admin.pk])
    halaman = client.get(url)
    assert halaman.status_code == 200
    r = client.post(url, {
        "username": "admin", "first_name": "Andi", "last_name": "", "email": "",
        "is_active": "on", "is_staff": "on",  # is_superuser unticked
        "peran": Peran.PIMPINAN, "jabatan": "", "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00", "initial-date_joined_0": "2025-01-01",
        "initial-date_joined_1": "08:00:00",
    })
    assert r.status_code == 200 and "admin aktif terakhir" in r.content.decode()
    admin.refresh_from_db()
    assert admin.is_superuser and admin.peran == Peran.ADMIN
    # Users are never deleted (reports refer to them): not even offered.
    assert client.get(reverse("admin:accounts_user_delete", args=[admin.pk])).status_code == 403


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="row locks between concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_admins_demoting_each_other_at_once_leave_one_admin():
    a = User.objects.create_user("a", password="x", peran=Peran.ADMIN)
    b = User.objects.create_user("b", password="x", peran=Peran.ADMIN)
    mulai = threading.Barrier(2)
    hasil = {}

    def turunkan(nama, pk):
        try:
            u = User.objects.get(pk=pk)
            u.peran = Peran.PIMPINAN
            mulai.wait(timeout=10)
            u.save()
            hasil[nama] = "turun"
        except AdminTerakhir:
            hasil[nama] = "ditolak"
        finally:
            connections.close_all()

    utas = [threading.Thread(target=turunkan, args=("a", a.pk)),
            threading.Thread(target=turunkan, args=("b", b.pk))]
    for t in utas:
        t.start()
    for t in utas:
        t.join(30)
    assert sorted(hasil.values()) == ["ditolak", "turun"]
    assert User.objects.filter(peran=Peran.ADMIN, is_active=True).count() == 1
