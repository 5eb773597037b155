"""hitung_proyeksi on the database (constant queries, the reference year) and the page
(/proyeksi/, scoped like the dashboard)."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import JenisVersi
from evaluation.proyeksi_data import acuan_per_opd, hitung_proyeksi, proyeksi_opd, tahun_acuan

pytestmark = pytest.mark.django_db

D = Decimal
URL = reverse("evaluation:proyeksi")
AK = ["100"] * 12  # 1200 a year, 900 by September


def _isi(jumlah_opd: int, tahun: int = 2025, realisasi_bulanan: str = "60",
         tahun_lalu: bool = True):
    """``jumlah_opd`` OPD with one line each (pagu 1200, anggaran kas 100 a month); this year
    60 a month realised to September; last year (if any) 80 a month to September then 180 a
    month in October–December (the December rush)."""
    daftar = []
    v = t.versi(tahun, JenisVersi.MURNI, datetime.date(tahun, 1, 1), nama=f"APBD Murni {tahun}")
    lalu = (t.versi(tahun - 2, JenisVersi.MURNI, datetime.date(tahun - 2, 1, 1),
                    nama=f"APBD Murni {tahun - 2}") if tahun_lalu else None)
    for i in range(jumlah_opd):
        o = t.opd(f"1.02.0.00.0.00.{i + 1:02d}.0000", f"Dinas Nomor {i + 1}")
        sub = f"1.02.02.2.01.{i + 1:04d}"
        t.rincian(o=o, sub=sub, pagu="1200", ak=AK, v=v,
                  realisasi={b: realisasi_bulanan for b in range(1, 10)})
        t.fisik(o, sub, 9, realisasi=70, target=75, t=tahun)
        if lalu is not None:
            t.rincian(o=o, sub=sub, pagu="1200", ak=AK, v=lalu,
                      realisasi={**{b: "80" for b in range(1, 10)},
                                 **{b: "100" for b in range(10, 13)}})
        daftar.append(o)
    return daftar


def test_the_reference_year_is_the_latest_completed_year_before():
    _isi(1)
    assert tahun_acuan(2025) == 2023
    assert tahun_acuan(2023) is None
    assert acuan_per_opd(2023, 9) == {
        next(iter(acuan_per_opd(2023, 9))): (D("1200.00"), D("900.00"), D("720.00"),
                                            D("1020.00"))}


def test_the_rest_is_absorbed_at_last_years_rate_per_opd():
    (o,) = _isi(1)
    h = hitung_proyeksi(2025, 9)
    assert h.tahun_acuan == 2023
    p = proyeksi_opd(h, o.pk)
    # last year: 300 of anggaran kas left after September, 300 realised -> rate 100%
    assert p.laju == 1
    assert p.realisasi == D(540)
    assert p.proyeksi == D(540) + D(300)
    assert p.proyeksi_persen == D(70)
    assert p.asumsi == (
        "Bila realisasi Oktober–Desember 2025 mengikuti pola tahun 2023 (realisasi 1,00 kali "
        "sisa anggaran kas bulan-bulan itu), realisasi akhir tahun Rp 840,00 (70,00% dari pagu)."
    )
    assert p.kebutuhan_per_bulan == D(220)  # (1200 − 540) / 3
    assert p.berisiko and "di bawah batas 90%" in p.alasan and "3,67 kali" in p.alasan
    assert h.pemda.opd_id is None and h.pemda.proyeksi == D(840)
    assert h.berisiko_opd == [p]


def test_without_a_completed_year_this_years_capaian_is_the_rate():
    (o,) = _isi(1, tahun_lalu=False)
    h = hitung_proyeksi(2025, 9)
    assert h.tahun_acuan is None
    p = proyeksi_opd(h, o.pk)
    assert p.laju == D(540) / D(900)
    assert "mengikuti capaian anggaran kas Januari–September 2025" in p.asumsi


def test_the_sub_kegiatan_at_risk_are_labelled_and_ordered_by_pagu():
    a, b = _isi(2, tahun_lalu=False)
    t.rincian(o=b, sub="1.02.02.2.01.0099", pagu="6000", ak=["500"] * 12)  # nothing realised
    t.fisik(a, "1.02.02.2.01.0001", 9, realisasi=10, target=75)
    h = hitung_proyeksi(2025, 9)
    assert [(s.kode, s.nama_opd) for s in h.berisiko_sub] == [
        ("1.02.02.2.01.0099", "Dinas Nomor 2"), ("1.02.02.2.01.0001", "Dinas Nomor 1")]
    nol, fisik = h.berisiko_sub
    assert nol.pagu == D(6000) and nol.persen_realisasi == 0
    assert nol.alasan == ("Belum ada realisasi, padahal target anggaran kas s.d. September "
                          "Rp 4.500,00")
    assert fisik.alasan.startswith("Realisasi fisik 10,00% tertinggal 65,00 poin")


def test_the_worst_projection_comes_first():
    a, b = _isi(2, tahun_lalu=False)
    t.rincian(o=b, sub="1.02.02.2.01.0002", sd="PAD", pagu="1200", ak=AK,
              realisasi={1: "900"})  # B: 1440 of 1800 due, A: 540 of 900
    h = hitung_proyeksi(2025, 9)
    assert [p.opd_id for p in h.opd] == [a.pk, b.pk]
    assert h.opd[0].proyeksi_persen < h.opd[1].proyeksi_persen


def _jumlah_query() -> int:
    with CaptureQueriesContext(connection) as q:
        h = hitung_proyeksi(2025, 9)
    assert h.tahun_acuan == 2023 and h.berisiko_sub
    return len(q)


def test_it_takes_a_constant_number_of_queries(django_assert_max_num_queries):
    # 2 OPD, then 12 OPD, each with a sub kegiatan at risk and a reference year: same count.
    def tertinggal(n):
        for i in range(n):
            t.fisik(t.opd(f"1.02.0.00.0.00.{i + 1:02d}.0000"), f"1.02.02.2.01.{i + 1:04d}", 9,
                    realisasi=0, target=80)

    _isi(2)
    tertinggal(2)
    kecil = _jumlah_query()
    _isi(12)
    tertinggal(12)
    with django_assert_max_num_queries(kecil):
        h = hitung_proyeksi(2025, 9)
    assert len(h.opd) == 12 and len(h.berisiko_sub) == 12
    assert kecil <= 13


# --- the page ------------------------------------------------------------------------------


def _teks(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _operator(o):
    u = User.objects.create_user(f"operator{o.pk}", password="x", peran=Peran.OPERATOR)
    u.opd.add(o)
    return u


def test_the_leaders_see_the_pemda_and_every_opd_with_their_sentences(client, pimpinan):
    a, b = _isi(2)
    t.fisik(b, "1.02.02.2.01.0002", 9, realisasi=0, target=80)
    client.force_login(pimpinan)
    r = client.get(URL, {"tahun": 2025, "bulan": 9})
    assert r.status_code == 200
    teks = _teks(r.content.decode())
    h = hitung_proyeksi(2025, 9)
    assert h.pemda.asumsi in teks
    for p in h.opd:
        assert p.asumsi in teks
        assert p.nama in teks
    assert "Dinas Nomor 1" in teks and "Dinas Nomor 2" in teks
    assert "di bawah 90% dari pagu" in teks  # the threshold is stated
    assert "paling besar 3 poin" in teks  # the backtest bound is stated
    sub = b.rincian.first().sub_kegiatan_id
    assert f'href="/opd/{b.pk}/sub/{sub}/?tahun=2025&amp;bulan=9"' in r.content.decode()
    assert f'href="/opd/{a.pk}/?tahun=2025&amp;bulan=9"' in r.content.decode()


def test_an_operator_sees_only_their_own_opd_and_no_pemda_line(client):
    a, b = _isi(2)
    t.fisik(b, "1.02.02.2.01.0002", 9, realisasi=0, target=80)  # B's sub kegiatan at risk
    client.force_login(_operator(a))
    r = client.get(URL, {"tahun": 2025, "bulan": 9})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Dinas Nomor 1" in html
    assert "Dinas Nomor 2" not in html
    assert "1.02.02.2.01.0002" not in html
    assert f"/opd/{b.pk}/" not in html
    assert "Pemerintah daerah" not in html
    h = hitung_proyeksi(2025, 9)
    assert h.pemda.asumsi not in _teks(html)


def test_an_operator_of_no_opd_sees_nothing(client):
    _isi(2)
    u = buat_pengguna("tanpa", Peran.OPERATOR)
    client.force_login(u)
    html = client.get(URL, {"tahun": 2025, "bulan": 9}).content.decode()
    assert "Dinas Nomor" not in html
    assert "belum dikaitkan" in html


def test_a_year_without_data_is_refused_with_the_years_available(client, pimpinan):
    _isi(1)
    client.force_login(pimpinan)
    r = client.get(URL, {"tahun": 2030, "bulan": 9})
    assert r.status_code == 404
    assert "Belum ada data anggaran untuk tahun 2030" in r.content.decode()
    r = client.get(URL, {"tahun": 2025, "bulan": 13})
    assert r.status_code == 400


def test_december_says_the_year_is_over(client, pimpinan):
    _isi(1)
    client.force_login(pimpinan)
    teks = _teks(client.get(URL, {"tahun": 2025, "bulan": 12}).content.decode())
    assert "Tahun anggaran 2025 telah berakhir" in teks


def test_the_page_takes_the_same_number_of_queries_for_2_and_12_opd(client, pimpinan):
    def hitung():
        client.force_login(pimpinan)
        with CaptureQueriesContext(connection) as q:
            r = client.get(URL, {"tahun": 2025, "bulan": 9})
        assert r.status_code == 200
        return len(q)

    _isi(2)
    kecil = hitung()
    _isi(12)
    assert hitung() == kecil


def test_the_page_header_names_the_real_pemda_for_leaders_and_operators(client, pimpinan):
    from budget.models import Pemda

    a, _ = _isi(2)
    Pemda.objects.create(nama="Kabupaten Contoh Jaya", provinsi="Lampung")
    for u in (pimpinan, _operator(a)):
        client.force_login(u)
        html = client.get(URL, {"tahun": 2025, "bulan": 9}).content.decode()
        assert "Pemerintah Kabupaten Contoh Jaya" in html
        assert "Pemerintah Pemerintah Daerah" not in html


def test_the_opd_table_shows_the_rate_short_and_the_sentence_folded(client, pimpinan):
    _isi(2)
    client.force_login(pimpinan)
    html = client.get(URL, {"tahun": 2025, "bulan": 9}).content.decode()
    assert "× 1,00 pola 2023" in html
    assert html.count('<details class="asumsi">') == 2
