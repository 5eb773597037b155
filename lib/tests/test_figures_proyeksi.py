"""The arithmetic of the projection (lib.figures_proyeksi) and the thresholds of the report
checks (lib.figures_validasi)."""

from decimal import Decimal as D

from lib.figures_proyeksi import (
    fisik_tertinggal,
    kebutuhan_jauh_di_atas,
    kebutuhan_per_bulan,
    laju_acuan,
    laju_capaian,
    nilai_proyeksi,
)
from lib.figures_validasi import (
    fisik_berselisih,
    melebihi_anggaran_kas,
    persen_ambang_ak,
    tanpa_realisasi_terlalu_lama,
)


def test_proyeksi_tidak_melampaui_pagu_dan_tidak_di_bawah_realisasi():
    # realisasi 600 + sisa anggaran kas (1000 - 700) x 1,2 = 960
    assert nilai_proyeksi(D(1000), D(700), D(600), D("1.2")) == D(960)
    assert nilai_proyeksi(D(1000), D(700), D(600), D(3)) == D(1000)  # capped at the pagu
    assert nilai_proyeksi(D(1000), D(700), D(600), D(-1)) == D(600)  # never below realisasi


def test_laju_dan_kebutuhan():
    assert laju_acuan(D(1000), D(700), D(600), D(960)) == D("1.2")
    assert laju_acuan(D(1000), D(1000), D(600), D(960)) is None
    assert laju_capaian(D(300), D(400)) == D("0.75")
    assert laju_capaian(D(300), D(0)) is None
    assert kebutuhan_per_bulan(D(1000), D(700), 9) == D(100)
    assert kebutuhan_per_bulan(D(1000), D(1200), 9) == D(0)  # above the pagu: nothing needed
    assert kebutuhan_per_bulan(D(1000), D(700), 12) == D(0)  # December: no month left
    assert kebutuhan_jauh_di_atas(D("200.01"), D(100)) and not kebutuhan_jauh_di_atas(D(200), D(100))


def test_ambang_pemeriksaan_laporan():
    assert persen_ambang_ak() == D(10)
    assert not melebihi_anggaran_kas(D(110), D(100))  # exactly 10% over: no warning
    assert melebihi_anggaran_kas(D("110.01"), D(100))
    assert not melebihi_anggaran_kas(D(0), D(0))
    assert melebihi_anggaran_kas(D(1), D(0))  # realisasi without any anggaran kas due
    assert fisik_berselisih(D(80), D("54.99")) and not fisik_berselisih(D(80), D(55))
    assert fisik_tertinggal(D(50), D(75)) and not fisik_tertinggal(D("50.01"), D(75))
    assert not fisik_tertinggal(None, D(75))
    assert not tanpa_realisasi_terlalu_lama(3, D(100), D(0))  # the first quarter: none yet is fine
    assert tanpa_realisasi_terlalu_lama(4, D(100), D(0))
    assert not tanpa_realisasi_terlalu_lama(4, D(0), D(0))
    assert not tanpa_realisasi_terlalu_lama(4, D(100), D(1))
