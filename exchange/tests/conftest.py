import pytest

from budget import testing as t

from .bantu import MURNI, OPD, SUB


@pytest.fixture
def apbd(db):
    """One OPD with two lines in APBD Murni 2025 and some realisasi."""
    o = t.opd(OPD, "Dinas Kesehatan")
    v = t.versi(2025, berlaku=MURNI, nama="APBD Murni 2025")
    t.jenis_belanja("5.2.02", "Belanja Modal Peralatan dan Mesin", "modal")
    r1 = t.rincian(o=o, sub=SUB, sd="DAU", jb="5.1.02", pagu=1200, ak=[100] * 12,
                   realisasi={1: 100}, v=v)
    r2 = t.rincian(o=o, sub=SUB, sd="PAD", jb="5.2.02", pagu="5000.50",
                   ak=["0"] * 11 + ["5000.50"], v=v)
    return {"opd": o, "versi": v, "r1": r1, "r2": r2}


