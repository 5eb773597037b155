"""The kinerja arithmetic on plain data — no database."""

from decimal import Decimal

import pytest

from lib.figures import Jumlah, Kategori, hitung_angka
from lib.figures_kinerja import (
    Akumulasi,
    Arah,
    KelasFisik,
    jumlah_dari_angka,
    jumlah_tertimbang,
    kelas_fisik,
    melewati_batas,
    nilai_fisik,
    per_triwulan,
    predikat,
    rata_rata_capaian,
    realisasi_renstra,
    realisasi_tahunan,
    sebaran_fisik,
    sebaran_fisik_bulat,
    sebaran_fisik_per,
    tertimbang_dari,
    tingkat_capaian,
)

D = Decimal


@pytest.mark.parametrize("capaian, expected", [
    ("91", Kategori.SANGAT_TINGGI), ("90.99", Kategori.TINGGI), ("76", Kategori.TINGGI),
    ("75.999", Kategori.SEDANG), ("66", Kategori.SEDANG), ("65.99", Kategori.RENDAH),
    ("51", Kategori.RENDAH), ("50.99", Kategori.SANGAT_RENDAH), ("0", Kategori.SANGAT_RENDAH),
    ("180", Kategori.SANGAT_TINGGI),
])
def test_the_predikat_follows_the_five_bands_at_their_boundaries(capaian, expected):
    assert predikat(D(capaian)) is expected


def test_a_target_of_zero_gives_no_capaian_and_no_predikat():
    assert tingkat_capaian(D(5), D(0)) is None
    assert tingkat_capaian(D(0), D(0), Arah.TURUN) is None
    assert predikat(tingkat_capaian(D(5), D(0))) is None


def test_a_target_of_zero_is_left_out_of_the_mean():
    capaian = [tingkat_capaian(D(80), D(100)), tingkat_capaian(D(7), D(0)),
               tingkat_capaian(D(45), D(50))]
    assert capaian[1] is None
    assert rata_rata_capaian(capaian) == D(85)
    assert rata_rata_capaian([None, None]) is None


def test_capaian_is_realisasi_over_target_when_more_is_better():
    assert tingkat_capaian(D(3), D(4)) == D(75)
    assert tingkat_capaian(D(6), D(4)) == D(150)
    assert tingkat_capaian(None, D(4)) is None


def test_capaian_when_less_is_better_is_100_at_the_target_and_never_negative():
    assert tingkat_capaian(D(700), D(700), Arah.TURUN) == D(100)
    assert tingkat_capaian(D(560), D(700), Arah.TURUN) == D(120)  # 20% below target
    assert tingkat_capaian(D(1058), D(700), Arah.TURUN) == D("48.85714285714285714285714286")
    assert tingkat_capaian(D(2000), D(700), Arah.TURUN) == D(0)


def test_the_year_adds_the_quarters_or_takes_the_latest():
    tw = [D(2), D(3), None, None]
    assert realisasi_tahunan(tw, Akumulasi.JUMLAH) == D(5)
    assert realisasi_tahunan(tw, Akumulasi.TERAKHIR) == D(3)
    assert realisasi_tahunan([None] * 4, Akumulasi.JUMLAH) is None
    assert realisasi_tahunan([D(0), None, None, None], Akumulasi.JUMLAH) == D(0)


def test_the_renstra_adds_the_years_before_or_takes_the_latest_level():
    assert realisasi_renstra(D(10), D(5), Akumulasi.JUMLAH) == D(15)
    assert realisasi_renstra(None, D(5), Akumulasi.JUMLAH) == D(5)
    assert realisasi_renstra(D(80), D(85), Akumulasi.TERAKHIR) == D(85)
    assert realisasi_renstra(D(80), None, Akumulasi.TERAKHIR) == D(80)
    assert realisasi_renstra(None, None, Akumulasi.JUMLAH) is None


@pytest.mark.parametrize("realisasi, target, lewat", [
    ("150", "100", False), ("150.01", "100", True), ("3", "2", False), ("3.01", "2", True),
    ("0.01", "0", True), ("0", "0", False), ("5", None, False), (None, "5", False),
])
def test_a_realisasi_passes_the_limit_above_150_percent_of_its_target(realisasi, target, lewat):
    r = None if realisasi is None else D(realisasi)
    t = None if target is None else D(target)
    assert melewati_batas(r, t) is lewat


