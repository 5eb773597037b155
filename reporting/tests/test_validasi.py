from decimal import Decimal

from reporting.validasi import (
    BarisLaporan,
    SubLaporan,
    Tingkat,
    galat,
    periksa,
    periksa_periode,
    peringatan_tanpa_penjelasan,
)

D = Decimal
LABEL = "1.03.03.2.01.0001 Pembangunan Jalan · DAK_FISIK · 5.2.04"


def baris(realisasi, *, sebelumnya=0, pagu=1000, ak=500, rid=1, sub=10):
    return BarisLaporan(rid, LABEL, sub, D(pagu), D(ak), D(sebelumnya), D(realisasi))


def sub(fisik=None, *, sebelumnya=None, masalah=False, sid=10):
    return SubLaporan(sid, "1.03.03.2.01.0001 Pembangunan Jalan",
                      None if fisik is None else D(fisik),
                      None if sebelumnya is None else D(sebelumnya), masalah)


def kode(pesan):
    return [(p.tingkat, p.kode.split(":")[0]) for p in pesan]


def test_a_clean_report_has_no_messages():
    assert periksa(6, [baris(100, sebelumnya=300, ak=450)], [sub(40, sebelumnya=30)]) == []


def test_negative_amount_is_an_error_naming_line_and_value():
    [p] = periksa(2, [baris(-5)], [])
    assert p.tingkat is Tingkat.GALAT
    assert p.pesan == f"{LABEL}: realisasi -Rp 5,00 negatif; realisasi tidak boleh kurang dari nol."
    assert p.rincian_id == 1


def test_cumulative_above_pagu_is_an_error():
    [p] = periksa(2, [baris(600, sebelumnya=400.01)], [])
    assert p.tingkat is Tingkat.GALAT
    assert "realisasi kumulatif Rp 1.000,01 melebihi pagu Rp 1.000,00" in p.pesan


def test_realisasi_above_anggaran_kas_by_more_than_ten_percent_is_a_warning():
    assert periksa(2, [baris(550, ak=500)], [sub(55)]) == []
    [p] = periksa(2, [baris("550.01", ak=500)], [sub(55)])
    assert p.tingkat is Tingkat.PERINGATAN
    assert "melebihi anggaran kas kumulatif Rp 500,00 lebih dari 10%" in p.pesan


def test_fisik_outside_range_or_below_last_month_is_an_error():
    assert kode(periksa(2, [baris(100)], [sub("100.5")])) == [(Tingkat.GALAT, "fisik_rentang")]
    [p] = periksa(2, [baris(100)], [sub(20, sebelumnya=25)])
    assert p.tingkat is Tingkat.GALAT
    assert "realisasi fisik 20,00% lebih rendah dari bulan sebelumnya (25,00%)" in p.pesan


def test_fisik_far_from_keuangan_is_a_warning():
    # keuangan 100/1000 = 10%; fisik 35.01% is more than 25 points away
    assert periksa(2, [baris(100, ak=100)], [sub(35)]) == []
    assert kode(periksa(2, [baris(100, ak=100)], [sub("35.01")])) == [
        (Tingkat.PERINGATAN, "selisih_fisik")]


def test_no_realisasi_after_the_third_month_is_a_warning():
    assert kode(periksa(3, [baris(0)], [sub(masalah=True)])) == []
    assert kode(periksa(4, [baris(0)], [sub(masalah=True)])) == [
        (Tingkat.PERINGATAN, "tanpa_realisasi")]


def test_sangat_rendah_without_open_permasalahan_is_a_warning():
    assert kode(periksa(2, [baris(250, ak=500)], [sub()])) == [
        (Tingkat.PERINGATAN, "sangat_rendah")]
    assert periksa(2, [baris(255, ak=500)], [sub()]) == []  # exactly 51%
    assert periksa(2, [baris(250, ak=500)], [sub(masalah=True)]) == []


def test_errors_come_first_and_explained_warnings_no_longer_block():
    pesan = periksa(5, [baris(-1, rid=1), baris(0, rid=2, sub=11)], [sub(sid=11)])
    assert [p.tingkat for p in pesan] == [Tingkat.GALAT, Tingkat.PERINGATAN]
    assert len(galat(pesan)) == 1
    [w] = peringatan_tanpa_penjelasan(pesan, set())
    assert peringatan_tanpa_penjelasan(pesan, {w.kode}) == []


def test_locked_or_future_month_is_an_error():
    assert periksa_periode("Oktober 2026", terkunci=False, belum_mulai=False) == []
    [p] = periksa_periode("Desember 2026", terkunci=False, belum_mulai=True)
    assert "belum dimulai" in p.pesan
    [p] = periksa_periode("Januari 2025", terkunci=True, belum_mulai=False)
    assert "dikunci" in p.pesan
