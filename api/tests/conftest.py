"""Personas for the API tests: Dinas Kesehatan (OPD A) and PUPR (OPD B), each with its
operator, plus a verifier and a leader — every one with an API token."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from api.models import TokenAPI
from budget import testing as t
from reporting import services
from reporting.models import LaporanBulanan, StatusLaporan


@dataclass
class Sampel:
    opd_a: object
    opd_b: object
    rincian_a: object
    rincian_b: object
    rincian_b2: object
    operator_a: User
    operator_b: User
    verifikator: User
    pimpinan: User
    token: dict  # username -> token


@pytest.fixture(autouse=True)
def waktu_beku():
    # 5 April 2025: March is open for reporting.
    with time_machine.travel(timezone.make_aware(timezone.datetime(2025, 4, 5, 10)), tick=False):
        yield




@pytest.fixture
def sampel(db) -> Sampel:
    opd_a = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    opd_b = t.opd("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum dan Penataan Ruang")
    rincian_a = t.rincian(o=opd_a, sub="1.02.02.2.01.0001", pagu="1200.50", ak=[100] * 11 + ["100.50"],
                          realisasi={1: 100, 2: "100.25"})
    rincian_b = t.rincian(o=opd_b, sub="1.03.03.2.01.0001", pagu=2400, ak=[200] * 12,
                          realisasi={1: 150, 2: 200})
    rincian_b2 = t.rincian(o=opd_b, sub="1.03.03.2.01.0001", sd="PAD", jb="5.2.03", pagu=1200,
                           ak=[100] * 12, realisasi={1: 100})
    t.fisik(opd_b, "1.03.03.2.01.0001", 2, realisasi=10, target=15)
    ta = t.tahun(2025)
    diajukan = timezone.make_aware(timezone.datetime(2025, 3, 7, 9))
    for o in (opd_a, opd_b):
        LaporanBulanan.objects.create(tahun=ta, opd=o, bulan=2, status=StatusLaporan.DIAJUKAN,
                                      pertama_diajukan_pada=diajukan, diajukan_pada=diajukan)
        services.laporan_untuk(o, 2025, 3)
    pengguna = [
        buat_pengguna("op.a", Peran.OPERATOR, opd_a),
        buat_pengguna("op.b", Peran.OPERATOR, opd_b),
        buat_pengguna("verif", Peran.VERIFIKATOR),
        buat_pengguna("pimpinan", Peran.PIMPINAN),
    ]
    token = {u.username: TokenAPI.buat(u)[1] for u in pengguna}
    return Sampel(opd_a, opd_b, rincian_a, rincian_b, rincian_b2, *pengguna, token=token)


def auth(sampel: Sampel, user: User) -> dict:
    return {"Authorization": f"Bearer {sampel.token[user.username]}"}


def isi_basis_data() -> dict:
    """Every row of every table but sessions and the tokens' last-used stamps."""
    hasil = {}
    for m in apps.get_models():
        if m._meta.label == "sessions.Session":
            continue
        rows = list(m.objects.order_by("pk").values())
        if m._meta.label == "api.TokenAPI":
            for r in rows:
                r.pop("terakhir_dipakai")
        hasil[m._meta.label] = rows
    return hasil
