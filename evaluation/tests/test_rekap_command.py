import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from budget import testing as t

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    a = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    b = t.opd("1.03.0.00.0.00.01.0000", "=Dinas PUPR")  # formula-like name, neutralised in CSV
    t.rincian(o=a, pagu="1200.10", ak=["100.01"] * 10 + ["200", "0"],
              realisasi={1: "50.25", 2: "49.75"})
    t.rincian(o=b, sub="1.03.03.2.01.0001", pagu="600", ak=[50] * 12, realisasi={1: 60})
    return a, b


def _run(*args):
    out = io.StringIO()
    call_command("rekap", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_agreed_keys_and_decimal_strings(data):
    d = json.loads(_run("--tahun", "2025", "--bulan", "2", "--format", "json"))
    assert d["tahun"] == 2025 and d["bulan"] == 2
    assert d["pagu"] == "1800.10"
    assert d["target_anggaran_kas"] == "300.02"
    assert d["realisasi"] == "160.00"
    assert d["persen_realisasi"] == "8.89"  # 160 / 1800.10
    assert d["persen_target"] == "16.67"
    assert d["capaian_anggaran_kas"] == "53.33"
    assert d["deviasi"] == "7.78"
    [first, second] = d["opd"]
    assert first["nama"] == "=Dinas PUPR" and first["peringkat"] == 1
    assert first["capaian_anggaran_kas"] == "60.00"
    assert first["kategori"] == "Rendah"
    assert second["kode"] == "1.02.0.00.0.00.01.0000"
    assert second["capaian_anggaran_kas"] == "50.00"
    assert second["kategori"] == "Sangat Rendah"
    for key in ("kode", "nama", "peringkat", "kategori", "pagu", "target_anggaran_kas",
                "realisasi", "persen_realisasi", "persen_target", "capaian_anggaran_kas",
                "deviasi"):
        assert key in first


def test_json_opd_sums_equal_the_pemda_total(data):
    d = json.loads(_run("--tahun", "2025", "--bulan", "2", "--format", "json"))
    for key in ("pagu", "target_anggaran_kas", "realisasi"):
        assert sum(Decimal(o[key]) for o in d["opd"]) == Decimal(d[key])


def test_csv_has_a_header_a_row_per_opd_and_the_total(data):
    rows = list(csv.DictReader(io.StringIO(_run("--tahun", "2025", "--bulan", "2",
                                                "--format", "csv"))))
    assert [r["nama"] for r in rows] == ["'=Dinas PUPR", "Dinas Kesehatan", "TOTAL PEMDA"]
    assert rows[-1]["realisasi"] == "160.00"
    assert rows[0]["peringkat"] == "1"


def test_text_table_is_in_indonesian_format(data):
    out = _run("--tahun", "2025", "--bulan", "2")
    assert "Rp 1.800,10" in out
    assert "8,89%" in out
    assert "TOTAL PEMDA" in out
    assert "Dinas Kesehatan" in out
    assert "s.d. 28 Februari 2025" in out


def test_unknown_year_and_bad_month_are_clear_errors(data):
    with pytest.raises(CommandError, match="Tahun anggaran 2019 belum ada"):
        _run("--tahun", "2019", "--bulan", "2")
    with pytest.raises(CommandError, match="1 sampai 12"):
        _run("--tahun", "2025", "--bulan", "13")


def test_an_inactive_opd_that_still_has_lines_is_counted_and_named(data):
    """An OPD merged or closed during the year keeps its budget lines: its money stays in the
    pemda total and its row keeps its name."""
    a, b = data
    b.aktif = False
    b.save()
    keluar = json.loads(_run("--tahun", "2025", "--bulan", "2", "--format", "json"))
    assert keluar["pagu"] == "1800.10"
    assert {o["nama"] for o in keluar["opd"]} == {"Dinas Kesehatan", "=Dinas PUPR"}


def test_csv_keeps_negative_numbers_as_numbers(data):
    """Realisasi ahead of the plan gives a negative deviasi: a number, not a neutralised text."""
    rows = list(csv.DictReader(io.StringIO(_run("--tahun", "2025", "--bulan", "1",
                                                "--format", "csv"))))
    pupr = next(r for r in rows if r["nama"] == "'=Dinas PUPR")
    assert pupr["deviasi"] == "-1.67"
    assert pupr["deviasi_rp"] == "-10.00"
