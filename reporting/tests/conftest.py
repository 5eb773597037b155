import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import Peran, User
from budget import testing as t

WIB = timezone.get_default_timezone


def waktu(y, m, d, h=12):
    return datetime.datetime(y, m, d, h, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def dinkes(db):
    return t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")


@pytest.fixture
def pupr(db):
    return t.opd("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang")


@pytest.fixture
def operator_dinkes(dinkes):
    u = User.objects.create_user("op.dinkes", password="x", peran=Peran.OPERATOR)
    u.opd.add(dinkes)
    return u


@pytest.fixture
def verifikator(db):
    return User.objects.create_user("verif", password="x", peran=Peran.VERIFIKATOR)


@pytest.fixture
def baris_dinkes(dinkes, pupr):
    """Two sub kegiatan of Dinas Kesehatan (three lines) and one line of PUPR, 2025."""
    r1 = t.rincian(o=dinkes, sub="1.02.02.2.01.0001", pagu=1200, ak=[100] * 12,
                   realisasi={1: 100, 2: 100})
    r2 = t.rincian(o=dinkes, sub="1.02.02.2.01.0001", sd="PAD", pagu=600, ak=[50] * 12,
                   realisasi={1: 50, 2: 50})
    r3 = t.rincian(o=dinkes, sub="1.02.02.2.02.0001", jb="5.2.03", pagu=2400,
                   ak=[0, 0, 0, 600, 600, 600, 600, 0, 0, 0, 0, 0])
    lain = t.rincian(o=pupr, sub="1.03.03.2.01.0001", pagu=1000, ak=[0] * 11 + [1000])
    return r1, r2, r3, lain


def D(x):
    return Decimal(str(x))


@pytest.fixture
def operator_pupr(pupr):
    """An operator of another OPD, who must see nothing of Dinas Kesehatan."""
    u = User.objects.create_user("op.pupr", password="x", peran=Peran.OPERATOR)
    u.opd.add(pupr)
    return u


@pytest.fixture
def pimpinan(db):
    return User.objects.create_user("pimpinan", password="x", peran=Peran.PIMPINAN)
