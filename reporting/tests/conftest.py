"""The reporting tests' budget lines; the personas (dinkes, pupr, operator_dinkes, operator_pupr,
verifikator, pimpinan) are the shared ones of the root conftest.py."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from budget import testing as t

WIB = timezone.get_default_timezone


def waktu(y, m, d, h=12):
    return datetime.datetime(y, m, d, h, tzinfo=timezone.get_default_timezone())


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
