"""The figures module on plain data — no database."""

from decimal import Decimal

import pytest

from lib.figures import (
    Baris,
    Jumlah,
    Kategori,
    KelasSebaran,
    hitung_angka,
    kategori,
    peringkat,
    rekap,
)

D = Decimal


@pytest.mark.parametrize(
    "capaian, expected",
    [
        ("50.99", Kategori.SANGAT_RENDAH),
        ("51", Kategori.RENDAH),
        ("65.99", Kategori.RENDAH),
        ("66", Kategori.SEDANG),
        ("75.99", Kategori.SEDANG),
        ("76", Kategori.TINGGI),
        ("90.99", Kategori.TINGGI),
        ("91", Kategori.SANGAT_TINGGI),
        ("0", Kategori.SANGAT_RENDAH),
        ("135", Kategori.SANGAT_TINGGI),
        ("90.9999999", Kategori.TINGGI),
    ],
)
def test_rating_boundaries_follow_permendagri_86_2017(capaian, expected):
    assert kategori(D(capaian)) is expected


def test_rating_of_an_uncomputable_capaian_is_none():
    assert kategori(None) is None


def test_seed_tw4_2025_figures_are_exact():
    a = hitung_angka(Jumlah(
        pagu=D("1094182195169.02"), target=D("1060834720613.25"),
        realisasi=D("839535848290.34"),
    ))
    assert a.persen_realisasi.quantize(D("0.01")) == D("76.73")
    assert a.persen_target.quantize(D("0.01")) == D("96.95")
    assert a.capaian_anggaran_kas.quantize(D("0.01")) == D("79.14")
    assert a.sisa_pagu == D("254646346878.68")
    assert a.deviasi_rp == D("221298872322.91")
    assert a.deviasi == a.persen_target - a.persen_realisasi
    assert a.kategori is Kategori.TINGGI


def test_seed_tw2_2023_figures():
    a = hitung_angka(Jumlah(pagu=D("984959704911"), target=D("524847798262"),
                     realisasi=D("377042575000")))
    assert a.persen_target.quantize(D("0.01")) == D("53.29")
    assert a.persen_realisasi.quantize(D("0.01")) == D("38.28")
    # DESIGN.md: 38,28% of pagu is 71,84% of that target (the article's 72,19% disagrees).
    assert a.capaian_anggaran_kas.quantize(D("0.01")) == D("71.84")


def test_zero_pagu_gives_undefined_percentages_not_an_error():
    a = hitung_angka(Jumlah(pagu=D(0), target=D(0), realisasi=D(0)))
    assert a.persen_realisasi is None
    assert a.persen_target is None
    assert a.capaian_anggaran_kas is None
    assert a.deviasi is None
    assert a.fisik is None
    assert a.kategori is None
    assert a.sisa_pagu == D(0)


def test_zero_target_with_pagu_gives_persen_but_no_capaian():
    a = hitung_angka(Jumlah(pagu=D(1000), target=D(0), realisasi=D(0)))
    assert a.persen_realisasi == D(0)
    assert a.persen_target == D(0)
    assert a.capaian_anggaran_kas is None
    assert a.kategori is None
    assert a.deviasi == D(0)


def test_fisik_is_the_pagu_weighted_mean():
    baris = [
        Baris("A", "s1", "DAU", "5.1.02", D(300), D(100), D(50), fisik=D(80), target_fisik=D(90)),
        Baris("A", "s2", "DAU", "5.2.04", D(100), D(50), D(0), fisik=D(0), target_fisik=D(40)),
    ]
    a = rekap(2025, 6, baris).total
    assert a.fisik == D(60)  # (300×80 + 100×0) / 400
    assert a.target_fisik == D("77.5")  # (300×90 + 100×40) / 400


def test_rank_is_by_capaian_with_shared_ranks_and_unranked_last():
    rank = peringkat({"a": D(50), "b": D(90), "c": D(50), "d": None, "e": D(10)})
    assert rank == {"b": 1, "a": 2, "c": 2, "e": 4, "d": None}


def _baris(opd, sub, pagu, target, realisasi, sd="DAU", jb="5.1.02"):
    return Baris(opd, sub, sd, jb, D(pagu), D(target), D(realisasi))


def test_opd_rows_add_up_exactly_to_the_pemda_total():
    baris = [
        _baris("A", "s1", "1000.01", "500.02", "400.03"),
        _baris("A", "s2", "2000.10", "1000.20", "999.99", sd="DAK_FISIK", jb="5.2.04"),
        _baris("B", "s1", "333.33", "111.11", "0.01"),
        _baris("C", "s3", "0", "0", "0"),
    ]
    r = rekap(2025, 6, baris, semua_opd=["A", "B", "C", "D"])
    for field in ("pagu", "target_anggaran_kas", "realisasi"):
        assert sum(getattr(k.angka, field) for k in r.opd) == getattr(r.total, field)
        assert sum(getattr(k.angka, field) for k in r.sumber_dana) == getattr(r.total, field)
        assert sum(getattr(k.angka, field) for k in r.jenis_belanja) == getattr(r.total, field)
    assert [k.kunci for k in r.opd] == ["A", "B", "C", "D"]  # ranked, then the unranked
    assert r.untuk_opd("D").angka.pagu == D(0)
    assert r.untuk_opd("D").peringkat is None


def test_opd_are_ranked_by_capaian_anggaran_kas_not_by_persen_realisasi():
    baris = [
        _baris("A", "s1", "1000", "800", "600"),  # 60% of pagu, capaian 75%
        _baris("B", "s1", "1000", "200", "190"),  # 19% of pagu, capaian 95%
    ]
    r = rekap(2025, 3, baris)
    assert [(k.kunci, k.peringkat) for k in r.opd] == [("B", 1), ("A", 2)]


def test_sebaran_counts_sub_kegiatan_by_persen_realisasi():
    baris = [
        _baris("A", "s0", "100", "0", "0"),  # 0%
        _baris("A", "s1", "100", "0", "50"),  # 50% -> >0–50
        _baris("A", "s2", "100", "0", "50.01"),  # >50–75
        _baris("A", "s3", "100", "0", "75"),  # >50–75
        _baris("A", "s4", "100", "0", "99.99"),  # >75–<100
        _baris("A", "s5", "100", "0", "100"),  # 100
        _baris("B", "s5", "50", "0", "20"),  # same sub kegiatan, other OPD: counted apart
        _baris("B", "s6", "0", "0", "0"),  # no pagu: not counted
        # one sub kegiatan over two lines: 60/200 = 30%
        _baris("C", "s7", "100", "0", "60"),
        _baris("C", "s7", "100", "0", "0", sd="PAD"),
    ]
    s = rekap(2025, 6, baris).sebaran
    assert s == {
        KelasSebaran.NOL: 1,
        KelasSebaran.SAMPAI_50: 3,
        KelasSebaran.SAMPAI_75: 2,
        KelasSebaran.DI_BAWAH_100: 1,
        KelasSebaran.PENUH: 1,
    }


def test_computation_keeps_full_precision():
    a = hitung_angka(Jumlah(pagu=D(3), target=D(3), realisasi=D(1)))
    assert a.persen_realisasi == D(100) / D(3)
    assert str(a.persen_realisasi).startswith("33.33333333")
