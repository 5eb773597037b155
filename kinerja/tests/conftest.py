"""Personas and a small budget for the kinerja tests: Dinas Kesehatan (two sub kegiatan under
one program) and PUPR, with realisasi through September 2025, fisik, indicators on every
level and the quarter's realisasi (the personas are the root conftest.py's).
Time is frozen on 5 October 2025: September (TW III) is open for reporting."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from budget import testing as t
from kinerja.models import IndikatorKinerja, RealisasiIndikator, Tingkat

D = Decimal
SUB_A1, SUB_A2, SUB_B = "1.02.02.2.01.0001", "1.02.02.2.02.0001", "1.03.03.2.01.0001"


def waktu(y, m, d, h=10):
    return datetime.datetime(y, m, d, h, tzinfo=timezone.get_default_timezone())


@pytest.fixture(autouse=True)
def waktu_beku():
    with time_machine.travel(waktu(2025, 10, 5), tick=False):
        yield


@pytest.fixture
def anggaran(dinkes, pupr):
    """Money: Dinkes 1.200 + 600 (sub A1) and 2.400 (sub A2), PUPR 1.000 (sub B)."""
    t.rincian(o=dinkes, sub=SUB_A1, pagu="1200", ak=[100] * 12,
              realisasi={1: 50, 2: 50, 3: "100.25", 4: 100, 5: 100, 6: 100, 7: 90, 8: 90,
                         9: "120.10"})
    t.rincian(o=dinkes, sub=SUB_A1, sd="PAD", pagu="600", ak=[50] * 12,
              realisasi={3: 150, 6: 150, 9: 150})
    t.rincian(o=dinkes, sub=SUB_A2, jb="5.2.03", pagu="2400",
              ak=[0, 0, 0, 600, 600, 600, 600, 0, 0, 0, 0, 0], realisasi={5: 300, 8: 900})
    t.rincian(o=pupr, sub=SUB_B, pagu="1000", ak=[0] * 11 + [1000], realisasi={9: 10})
    for sub, fisik, target in ((SUB_A1, 70, 75), (SUB_A2, 40, 60), (SUB_B, 5, 10)):
        t.fisik(dinkes if sub != SUB_B else pupr, sub, 9, realisasi=fisik, target=target)
    return dinkes, pupr


def indikator(opd, tingkat, obj, uraian, satuan, target, tw=(None,) * 4, **lain):
    return IndikatorKinerja.objects.create(
        tahun=t.tahun(2025), opd=opd, tingkat=tingkat, **{tingkat: obj}, uraian=uraian,
        satuan=satuan, target=D(target), target_tw1=tw[0], target_tw2=tw[1],
        target_tw3=tw[2], target_tw4=tw[3], **lain)


@pytest.fixture
def indikator_dinkes(anggaran):
    """Four indicators of Dinas Kesehatan and their realisasi of TW I and II."""
    dinkes, _ = anggaran
    a1 = t.sub_kegiatan(SUB_A1)
    a2 = t.sub_kegiatan(SUB_A2)
    program = a1.kegiatan.program
    i_prog = indikator(dinkes, Tingkat.PROGRAM, program, "Prevalensi balita stunting", "%",
                       "14", (D(14),) * 4, akumulasi="terakhir", arah="turun",
                       target_renstra=D(12), realisasi_renstra_lalu=D("17.5"),
                       target_renstra_rp=D("20000"), realisasi_renstra_lalu_rp=D("9000"))
    i_a1 = indikator(dinkes, Tingkat.SUB_KEGIATAN, a1, "Jumlah puskesmas yang dibangun",
                     "unit", "4", (D(1), D(1), D(1), D(1)))
    i_a1b = indikator(dinkes, Tingkat.SUB_KEGIATAN, a1, "Persentase pekerjaan tepat waktu",
                      "%", "100", (D(25), D(50), D(75), D(100)), akumulasi="terakhir",
                      nomor=2)
    i_a2 = indikator(dinkes, Tingkat.SUB_KEGIATAN, a2, "Jumlah alat kesehatan", "paket", "0",
                     (D(0),) * 4)
    for ind, nilai in ((i_prog, ("15.2", "14.8")), (i_a1, ("1", "2")),
                       (i_a1b, ("20", "45.5"))):
        for tw, v in enumerate(nilai, start=1):
            RealisasiIndikator.objects.create(indikator=ind, triwulan=tw, nilai=D(v))
    return {"program": i_prog, "a1": i_a1, "a1b": i_a1b, "a2": i_a2}


@pytest.fixture
def indikator_pupr(anggaran):
    _, pupr = anggaran
    return indikator(pupr, Tingkat.SUB_KEGIATAN, t.sub_kegiatan(SUB_B),
                     "Jumlah sambungan rumah", "SR", "200", (D(50),) * 4)


def ajukan(lap, oleh):
    """Submit ``lap`` after completing its blanks (realisasi 0, fisik as last month) and
    explaining the monthly report's own warnings (the kinerja ones are left to the test)."""
    from decimal import Decimal

    from reporting import services
    from reporting.isi import muat_isi
    from reporting.models import PenjelasanPeringatan
    from reporting.validasi import Tingkat as TingkatPesan

    lap.refresh_from_db()
    isi = muat_isi(lap)
    kosong_r = {b.rincian_id: Decimal(0) for b in isi.baris if b.realisasi is None}
    kosong_f = {s.sub_kegiatan_id: s.fisik_sebelumnya or Decimal(0)
                for s in isi.sub if s.fisik is None}
    if kosong_r or kosong_f:
        services.simpan(lap, oleh, revisi=lap.revisi, realisasi=kosong_r, fisik=kosong_f)
        lap.refresh_from_db()
    for p in services.periksa_laporan(lap):
        if p.tingkat == TingkatPesan.PERINGATAN:
            PenjelasanPeringatan.objects.get_or_create(laporan=lap, kode=p.kode,
                                                       defaults={"teks": "Sesuai SP2D.", "oleh": oleh})
    return services.ajukan(lap, oleh, revisi=lap.revisi)
