"""Acceptance on the demo (issue #15): SIPD files made from the demo's 2025 data cumulative to
30 November 2025, imported into the demo with its 2025 realisasi emptied, give `siap rekap
--tahun 2025 --bulan 11 --format json` identical to the original (76,73%, 79,14%); twice
changes nothing. The budget files round-trip the same way."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from budget.models import RealisasiKeuangan
from exchange.sipd import contoh_tulis as ct
from exchange.sipd.anggaran import impor_sipd_anggaran
from exchange.sipd.contoh import data_grup
from exchange.sipd.realisasi import impor_sipd_realisasi

pytestmark = pytest.mark.django_db
BATAS = datetime.date(2025, 11, 30)
HARI_INI = datetime.date(2025, 12, 2)


def _rekap(bulan=11):
    out = io.StringIO()
    call_command("rekap", "--tahun", "2025", "--bulan", str(bulan), "--format", "json",
                 stdout=out)
    return out.getvalue()


def _kosongkan_2025():
    RealisasiKeuangan.objects.filter(rincian__tahun__tahun=2025).update(jumlah=0)


@pytest.fixture
def demo(db):
    from demo.load import muat_demo

    muat_demo(hari_ini=datetime.date(2026, 12, 6), tahun=[2025])  # the demo as of that day
    r0 = _rekap()
    assert (json.loads(r0)["persen_realisasi"], json.loads(r0)["capaian_anggaran_kas"]) == (
        "76.73", "79.14")
    return r0


def test_both_realisasi_variants_reproduce_the_figures_and_twice_changes_nothing(demo, tmp_path):
    grup = data_grup(2025, BATAS)
    for berkas in (ct.realisasi_judul(tmp_path / "realisasi-2025-11-30.csv", grup, BATAS),
                   ct.realisasi_kolom(tmp_path / "2025-11-30.xlsx", grup, BATAS),
                   ct.realisasi_judul(tmp_path / "realisasi-2025-11-30.xlsx", grup, BATAS)):
        _kosongkan_2025()
        assert _rekap() != demo
        impor_sipd_realisasi(berkas, tanggal=BATAS, hari_ini=HARI_INI)
        assert _rekap() == demo, berkas.name
        ulang = impor_sipd_realisasi(berkas, tanggal=BATAS, hari_ini=HARI_INI)
        assert not ulang.ringkasan.ada_perubahan
        assert _rekap() == demo


def test_the_budget_files_round_trip_into_the_version_in_force(demo, tmp_path):
    grup = data_grup(2025, BATAS)
    bulan = [_rekap(m) for m in range(1, 13)]
    kw = {"tahun": 2025, "jenis_versi": "perubahan", "berlaku": datetime.date(2025, 10, 1)}
    datar = impor_sipd_anggaran(ct.anggaran_kas_datar(tmp_path / "ak.csv", grup), **kw)
    assert not datar.ringkasan.ada_perubahan  # with sumber dana: the same lines exactly
    hasil = impor_sipd_anggaran(ct.anggaran_kas_json(tmp_path / "ak.json", grup),
                                path_dpa=ct.dpa(tmp_path / "dpa.csv", grup), **kw)
    assert hasil.dibagi > 0 and hasil.ringkasan.hitungan["pagu dan anggaran kas"]["diubah"]
    # split differently over sumber dana, the same per OPD and month: the same figures
    assert [_rekap(m) for m in range(1, 13)] == bulan
