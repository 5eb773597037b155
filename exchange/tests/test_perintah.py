"""The ``siap impor`` / ``siap ekspor`` commands."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from budget.models import RealisasiKeuangan
from siap.cli import main

from .bantu import KOLOM_ANGGARAN, KOLOM_REALISASI, OPD, SUB, baris_anggaran, keadaan, tulis_csv


@pytest.fixture(autouse=True)
def _koneksi_tetap(monkeypatch):
    # main() runs run_from_argv(), which closes the database connections when it ends; inside a
    # test that would close PostgreSQL's test transaction under the next query.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


def _perintah(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_siap_impor_anggaran_as_the_issue_writes_it(apbd, tmp_path, capsys):
    p = tulis_csv(tmp_path / "a.csv", [baris_anggaran(pagu="2400.00", ak=["200.00"] * 12)],
                  KOLOM_ANGGARAN)
    main(["siap", "impor", "anggaran", str(p), "--tahun", "2025", "--versi", "murni",
          "--nama", "APBD Murni 2025", "--berlaku", "2025-01-01"])
    assert "pagu dan anggaran kas: 0 dibuat, 1 diubah, 0 tidak berubah" in capsys.readouterr().out
    main(["siap", "impor-anggaran", str(p), "--tahun", "2025", "--versi", "murni",
          "--berlaku", "2025-01-01"])
    assert "Tidak ada perubahan." in capsys.readouterr().out


def test_errors_are_printed_written_to_galat_csv_and_exit_non_zero(apbd, tmp_path, capsys):
    p = tulis_csv(tmp_path / "r.csv", [[OPD, SUB, "DAU", "5.1.02", "13", "=1+1"]],
                  KOLOM_REALISASI)
    galat = tmp_path / "galat.csv"
    sebelum = keadaan()
    with pytest.raises(SystemExit) as e:
        main(["siap", "impor", "realisasi", str(p), "--tahun", "2025", "--galat", str(galat)])
    assert e.value.code == 1
    assert keadaan() == sebelum
    err = capsys.readouterr().err
    assert "Baris 2, kolom bulan, nilai '13': bulan harus 1 sampai 12" in err
    assert "Baris 2, kolom realisasi, nilai '=1+1': bukan angka yang dikenali" in err
    assert "2 galat; berkas ditolak, tidak ada data yang disimpan." in err
    with open(galat, encoding="utf-8", newline="") as f:
        assert list(csv.reader(f)) == [
            ["baris", "kolom", "nilai", "alasan"],
            ["2", "bulan", "13", "bulan harus 1 sampai 12"],
            ["2", "realisasi", "'=1+1", "bukan angka yang dikenali"],
        ]


def test_dry_run_says_so_and_writes_nothing(apbd, tmp_path):
    p = tulis_csv(tmp_path / "r.csv", [[OPD, SUB, "DAU", "5.1.02", "2", "5.00"]], KOLOM_REALISASI)
    out, _ = _perintah("impor", "realisasi", str(p), "--tahun", "2025", "--dry-run")
    assert out.startswith("Uji coba (--dry-run): tidak ada yang disimpan.")
    assert "realisasi keuangan: 1 dibuat" in out
    assert not RealisasiKeuangan.objects.filter(bulan=2).exists()


def test_anggaran_needs_versi_and_berlaku(apbd, tmp_path):
    with pytest.raises(CommandError, match="impor anggaran membutuhkan --versi dan --berlaku"):
        _perintah("impor", "anggaran", str(tmp_path / "a.csv"), "--tahun", "2025")


def test_a_missing_file_is_a_clear_error(apbd, tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        _perintah("impor", "fisik", str(tmp_path / "tidak-ada.csv"), "--tahun", "2025")


def test_ekspor_writes_the_format_of_the_extension(apbd, tmp_path):
    out, _ = _perintah("ekspor", "realisasi", str(tmp_path / "r.csv"), "--tahun", "2025",
                       "--dari", "1", "--sampai", "1")
    assert out.strip() == f"1 baris realisasi ditulis ke {tmp_path / 'r.csv'}."
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").splitlines() == [
        ",".join(KOLOM_REALISASI), f"{OPD},{SUB},DAU,5.1.02,1,100.00"]
    _perintah("ekspor_anggaran", str(tmp_path / "a.xlsx"), "--tahun", "2025",
              "--versi-berlaku", "2025-11-30")
    assert (tmp_path / "a.xlsx").read_bytes()[:4] == b"PK\x03\x04"


def test_ekspor_refuses_a_year_without_a_version(db, tmp_path):
    with pytest.raises(CommandError, match="tidak ada versi anggaran tahun 2030"):
        _perintah("ekspor", "anggaran", str(tmp_path / "a.csv"), "--tahun", "2030")
