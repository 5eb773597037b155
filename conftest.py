"""The shared test personas, for every app's tests (pytest finds this conftest for all of
``testpaths``). Two OPD — Dinas Kesehatan and, as "another OPD", Dinas PUPR — and one user
per role, each with the password "x":

- ``operator_dinkes`` ("op.dinkes"): the operator of Dinas Kesehatan;
- ``operator_pupr`` ("op.pupr"): the operator of another OPD, who must see nothing of Dinas
  Kesehatan;
- ``verifikator`` ("verif"), ``pimpinan`` ("pimpinan"), ``admin`` ("admin");
- ``bappeda`` ("bappeda"): a Pimpinan account holding Bappeda's permission (kinerja).

A test file or an app's conftest may still define a fixture of the same name for a persona
that needs unusual setup; pytest then uses the nearer one.
"""

import pytest

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from budget import testing as t

KODE_DINKES = "1.02.0.00.0.00.01.0000"
KODE_PUPR = "1.03.0.00.0.00.01.0000"


@pytest.fixture
def dinkes(db):
    return t.opd(KODE_DINKES, "Dinas Kesehatan")


@pytest.fixture
def pupr(db):
    return t.opd(KODE_PUPR, "Dinas Pekerjaan Umum dan Penataan Ruang")


@pytest.fixture
def operator_dinkes(dinkes):
    return buat_pengguna("op.dinkes", Peran.OPERATOR, dinkes)


@pytest.fixture
def operator_pupr(pupr):
    """An operator of another OPD, who must see nothing of Dinas Kesehatan."""
    return buat_pengguna("op.pupr", Peran.OPERATOR, pupr)


@pytest.fixture
def verifikator(db):
    return buat_pengguna("verif", Peran.VERIFIKATOR)


@pytest.fixture
def pimpinan(db):
    return buat_pengguna("pimpinan", Peran.PIMPINAN)


@pytest.fixture
def admin(db):
    return buat_pengguna("admin", Peran.ADMIN, first_name="Andi Admin")


@pytest.fixture
def bappeda(db):
    from kinerja.akses import grup_bappeda

    u = buat_pengguna("bappeda", Peran.PIMPINAN)
    u.groups.add(grup_bappeda())
    return User.objects.get(pk=u.pk)  # a fresh object: permissions are cached per object


@pytest.fixture
def tembolok_kosong():
    """The kept page parts and figures (``lib.tembolok``) forgotten before and after the test:
    each test of the kept pages starts with nothing kept, in memory and in the file cache."""
    from lib import tembolok

    tembolok.kosongkan()
    yield
    tembolok.kosongkan()
