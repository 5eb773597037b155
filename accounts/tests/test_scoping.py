"""opd_terlihat: the one rule for which OPD a user may see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Peran, User
from accounts.scoping import opd_terlihat
from budget import testing as t

pytestmark = pytest.mark.django_db


@pytest.fixture
def dinkes():
    return t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")


@pytest.fixture
def pupr():
    return t.opd("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang")


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.PIMPINAN, Peran.ADMIN])
def test_verifikator_pimpinan_and_admin_see_every_opd(peran, dinkes):
    u = User.objects.create_user("u", password="x", peran=peran)
    u.opd.add(dinkes)  # an assignment does not narrow a reader's view
    assert opd_terlihat(u) is None


def test_a_superuser_sees_every_opd_whatever_its_role():
    u = User.objects.create_superuser("root", password="x", peran=Peran.OPERATOR)
    assert opd_terlihat(u) is None


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
