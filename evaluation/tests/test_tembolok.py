"""The kept page parts (lib.tembolok, evaluation/reporting tembolok.py): the data token
changes with every kind of write, a kept page is recomputed after any of them, the viewer's
scope is part of the key, and a kept page costs a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import JenisVersi, Pemda, PerangkatDaerah, SumberDana
from lib import tembolok, versi_data

# Committed writes: PostgreSQL replaces the data token at commit.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tembolok_kosong")]

URL = reverse("evaluation:dasbor")


@pytest.fixture
def data(db):
    Pemda.objects.create(nama="Kabupaten Uji", provinsi="Lampung")
    dinkes = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    pupr = t.opd("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum")
    v = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1), nama="APBD Murni 2025")
    t.rincian(o=dinkes, sub="1.02.02.2.01.0001", pagu=1200, v=v, realisasi={1: 100})
    t.rincian(o=pupr, sub="1.03.02.2.01.0001", pagu=5000, v=v, realisasi={2: 700})
    return dinkes, pupr


def _pimpinan():
    return buat_pengguna("pimpinan", Peran.PIMPINAN)


def test_every_kind_of_write_changes_the_token(data):
    dinkes, _ = data
    langkah = [
        lambda: Pemda.objects.create(nama="Lain", provinsi="Lampung"),
        lambda: PerangkatDaerah.objects.filter(pk=dinkes.pk).update(nama="Dinkes"),
        lambda: SumberDana.objects.bulk_create([SumberDana(kode="X1", nama="Uji", urutan=99)]),
        lambda: connection.cursor().execute(
            "UPDATE budget_perangkatdaerah SET nama = 'Dinas K' WHERE id = %s", [dinkes.pk]),
        lambda: SumberDana.objects.filter(kode="X1").delete(),
    ]
    for tulis in langkah:
        sebelum = versi_data.baca()
        tulis()
        assert versi_data.baca() != sebelum


def test_a_session_write_keeps_the_token(data, client):
    sebelum = versi_data.baca()
    client.force_login(_pimpinan())  # a new user (an INSERT): a new token
    setelah_masuk = versi_data.baca()
    assert setelah_masuk != sebelum
    client.get("/masuk/")
    s = client.session
    s["x"] = 1
    s.save()
    assert versi_data.baca() == setelah_masuk


def test_a_sign_in_alone_keeps_the_token_any_other_change_of_a_user_does_not(data, client):
    """last_login is written at every sign-in and shown on no kept page: a morning of sign-ins
    must not make every worker recompute the leaders' pages. Any other change of a user (a
    name, a role, an OPD assignment) still gives a new token."""
    dinkes, _ = data
    u = _pimpinan()
    sebelum = versi_data.baca()
    client.force_login(u)
    u.refresh_from_db()
    assert u.last_login is not None
    assert versi_data.baca() == sebelum
    # A database of an earlier SIAP holds the trigger on every update of the table; the next
    # migrate (``pasang``) replaces it.
    with connection.cursor() as c:
        if connection.vendor == "postgresql":
            c.execute("DROP TRIGGER siap_versi_baris_kolom ON accounts_user")
            c.execute("CREATE CONSTRAINT TRIGGER siap_versi_baris AFTER INSERT OR UPDATE OR "
                      "DELETE ON accounts_user DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                      "EXECUTE FUNCTION siap_ganti_versi()")
        else:
            c.execute('DROP TRIGGER "siap_versi_update_kolom_accounts_user"')
            c.execute('CREATE TRIGGER "siap_versi_update_accounts_user" AFTER UPDATE ON '
                      "accounts_user BEGIN UPDATE siap_versi_data SET nilai = "
                      "(random() & 4611686018427387903) + 1 WHERE id = 1; END")
    sebelum = versi_data.baca()
    client.force_login(u)
    assert versi_data.baca() != sebelum  # the earlier rule
    versi_data.pasang()
    sebelum = versi_data.baca()
    client.force_login(u)
    assert versi_data.baca() == sebelum
    for ubah in (lambda: User.objects.filter(pk=u.pk).update(first_name="Nukman"),
                 lambda: User.objects.filter(pk=u.pk).update(peran=Peran.VERIFIKATOR),
                 lambda: u.opd.add(dinkes),
                 lambda: u.save()):
        sebelum = versi_data.baca()
        ubah()
        assert versi_data.baca() != sebelum


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="PostgreSQL only: SQLite rebuilds a table to alter a column")
def test_a_migration_may_still_change_the_type_of_a_users_column(data):
    """The sign-in rule must not tie the user table's columns to a trigger: PostgreSQL refuses
    to change the type of a column a trigger names."""
    from django.db import transaction

    lama = User._meta.get_field("jabatan")
    baru = lama.clone()
    baru.max_length = lama.max_length + 100
    baru.set_attributes_from_name("jabatan")
    baru.model = User

    class Batal(Exception):
        pass

    with pytest.raises(Batal), transaction.atomic():
        with connection.schema_editor(atomic=False) as editor:
            editor.alter_field(User, lama, baru, strict=True)
        raise Batal  # leave the test database as it was


def test_the_dashboard_is_recomputed_after_update_and_raw_sql(data, client):
    dinkes, _ = data
    client.force_login(_pimpinan())
    assert "Dinas Kesehatan" in client.get(URL, {"tahun": 2025, "bulan": 3}).content.decode()
    PerangkatDaerah.objects.filter(pk=dinkes.pk).update(nama="Dinas Kesehatan Baru")
    assert "Dinas Kesehatan Baru" in client.get(URL, {"tahun": 2025, "bulan": 3}).content.decode()
    with connection.cursor() as c:
        c.execute("UPDATE budget_perangkatdaerah SET nama = 'Dinkes Raw' WHERE id = %s",
                  [dinkes.pk])
    assert "Dinkes Raw" in client.get(URL, {"tahun": 2025, "bulan": 3}).content.decode()


def test_a_kept_dashboard_is_never_shown_beyond_the_viewers_scope(data, client):
    dinkes, _ = data
    client.force_login(_pimpinan())
    assert "Dinas Pekerjaan Umum" in client.get(URL, {"tahun": 2025, "bulan": 3}).content.decode()
    op = buat_pengguna("op", Peran.OPERATOR)
    op.opd.set([dinkes])
    client.force_login(op)
    html = client.get(URL, {"tahun": 2025, "bulan": 3}).content.decode()
    assert "Dinas Kesehatan" in html and "Dinas Pekerjaan Umum" not in html


def test_a_kept_dashboard_costs_a_constant_number_of_queries(data, client):
    client.force_login(_pimpinan())
    client.get(URL, {"tahun": 2025, "bulan": 3})
    jumlah = []
    for _ in range(3):
        with CaptureQueriesContext(connection) as q:
            r = client.get(URL, {"tahun": 2025, "bulan": 3})
        assert r.status_code == 200
        jumlah.append(len(q))
    assert jumlah[0] == jumlah[1] == jumlah[2] <= 10


def test_the_kept_page_is_the_page(data, client):
    client.force_login(_pimpinan())
    tembolok.aktif = False
    try:
        tanpa = client.get(URL, {"tahun": 2025, "bulan": 3}).content.decode()
    finally:
        tembolok.aktif = True
    client.get(URL, {"tahun": 2025, "bulan": 3})
    dengan = client.get(URL, {"tahun": 2025, "bulan": 3}).content.decode()
    potong = lambda h: h.split("<main", 1)[1].split("</main>", 1)[0]  # noqa: E731
    assert potong(tanpa) == potong(dengan)
