"""The projection as plain functions: exact figures, the one sentence, the early warning."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from evaluation.proyeksi import (
    HasilProyeksi,
    Laju,
    alasan_sub,
    pilih_laju,
    proyeksi_opd,
    proyeksikan,
    rentang_berjalan,
    rentang_sisa,
    urut_terburuk,
)
from lib.figures_proyeksi import laju_acuan

D = Decimal


def _p(bulan=9, pagu="1200", target="900", realisasi="600", laju=None, **kw):
    laju = laju or pilih_laju(2025, bulan, target=D(target), realisasi=D(realisasi))
    return proyeksikan(2025, bulan, opd_id=kw.pop("opd_id", 7), nama=kw.pop("nama", "Dinas A"),
                       pagu=D(pagu), target=D(target), realisasi=D(realisasi), laju=laju, **kw)


def test_the_month_ranges_read_as_words():
    assert rentang_sisa(9) == "Oktober–Desember"
    assert rentang_sisa(11) == "Desember"
    assert rentang_berjalan(9) == "Januari–September"
    assert rentang_berjalan(1) == "Januari"


def test_without_a_reference_year_the_rest_is_absorbed_at_this_years_capaian():
    p = _p()  # capaian 600 / 900 = 66,67%; sisa anggaran kas 300
    assert p.proyeksi == D(600) + D(300) * D(600) / D(900)
    assert p.proyeksi == D(800)
    assert p.proyeksi_persen * 3 == D(200)  # 66,67% of the pagu
    assert p.asumsi == (
        "Bila realisasi Oktober–Desember 2025 mengikuti capaian anggaran kas Januari–September "
        "2025 (realisasi 66,67% dari anggaran kas bulan-bulan itu), realisasi akhir tahun "
        "Rp 800,00 (66,67% dari pagu)."
    )
    assert p.laju_singkat == "× 0,67 capaian 2025"
    assert "terserap" not in p.asumsi and "430" not in p.asumsi
    assert p.asumsi.count(". ") == 0 and p.asumsi.endswith(".")  # one sentence


def test_the_reference_years_own_rate_comes_first_and_is_named():
    laju = pilih_laju(2025, 9, target=D(900), realisasi=D(600), tahun_acuan=2023,
                      laju_sendiri=D("1.5"), laju_pemda=D("1.2"))
    p = _p(laju=laju)
    assert p.proyeksi == D(600) + D(300) * D("1.5")
    assert p.laju == D("1.5")
    assert p.asumsi == (
        "Bila realisasi Oktober–Desember 2025 mengikuti pola tahun 2023 (realisasi 1,50 kali sisa "
        "anggaran kas bulan-bulan itu), realisasi akhir tahun Rp 1.050,00 (87,50% dari pagu).")
    assert p.asumsi.count(". ") == 0
    assert p.laju_singkat == "× 1,50 pola 2023"


def test_in_november_the_one_month_left_is_named_in_the_singular():
    laju = pilih_laju(2025, 11, target=D(1000), realisasi=D(600), tahun_acuan=2023,
                      laju_sendiri=D("4.3016"))
    p = _p(bulan=11, pagu="1200", target="1000", realisasi="600", laju=laju)
    assert p.asumsi.startswith("Bila realisasi Desember 2025 mengikuti pola tahun 2023 (realisasi "
                               "4,30 kali sisa anggaran kas bulan itu), ")


def test_an_opd_without_its_own_rate_takes_the_pemdas_and_says_so():
    laju = pilih_laju(2025, 9, target=D(900), realisasi=D(600), tahun_acuan=2023,
                      laju_sendiri=None, laju_pemda=D("1.2"))
    assert laju.nilai == D("1.2")
    assert "seluruh pemda" in laju.sebab and "tidak dapat dihitung" in laju.sebab
    assert "1,20 kali" in laju.sebab and laju.singkat == "× 1,20 pola pemda 2023"


def test_with_no_target_yet_the_rest_is_assumed_as_planned():
    laju = pilih_laju(2025, 1, target=D(0), realisasi=D(0))
    assert laju.nilai == 1
    assert "sesuai anggaran kas" in laju.sebab


def test_the_reference_rate_is_the_late_realisasi_over_the_anggaran_kas_left():
    assert laju_acuan(D(1000), D(700), D(600), D(960)) == D("1.2")
    assert laju_acuan(D(1000), D(1000), D(600), D(960)) is None  # nothing was left to absorb


def test_the_projection_never_exceeds_the_pagu_and_the_sentence_says_so():
    p = _p(laju=Laju(D(3), "seperti contoh"))
    assert p.proyeksi == D(1200)
    assert p.proyeksi_persen == 100
    assert "realisasi akhir tahun mencapai pagu Rp 1.200,00 (100,00%)" in p.asumsi


def test_needed_per_month_is_what_is_left_of_the_pagu_over_the_months_left_exactly():
    p = _p(pagu="1000", target="900", realisasi="0.01")
    assert p.kebutuhan_per_bulan == (D(1000) - D("0.01")) / 3


def test_in_december_nothing_is_left_and_the_projection_is_the_realisasi():
    p = _p(bulan=12, pagu="1200", target="1200", realisasi="1100")
    assert p.proyeksi == D(1100)
    assert p.kebutuhan_per_bulan == 0
    assert p.asumsi == ("Tahun anggaran 2025 telah berakhir: realisasi akhir tahun Rp 1.100,00 "
                        "(91,67% dari pagu).")
    assert not p.berisiko


def test_without_pagu_nothing_is_projected_and_no_percentage():
    p = _p(pagu="0", target="0", realisasi="0")
    assert p.proyeksi == 0 and p.proyeksi_persen is None
    assert not p.berisiko
    assert "Tidak ada pagu" in p.asumsi


def test_when_all_anggaran_kas_fell_due_the_projection_is_the_realisasi():
    p = _p(bulan=9, pagu="1200", target="1200", realisasi="1150")
    assert p.proyeksi == D(1150)
    assert "Seluruh anggaran kas telah jatuh tempo s.d. September" in p.asumsi


def test_an_opd_projected_below_the_threshold_is_at_risk_with_the_reason():
    p = _p()  # 66,67%
    assert p.berisiko
    assert p.alasan.startswith("Proyeksi 66,67% dari pagu, di bawah batas 90%")


def test_an_opd_that_needs_more_than_twice_its_monthly_average_is_at_risk():
    # 1080 of 1200 by September: 120 a month on average, 40 needed: fine.
    assert not _p(pagu="1200", target="1080", realisasi="1080").berisiko
    # Projected at 95% (rate 0,9), above the threshold, yet needing 300 a month against 100.
    p = _p(pagu="1800", target="900", realisasi="900", laju=Laju(D("0.9"), "x"))
    assert p.proyeksi_persen == 95
    assert p.berisiko
    assert p.alasan == ("Proyeksi 95,00% belum mencapai pagu; agar mencapai pagu perlu realisasi "
                        "Rp 300,00 per bulan pada Oktober–Desember, 3,00 kali rata-rata realisasi "
                        "bulanan Januari–September (Rp 100,00)")
    # the factor is configuration
    assert not _p(pagu="1800", target="900", realisasi="900", laju=Laju(D("0.9"), "x"),
                  faktor_kebutuhan=D(4)).berisiko
    # a back-loaded plan the OPD absorbed last year (projected at the pagu) is no risk
    assert not _p(pagu="1800", target="900", realisasi="900", laju=Laju(D(1), "x")).berisiko


def test_an_opd_with_no_realisasi_at_all_is_at_risk():
    p = _p(pagu="1200", target="0", realisasi="0")
    assert p.berisiko
    assert "Belum ada realisasi, padahal perlu Rp 400,00 per bulan" in p.alasan


def test_the_worst_projection_comes_first_and_those_without_pagu_last():
    a = _p(opd_id=1, nama="A", pagu="1000", target="500", realisasi="500")  # 100%
    b = _p(opd_id=2, nama="B", pagu="1000", target="500", realisasi="250")  # 50%
    c = _p(opd_id=3, nama="C", pagu="0", target="0", realisasi="0")
    assert [p.opd_id for p in urut_terburuk([c, a, b])] == [2, 1, 3]
    hasil = HasilProyeksi(2025, 9, pemda=a, opd=[a, b, c])
    assert proyeksi_opd(hasil, 2) is b
    assert proyeksi_opd(hasil, 99) is None


def test_a_sub_kegiatan_with_anggaran_kas_due_and_no_realisasi_is_at_risk():
    alasan = alasan_sub(9, target=D("1500000"), realisasi=D(0), fisik=D(0), target_fisik=D(0))
    assert alasan == "Belum ada realisasi, padahal target anggaran kas s.d. September " \
                     "Rp 1.500.000,00"
    assert alasan_sub(9, target=D(0), realisasi=D(0), fisik=None, target_fisik=None) == ""


def test_a_sub_kegiatan_far_behind_its_target_fisik_is_at_risk():
    alasan = alasan_sub(9, target=D(100), realisasi=D(50), fisik=D("30.5"), target_fisik=D(60))
    assert alasan == "Realisasi fisik 30,50% tertinggal 29,50 poin dari target fisik 60,00%"
    assert alasan_sub(9, target=D(100), realisasi=D(50), fisik=D("40"), target_fisik=D(60)) == ""


@given(
    pagu=st.integers(0, 10**14), target_bagian=st.integers(0, 1000),
    realisasi=st.integers(0, 2 * 10**14), laju=st.integers(0, 5000), bulan=st.integers(1, 12),
)
def test_the_projection_stays_between_the_realisasi_and_the_pagu(pagu, target_bagian, realisasi,
                                                                  laju, bulan):
    pagu, realisasi = D(pagu).scaleb(-2), D(realisasi).scaleb(-2)
    target = (pagu * target_bagian / 1000).quantize(D("0.01"))
    p = proyeksikan(2025, bulan, opd_id=1, nama="X", pagu=pagu, target=target,
                    realisasi=realisasi, laju=Laju(D(laju) / 1000, "seperti contoh"))
    assert p.proyeksi >= realisasi
    assert p.proyeksi <= max(pagu, realisasi)
    assert p.kebutuhan_per_bulan >= 0
    assert (p.kebutuhan_per_bulan == 0) == (bulan == 12 or realisasi >= pagu)
    assert p.asumsi.endswith(".") and "\n" not in p.asumsi
    assert p.berisiko == bool(p.alasan)
