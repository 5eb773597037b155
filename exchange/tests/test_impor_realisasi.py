"""Importing monthly realisasi keuangan and cumulative realisasi fisik."""

import datetime
from decimal import Decimal

import pytest

from budget import testing as t
from budget.models import RealisasiFisik, RealisasiKeuangan
from exchange.impor_realisasi import impor_fisik, impor_realisasi
from exchange.umum import ImporGagal

from .bantu import KOLOM_FISIK, KOLOM_REALISASI, OPD, SUB, keadaan, tulis_csv

D = Decimal


def _galat(fn, path, **kw):
    sebelum = keadaan()
    with pytest.raises(ImporGagal) as e:
        fn(path, tahun=2025, **kw)
    assert keadaan() == sebelum
    return [str(g) for g in e.value.galat]


def _realisasi(tmp_path, *baris):
    return tulis_csv(tmp_path / "realisasi.csv", baris, KOLOM_REALISASI)


def _fisik(tmp_path, *baris):
    return tulis_csv(tmp_path / "fisik.csv", baris, KOLOM_FISIK)


def test_it_imports_monthly_realisasi_and_reimport_changes_nothing(apbd, tmp_path):
    p = _realisasi(tmp_path, [OPD, SUB, "DAU", "5.1.02", "1", "150.00"],
                   [OPD, SUB, "DAU", "5.1.02", "2", "200.00"])
    r = impor_realisasi(p, tahun=2025)
    assert str(r) == "realisasi keuangan: 1 dibuat, 1 diubah, 0 tidak berubah"
    assert dict(RealisasiKeuangan.objects.values_list("bulan", "jumlah")) == {
        1: D("150.00"), 2: D("200.00")}
    assert RealisasiKeuangan.history.filter(history_change_reason="impor realisasi keuangan"
                                            ).count() == 2
    sebelum = keadaan()
    assert str(impor_realisasi(p, tahun=2025)) == (
        "realisasi keuangan: 0 dibuat, 0 diubah, 2 tidak berubah\nTidak ada perubahan.")
    assert keadaan() == sebelum


def test_month_13_is_refused(apbd, tmp_path):
    p = _realisasi(tmp_path, [OPD, SUB, "DAU", "5.1.02", "13", "1.00"])
    assert _galat(impor_realisasi, p) == [
        "Baris 2, kolom bulan, nilai '13': bulan harus 1 sampai 12"]


def test_negative_realisasi_is_refused(apbd, tmp_path):
    p = _realisasi(tmp_path, [OPD, SUB, "DAU", "5.1.02", "2", "-5.00"])
    assert _galat(impor_realisasi, p) == [
        "Baris 2, kolom realisasi, nilai '-5.00': negatif; tidak boleh kurang dari nol"]


def test_cumulative_realisasi_above_pagu_is_refused_naming_the_line(apbd, tmp_path):
    # pagu 1200, already 100 in January: 1100.01 in March brings it over.
    p = _realisasi(tmp_path, [OPD, SUB, "DAU", "5.1.02", "3", "1100.01"])
    assert _galat(impor_realisasi, p) == [
        "Baris 2, kolom realisasi, nilai '1100.01': realisasi kumulatif s.d. bulan 3 "
        "Rp 1.200,01 melebihi pagu Rp 1.200,00 (APBD Murni 2025) pada rincian "
        f"{OPD} · {SUB} · DAU · 5.1.02 (Dinas Kesehatan)"
    ]