def test_each_quarter_is_the_difference_of_the_cumulative_amounts():
    assert per_triwulan([D("10.50"), D("30"), D("30"), D("100.01")]) == [
        D("10.50"), D("19.50"), D(0), D("70.01")]


def test_weights_of_the_parts_add_up_to_the_whole():
    a = hitung_angka(Jumlah(D(300), D(150), D(60), D(300) * D(40), D(300) * D(50)))
    b = hitung_angka(Jumlah(D(100), D(100), D(100), D(100) * D(100), D(100) * D(100)))
    total = hitung_angka(jumlah_dari_angka(a) + jumlah_dari_angka(b))
    baris = [tertimbang_dari(a, total.pagu), tertimbang_dari(b, total.pagu)]
    assert baris[0].bobot == D(75) and baris[1].bobot == D(25)
    assert baris[0].fisik_tertimbang == D(30)  # 40% × 75 ÷ 100
    jumlah = jumlah_tertimbang(baris)
    assert jumlah["bobot"] == D(100)
    assert jumlah["fisik_tertimbang"] == total.fisik == D(55)
    assert jumlah["keuangan_tertimbang"] == total.persen_realisasi == D(40)
    assert jumlah["nilai_fisik"] == D(220)  # 40% of 300 + 100% of 100
    assert baris[0].persen_sisa == D(80)


def test_a_part_without_pagu_has_no_weight():
    a = hitung_angka(Jumlah(D(0), D(0), D(5)))
    t = tertimbang_dari(a, D(1000))
    assert t.bobot == D(0) and t.fisik_tertimbang is None and t.nilai_fisik is None
    assert tertimbang_dari(a, D(0)).bobot is None


def test_nilai_fisik_is_the_share_of_the_pagu():
    assert nilai_fisik(D("12.5"), D("1000000.00")) == D("125000")
    assert nilai_fisik(None, D(10)) is None


@pytest.mark.parametrize("fisik, kelas", [
    ("0", KelasFisik.NOL), ("0.01", KelasFisik.SAMPAI_50), ("0.5", KelasFisik.SAMPAI_50),
    ("50", KelasFisik.SAMPAI_50), ("50.01", KelasFisik.SAMPAI_75), ("75", KelasFisik.SAMPAI_75),
    ("75.01", KelasFisik.SAMPAI_100), ("100", KelasFisik.SAMPAI_100),
])
def test_fisik_falls_in_the_four_published_bands(fisik, kelas):
    assert kelas_fisik(D(fisik)) is kelas


def test_the_sebaran_fisik_counts_sub_kegiatan_with_pagu_only():
    s = sebaran_fisik([D(0), D(10), D(60), D(80), D(100), None])
    assert s == {KelasFisik.NOL: 1, KelasFisik.SAMPAI_50: 1, KelasFisik.SAMPAI_75: 1,
                 KelasFisik.SAMPAI_100: 2}
    assert [k.label for k in s] == ["0%", "1–50%", "51–75%", "76–100%"]


def test_the_sebaran_fisik_per_group():
    berpagu = hitung_angka(Jumlah(D(10), D(0), D(0), D(10) * D(60), D(0)))
    tanpa_pagu = hitung_angka(Jumlah(D(0), D(0), D(1)))
    per = sebaran_fisik_per([("a", berpagu), ("a", tanpa_pagu), ("b", berpagu)])
    assert per["a"][KelasFisik.SAMPAI_75] == 1 and sum(per["a"].values()) == 1
    assert set(per) == {"a", "b"}


def test_summing_figures_back_gives_the_same_money_and_fisik():
    a = hitung_angka(Jumlah(D("1094182195169.02"), D("1060834720613.25"), D("839535848290.34"),
                     D("1094182195169.02") * D("63.17"), D("1094182195169.02") * D("70")))
    j = jumlah_dari_angka(a)
    assert hitung_angka(j) == a


def test_the_sebaran_fisik_from_integers_equals_the_one_from_the_figures():
    import random

    rng = random.Random(16)
    pasangan = [(rng.choice([0, 100, 12_345]), rng.choice([0, 1, 4999, 5000, 5001, 7500, 7501,
                                                          10000, rng.randint(0, 10000)]))
                for _ in range(500)]
    dari_angka = sebaran_fisik(hitung_angka(Jumlah(D(p).scaleb(-2), D(0), D(0),
                                            D(p).scaleb(-2) * D(fh).scaleb(-2))).fisik
                               for p, fh in pasangan)
    assert sebaran_fisik_bulat(pasangan) == dari_angka
