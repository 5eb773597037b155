"""The index's pure scoring: components, weights, categories, ranks and the reward and
punishment lists (no database)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from evaluation.indeks import (
    BOBOT_BAWAAN,
    Bobot,
    DataIndeksOPD,
    bobot_dari_teks,
    daftar_punishment,
    daftar_reward,
    deviasi_bulan,
    deviasi_rata_rata,
    hitung_nilai,
    kategori_indeks,
    nilai_bagian,
    nilai_deviasi,
    nilai_fisik,
    nilai_penyerapan,
    susun_peringkat,
)

D = Decimal


def _data(**kw) -> DataIndeksOPD:
    bawaan = dict(
        bulan=3, pagu=D(1200), target=D(300), realisasi=D(240), fisik=D(20),
        target_fisik=D(25), bulanan=[(D(100), D(100)), (D(100), D(60)), (D(100), D(80))],
        bulan_tepat=[1, 2], bulan_terlambat=[3], bulan_belum=[], bulan_dikembalikan=[2],
    )
    bawaan.update(kw)
    return DataIndeksOPD(**bawaan)


# --- categories ------------------------------------------------------------------------------


@pytest.mark.parametrize("nilai, kategori", [
    ("100", "Sangat Baik"), ("95", "Sangat Baik"), ("94.995", "Sangat Baik"),
    ("94.994", "Baik"), ("89", "Baik"), ("88.99", "Cukup"), ("70", "Cukup"),
    ("69.994", "Kurang"), ("0", "Kurang"),
])
def test_categories_follow_ikpa_on_the_score_as_shown(nilai, kategori):
    assert kategori_indeks(D(nilai)) == kategori


# --- components ------------------------------------------------------------------------------


def test_penyerapan_is_capaian_anggaran_kas_capped_at_100():
    assert nilai_penyerapan(D(240), D(300)) == D(80)
    assert nilai_penyerapan(D(450), D(300)) == D(100)
    assert nilai_penyerapan(D(10), D(0)) is None


def test_a_month_deviation_is_relative_to_its_anggaran_kas_and_capped():
    assert deviasi_bulan(D(100), D(60)) == D(40)
    assert deviasi_bulan(D(100), D(130)) == D(30)
    assert deviasi_bulan(D(100), D(500)) == D(100)
    assert deviasi_bulan(D(0), D(5)) == D(100)
    assert deviasi_bulan(D(0), D(0)) is None


def test_mean_deviation_skips_months_with_neither_plan_nor_spending():
    assert deviasi_rata_rata([(D(100), D(100)), (D(0), D(0)), (D(100), D(80))]) == D(10)
    assert deviasi_rata_rata([(D(0), D(0))]) is None


@pytest.mark.parametrize("rata, nilai", [
    ("0", "100"), ("5", "100"), ("27.5", "50"), ("50", "0"), ("80", "0"),
])
def test_deviation_scores_full_up_to_5_percent_then_linearly_to_0_at_50(rata, nilai):
    assert nilai_deviasi(D(rata)) == D(nilai)


def test_fisik_is_realisasi_over_target_capped():
    assert nilai_fisik(D(20), D(25)) == D(80)
    assert nilai_fisik(D(40), D(25)) == D(100)
    assert nilai_fisik(None, D(25)) == D(0)
    assert nilai_fisik(D(20), D(0)) is None
    assert nilai_fisik(D(20), None) is None


def test_shares_of_reports():
    assert nilai_bagian(2, 3) == D(200) / D(3)
    assert nilai_bagian(0, 0) is None


def test_the_score_is_the_weighted_sum_of_the_components_exactly():
    nilai, komponen = hitung_nilai(_data(), BOBOT_BAWAAN)
    per_kode = {k.kode: k for k in komponen}
    assert per_kode["penyerapan"].nilai == D(80)
    # deviations 0, 40, 20 -> mean 20 -> 100 × (50 − 20) / 45
    assert per_kode["deviasi"].nilai == D(100) * D(30) / D(45)
    assert per_kode["fisik"].nilai == D(80)
    assert per_kode["ketepatan"].nilai == D(200) / D(3)
    assert per_kode["kualitas"].nilai == D(200) / D(3)  # 3 submitted, February returned
    harapan = (D(80) * 30 + D(100) * D(30) / D(45) * 20 + D(80) * 25
               + D(200) / D(3) * 15 + D(200) / D(3) * 10) / 100
    assert abs(nilai - harapan) < D("1e-20")
    assert sum(k.kontribusi for k in komponen) == nilai
    assert [k.bobot_efektif for k in komponen] == [D(30), D(20), D(25), D(15), D(10)]


def test_the_explanations_name_the_figures_and_the_late_and_returned_months():
    _, komponen = hitung_nilai(_data(bulan_belum=[4], bulan=4,
                                     bulanan=[(D(100), D(100))] * 4), BOBOT_BAWAAN)
    teks = {k.kode: k.penjelasan for k in komponen}
    assert "Rp 240,00" in teks["penyerapan"] and "Rp 300,00" in teks["penyerapan"]
    assert "80,00%" in teks["penyerapan"]
    assert "Terlambat: Maret" in teks["ketepatan"]
    assert "Belum diajukan: April" in teks["ketepatan"]
    assert "2 dari 4" in teks["ketepatan"]
    assert "Pernah dikembalikan: Februari" in teks["kualitas"]


def test_a_component_not_computable_shares_its_weight_among_the_others():
    nilai, komponen = hitung_nilai(_data(target_fisik=D(0)), BOBOT_BAWAAN)
    fisik = next(k for k in komponen if k.kode == "fisik")
    assert fisik.nilai is None and fisik.kontribusi == 0 and fisik.bobot == D(25)
    assert "Tidak dapat dihitung" in fisik.penjelasan and "target fisik" in fisik.penjelasan
    penyerapan = next(k for k in komponen if k.kode == "penyerapan")
    assert penyerapan.bobot_efektif == D(30) * 100 / D(75)  # 40%
    assert sum(k.bobot_efektif for k in komponen) == D(100)
    assert nilai == sum(k.kontribusi for k in komponen)


def test_an_opd_without_pagu_is_not_scored():
    nilai, komponen = hitung_nilai(_data(pagu=D(0)), BOBOT_BAWAAN)
    assert nilai is None
    assert len(komponen) == 5 and all(k.kontribusi == 0 for k in komponen)


def test_an_opd_whose_weighted_components_are_all_missing_is_not_scored():
    bobot = Bobot(penyerapan=D(0), deviasi=D(0), fisik=D(100), ketepatan=D(0), kualitas=D(0))
    assert hitung_nilai(_data(target_fisik=None), bobot)[0] is None


def test_perfect_opd_scores_100():
    nilai, _ = hitung_nilai(_data(realisasi=D(300), fisik=D(25), bulan_terlambat=[],
                                  bulan_tepat=[1, 2, 3], bulan_dikembalikan=[],
                                  bulanan=[(D(100), D(100))] * 3), BOBOT_BAWAAN)
    assert nilai == D(100) and kategori_indeks(nilai) == "Sangat Baik"


# --- weights ---------------------------------------------------------------------------------


def test_default_weights_sum_to_100():
    assert BOBOT_BAWAAN.jumlah == D(100)
    assert bobot_dari_teks(None) is BOBOT_BAWAAN
    assert bobot_dari_teks("  ") is BOBOT_BAWAAN


def test_weights_are_read_from_the_setting_text():
    b = bobot_dari_teks("penyerapan=30, deviasi=15,fisik=25,ketepatan=15,kualitas=15")
    assert b == Bobot(D(30), D(15), D(25), D(15), D(15))
    assert bobot_dari_teks("penyerapan=30.5,deviasi=14.5,fisik=25,ketepatan=15,kualitas=15") \
        .penyerapan == D("30.5")


@pytest.mark.parametrize("teks, alasan", [
    ("penyerapan=30,deviasi=15,fisik=25,ketepatan=15", "kualitas belum ditulis"),
    ("penyerapan=30,deviasi=15,fisik=25,ketepatan=15,kualitas=20", "jumlah bobot 105,00"),
    ("penyerapan=30,deviasi=15,fisik=25,ketepatan=15,mutu=15", "“mutu” tidak dikenal"),
    ("penyerapan=-5,deviasi=50,fisik=25,ketepatan=15,kualitas=15", "negatif"),
    ("penyerapan=abc,deviasi=15,fisik=25,ketepatan=15,kualitas=15", "bukan angka"),
    ("penyerapan=30,penyerapan=15,fisik=25,ketepatan=15,kualitas=15", "dua kali"),
    ("penyerapan", "nama=angka"),
])
def test_bad_weights_stop_the_configuration_with_a_reason(teks, alasan):
    with pytest.raises(ImproperlyConfigured) as exc:
        bobot_dari_teks(teks)
    assert "SIAP_BOBOT_INDEKS" in str(exc.value)
    assert alasan in str(exc.value)


def test_a_bobot_refuses_weights_not_summing_to_100():
    with pytest.raises(ValueError):
        Bobot(D(30), D(15), D(25), D(15), D(20))
    with pytest.raises(TypeError):
        Bobot(30, D(15), D(25), D(15), D(15))


# --- ranking, reward and punishment ----------------------------------------------------------


def _nilai(**per_opd):
    return {k: (None if v is None else D(v), []) for k, v in per_opd.items()}


def test_ranks_best_first_with_ties_at_two_decimals_sharing_a_rank():
    baris = susun_peringkat(
        _nilai(a="80", b="91.004", c="91.001", d="60", e=None),
        urutan=["a", "b", "c", "d", "e"],
    )
    assert [(b.opd_id, b.peringkat) for b in baris] == [("b", 1), ("c", 1), ("a", 3), ("d", 4)]
    assert [b.kategori for b in baris] == ["Baik", "Baik", "Cukup", "Kurang"]


def test_ties_keep_the_opd_code_order():
    baris = susun_peringkat(_nilai(x="50", y="50"), urutan=["y", "x"])
    assert [b.opd_id for b in baris] == ["y", "x"]


def test_change_from_the_previous_quarter_is_exact_and_none_without_one():
    baris = susun_peringkat(_nilai(a="80.5", b="70"), sebelumnya={"a": D("78.25")})
    assert baris[0].perubahan == D("2.25")
    assert baris[1].perubahan is None


def test_reward_is_the_top_5_and_punishment_the_bottom_5_plus_every_kurang():
    nilai = {f"o{i:02d}": (D(100 - 3 * i), []) for i in range(20)}  # 100, 97, ..., 43
    baris = susun_peringkat(nilai, urutan=sorted(nilai))
    assert [b.opd_id for b in daftar_reward(baris)] == ["o00", "o01", "o02", "o03", "o04"]
    hukum = daftar_punishment(baris)
    assert hukum[0].opd_id == "o19"  # worst first
    kurang = [b.opd_id for b in baris if b.nilai < 70]  # 67 and below: o11..o19
    assert {b.opd_id for b in hukum} == set(kurang)
    assert len(hukum) == 9


def test_punishment_is_the_bottom_5_when_nobody_is_kurang():
    nilai = {f"o{i}": (D(99 - i), []) for i in range(8)}
    hukum = daftar_punishment(susun_peringkat(nilai, urutan=sorted(nilai)))
    assert [b.opd_id for b in hukum] == ["o7", "o6", "o5", "o4", "o3"]


def test_few_opd_appear_in_both_lists():
    baris = susun_peringkat(_nilai(a="96", b="60"))
    assert [b.opd_id for b in daftar_reward(baris)] == ["a", "b"]
    assert [b.opd_id for b in daftar_punishment(baris)] == ["b", "a"]


def test_a_bad_setting_stops_the_project_at_start_up():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "siap.settings",
           "SIAP_BOBOT_INDEKS": "penyerapan=50,deviasi=15,fisik=25,ketepatan=15,kualitas=15"}
    r = subprocess.run([sys.executable, "-c", "import django; django.setup()"],
                       cwd=Path(__file__).resolve().parents[2], env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    assert "ImproperlyConfigured" in r.stderr and "jumlah bobot 120,00, bukan 100" in r.stderr
