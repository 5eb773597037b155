"""The headline sentence speaks the seeds' words, with every number from lib.rupiah."""

import datetime
from decimal import Decimal

from evaluation.narasi import kalimat_utama
from lib.figures import Jumlah, hitung_angka

D = Decimal
NOV_2025 = datetime.date(2025, 11, 30)


def _kalimat(batas, **jumlah):
    a = hitung_angka(Jumlah(**{k: D(v) for k, v in jumlah.items()}))
    return kalimat_utama(
        batas,
        pagu=a.pagu,
        target_anggaran_kas=a.target_anggaran_kas,
        realisasi=a.realisasi,
        persen_realisasi=a.persen_realisasi,
        persen_target=a.persen_target,
        capaian_anggaran_kas=a.capaian_anggaran_kas,
    )


def test_it_says_the_tw_iv_2025_rakor_sentence_word_for_word():
    kalimat = _kalimat(
        NOV_2025,
        pagu="1094182195169.02",
        target="1060834720613.25",
        realisasi="839535848290.34",
    )
    assert kalimat == (
        "Realisasi s.d. 30 November 2025 mencapai Rp 839.535.848.290,34 (76,73%) dari target "
        "96,95% dengan pagu APBD Rp 1.094.182.195.169,02. Berdasarkan anggaran kas, capaian "
        "penyerapan anggaran mencapai Rp 839.535.848.290,34 (79,14%) dari target "
        "Rp 1.060.834.720.613,25 (100%)."
    )


def test_it_uses_the_last_day_of_the_cut_off_month():
    kalimat = _kalimat(datetime.date(2023, 6, 30), pagu="984959704911",
                       target="524847798262", realisasi="377042374522")
    assert kalimat.startswith("Realisasi s.d. 30 Juni 2023 mencapai Rp 377.042.374.522,00 (38,28%)")
    assert "dari target 53,29% dengan pagu APBD Rp 984.959.704.911,00." in kalimat


def test_without_a_pagu_it_says_so_instead_of_printing_dashes():
    kalimat = _kalimat(datetime.date(2026, 1, 31), pagu="0", target="0", realisasi="0")
    assert kalimat == "Belum ada pagu APBD yang berlaku s.d. 31 Januari 2026."
    assert "–" not in kalimat


def test_without_anggaran_kas_yet_it_reports_absorption_against_the_pagu_only():
    kalimat = _kalimat(datetime.date(2025, 1, 31), pagu="1200", target="0", realisasi="0")
    assert kalimat.startswith("Realisasi s.d. 31 Januari 2025 mencapai Rp 0,00 (0,00%) dari target 0,00%")
    assert kalimat.endswith("Anggaran kas s.d. 31 Januari 2025 belum menargetkan penyerapan.")
    assert "–" not in kalimat