def test_the_pagu_is_that_of_the_version_in_force_in_that_month(apbd, tmp_path):
    pergeseran = t.versi(2025, "pergeseran", datetime.date(2025, 7, 1), "Pergeseran I 2025")
    t.rincian(o=apbd["opd"], sub=SUB, sd="DAU", jb="5.1.02", pagu=600, ak=[50] * 12,
              v=pergeseran)
    # 700 by June is within the murni pagu (1200) but over the pergeseran pagu (600) in July.
    p = _realisasi(tmp_path, [OPD, SUB, "DAU", "5.1.02", "6", "600.00"])
    assert _galat(impor_realisasi, p) == [
        "Baris 2, kolom realisasi, nilai '600.00': realisasi kumulatif s.d. bulan 7 "
        "Rp 700,00 melebihi pagu Rp 600,00 (Pergeseran I 2025) pada rincian "
        f"{OPD} · {SUB} · DAU · 5.1.02 (Dinas Kesehatan)"
    ]


def test_a_line_not_in_the_budget_is_refused(apbd, tmp_path):
    p = _realisasi(tmp_path, [OPD, SUB, "PAD", "5.1.02", "1", "1.00"])
    assert _galat(impor_realisasi, p) == [
        "Baris 2, kolom kode_opd, kode_sub_kegiatan, kode_sumber_dana, kode_jenis_belanja, "
        f"nilai '{OPD} · {SUB} · PAD · 5.1.02': rincian anggaran ini tidak ada di APBD 2025"
    ]


def test_an_unknown_code_in_realisasi_does_not_suggest_buat_master(apbd, tmp_path):
    p = _realisasi(tmp_path, [OPD, SUB, "XYZ", "5.1.02", "1", "1.00"])
    assert _galat(impor_realisasi, p) == [
        "Baris 2, kolom kode_sumber_dana, nilai 'XYZ': kode sumber dana tidak dikenal; "
        "tambahkan dulu di data master"
    ]


def test_the_same_line_and_month_twice_is_refused(apbd, tmp_path):
    p = _realisasi(tmp_path, [OPD, SUB, "DAU", "5.1.02", "2", "1.00"],
                   [OPD, SUB, "DAU", "5.1.02", "2", "2.00"])
    assert _galat(impor_realisasi, p) == [
        "Baris 3, kolom kode_opd, kode_sub_kegiatan, kode_sumber_dana, kode_jenis_belanja, "
        f"bulan, nilai '{OPD} · {SUB} · DAU · 5.1.02 · 2': realisasi rincian ini untuk bulan 2 "
        "sudah ada di baris 2"
    ]


def test_dry_run_counts_without_writing(apbd, tmp_path):
    p = _realisasi(tmp_path, [OPD, SUB, "DAU", "5.1.02", "4", "10.00"])
    sebelum = keadaan()
    assert str(impor_realisasi(p, tahun=2025, dry_run=True)).startswith(
        "realisasi keuangan: 1 dibuat, 0 diubah")
    assert keadaan() == sebelum


def test_it_imports_fisik_with_indonesian_numbers(apbd, tmp_path):
    p = _fisik(tmp_path, [OPD, SUB, "1", "12,5"], [OPD, SUB, "2", "30"])
    impor_fisik(p, tahun=2025, gaya="id")
    assert dict(RealisasiFisik.objects.values_list("bulan", "persen")) == {
        1: D("12.5"), 2: D("30")}


def test_fisik_above_100_is_refused(apbd, tmp_path):
    p = _fisik(tmp_path, [OPD, SUB, "1", "100.01"])
    assert _galat(impor_fisik, p) == [
        "Baris 2, kolom fisik, nilai '100.01': di luar rentang 0–100 (persen kumulatif)"]


def test_fisik_of_a_sub_kegiatan_outside_the_opd_budget_is_refused(apbd, tmp_path):
    t.sub_kegiatan("1.02.02.2.01.0002")
    p = _fisik(tmp_path, [OPD, "1.02.02.2.01.0002", "1", "10"])
    assert _galat(impor_fisik, p) == [
        f"Baris 2, kolom kode_opd, kode_sub_kegiatan, nilai '{OPD} · 1.02.02.2.01.0002': sub "
        "kegiatan ini tidak ada di anggaran perangkat daerah ini tahun 2025"
    ]
