"""accounts.akses: the one access module — which OPD each role sees (always a queryset, never
``None`` for "all"), the object or 404, and the role checks on the user (or 403)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from accounts import akses
from accounts.akses import cakupan_opd, opd_atau_404, opd_terlihat, saring_opd
from accounts.models import Peran, User
from budget import testing as t
from budget.models import PerangkatDaerah

pytestmark = pytest.mark.django_db


def _semua():
    return set(PerangkatDaerah.objects.all())


# --- opd_terlihat: what each role sees ------------------------------------------------------

@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.PIMPINAN, Peran.ADMIN])
def test_verifikator_pimpinan_and_admin_see_every_opd(peran, dinkes, pupr):
    u = User.objects.create_user("u", password="x", peran=peran)
    u.opd.add(dinkes)  # an assignment does not narrow a reader's view
    assert set(opd_terlihat(u)) == _semua() == {dinkes, pupr}


def test_a_superuser_sees_every_opd_whatever_its_role(dinkes, pupr):
    u = User.objects.create_superuser("root", password="x", peran=Peran.OPERATOR)
    assert set(opd_terlihat(u)) == {dinkes, pupr}


def test_an_operator_sees_only_their_own_opd(dinkes, pupr):
    u = User.objects.create_user("op", password="x", peran=Peran.OPERATOR)
    u.opd.add(dinkes)
    assert list(opd_terlihat(u)) == [dinkes]


def test_an_operator_of_two_opd_sees_both_and_no_other(dinkes, pupr):
    ketiga = t.opd("1.04.0.00.0.00.01.0000", "Dinas Perumahan dan Kawasan Permukiman")
    u = User.objects.create_user("op", password="x", peran=Peran.OPERATOR)
    u.opd.add(dinkes, ketiga)
    assert set(opd_terlihat(u)) == {dinkes, ketiga}


def test_an_operator_not_yet_assigned_sees_nothing_rather_than_everything(dinkes):
    u = User.objects.create_user("op", password="x", peran=Peran.OPERATOR)
    assert opd_terlihat(u) is not None
    assert not opd_terlihat(u).exists()


def test_an_anonymous_visitor_sees_nothing(dinkes):
    terlihat = opd_terlihat(AnonymousUser())
    assert terlihat is not None and not terlihat.exists()


@pytest.mark.parametrize("siapa", ["verifikator", "pimpinan", "admin", "operator", "tamu"])
def test_every_helper_answers_with_a_queryset_never_none(siapa, dinkes):
    u = AnonymousUser() if siapa == "tamu" else User.objects.create_user(siapa, peran=siapa)
    assert opd_terlihat(u).model is PerangkatDaerah
    assert saring_opd(u, PerangkatDaerah.objects.all(), kolom="pk").model is PerangkatDaerah


# --- the same rule for other querysets and for rows in memory -------------------------------

def test_saring_opd_narrows_any_queryset_by_its_opd_field(dinkes, pupr, verifikator):
    from reporting.models import LaporanBulanan
    ta = t.tahun(2025)
    lap_a = LaporanBulanan.objects.create(tahun=ta, opd=dinkes, bulan=1)
    lap_b = LaporanBulanan.objects.create(tahun=ta, opd=pupr, bulan=1)
    op = User.objects.create_user("op", peran=Peran.OPERATOR)
    op.opd.add(dinkes)
    assert list(saring_opd(op, LaporanBulanan.objects.all())) == [lap_a]
    assert set(saring_opd(verifikator, LaporanBulanan.objects.all())) == {lap_a, lap_b}
    assert not saring_opd(AnonymousUser(), LaporanBulanan.objects.all()).exists()
    with pytest.raises(Http404):
        akses.dalam_cakupan_atau_404(op, LaporanBulanan.objects.all(), pk=lap_b.pk)
    assert akses.dalam_cakupan_atau_404(verifikator, LaporanBulanan.objects.all(), pk=lap_b.pk) == lap_b


def test_cakupan_opd_holds_rows_in_memory_to_the_same_rule(dinkes, pupr, pimpinan,
                                                          django_assert_num_queries):
    op = User.objects.create_user("op", peran=Peran.OPERATOR)
    op.opd.add(dinkes)
    with django_assert_num_queries(1):
        c = cakupan_opd(op)
    assert dinkes.pk in c and pupr.pk not in c and c.terbatas
    with django_assert_num_queries(0):  # a reader of every OPD costs no query
        c = cakupan_opd(pimpinan)
    assert dinkes.pk in c and pupr.pk in c and not c.terbatas
    tamu = cakupan_opd(AnonymousUser())
    assert dinkes.pk not in tamu and tamu.terbatas


# --- the object or 404 ----------------------------------------------------------------------

def test_another_opds_operator_gets_404_by_id_and_by_kode(dinkes, pupr):
    op = User.objects.create_user("op", peran=Peran.OPERATOR)
    op.opd.add(dinkes)
    assert opd_atau_404(op, dinkes.pk) == dinkes
    assert opd_atau_404(op, kode=dinkes.kode) == dinkes
    with pytest.raises(Http404):
        opd_atau_404(op, pupr.pk)
    with pytest.raises(Http404, match="kode itu tidak ditemukan"):
        opd_atau_404(op, kode=pupr.kode)


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.PIMPINAN, Peran.ADMIN])
def test_readers_open_any_opd_and_a_missing_one_is_still_404(peran, dinkes, pupr):
    u = User.objects.create_user("u", peran=peran)
    assert opd_atau_404(u, pupr.pk) == pupr
    assert opd_atau_404(u, kode=pupr.kode) == pupr
    with pytest.raises(Http404):
        opd_atau_404(u, 999999)
    with pytest.raises(Http404):
        opd_atau_404(u, kode="tidak-ada")


# --- the roles, on the user -----------------------------------------------------------------

PERAN_DIHARAPKAN = {
    # peran: (lihat_semua_opd, boleh_verifikasi, boleh_mengisi, kelola_pengguna, is_operator)
    Peran.OPERATOR: (False, False, True, False, True),
    Peran.VERIFIKATOR: (True, True, False, False, False),
    Peran.PIMPINAN: (True, False, False, False, False),
    Peran.ADMIN: (True, True, True, True, False),
}


@pytest.mark.parametrize("peran", list(PERAN_DIHARAPKAN))
def test_each_role_as_properties_of_the_user(peran):
    u = User(username="u", peran=peran)
    assert (u.lihat_semua_opd, u.boleh_verifikasi, u.boleh_mengisi, u.kelola_pengguna,
            u.is_operator) == PERAN_DIHARAPKAN[peran]
    assert u.wajib_dua_langkah == u.boleh_verifikasi
    assert akses.boleh_verifikasi(u) == u.boleh_verifikasi
    assert akses.boleh_mengisi(u) == u.boleh_mengisi
    assert u.label_peran == Peran(peran).label


def test_a_superuser_holds_every_role_and_shows_as_admin():
    u = User(username="root", peran=Peran.OPERATOR, is_superuser=True)
    assert (u.lihat_semua_opd, u.boleh_verifikasi, u.boleh_mengisi, u.kelola_pengguna,
            u.is_operator) == (True, True, True, True, False)
    assert u.label_peran == "Admin"


def test_an_anonymous_user_holds_no_role_and_gets_403():
    tamu = AnonymousUser()
    assert not akses.boleh_verifikasi(tamu) and not akses.boleh_mengisi(tamu)
    assert not akses.lihat_semua(tamu) and akses.terbatas(tamu)
    with pytest.raises(PermissionDenied):
        akses.wajib_verifikator(tamu)
    with pytest.raises(PermissionDenied):
        akses.wajib_boleh_mengisi(tamu)


@pytest.mark.parametrize("peran,boleh", [(Peran.VERIFIKATOR, True), (Peran.ADMIN, True),
                                          (Peran.PIMPINAN, False), (Peran.OPERATOR, False)])
def test_hanya_verifikator_refuses_with_its_message_before_the_view_runs(peran, boleh):
    dipanggil = []

    @akses.hanya_verifikator("Khusus verifikator.")
    def view(request):
        dipanggil.append(request)
        return HttpResponse("ok")

    request = RequestFactory().post("/")
    request.user = User(username="u", peran=peran)
    if boleh:
        assert view(request).status_code == 200 and dipanggil
    else:
        with pytest.raises(PermissionDenied, match="Khusus verifikator."):
            view(request)
        assert not dipanggil


@pytest.mark.parametrize("peran,boleh", [(Peran.OPERATOR, True), (Peran.ADMIN, True),
                                          (Peran.VERIFIKATOR, False), (Peran.PIMPINAN, False)])
def test_wajib_boleh_mengisi_is_403_for_readers(peran, boleh):
    u = User(username="u", peran=peran)
    if boleh:
        akses.wajib_boleh_mengisi(u)
    else:
        with pytest.raises(PermissionDenied):
            akses.wajib_boleh_mengisi(u)
