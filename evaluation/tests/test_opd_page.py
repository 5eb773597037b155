"""The drill-down: an OPD's page and a sub kegiatan's page — figures equal to hitung_rekap,
the Kurva S series, scoping (another OPD's operator gets 404), constant query counts."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import JenisVersi
from evaluation.kurva import seri_kurva
from evaluation.queries import hitung_rekap
from lib.rupiah import persen, rupiah
from reporting.models import Permasalahan

pytestmark = pytest.mark.django_db
D = Decimal
PARAM = {"tahun": 2025, "bulan": 3}


@pytest.fixture
def pupr(db):
    return t.opd("1.03.0.00.0.00.01.0000", "Dinas PUPR")


@pytest.fixture
def data(dinkes, pupr):
    t.rincian(o=dinkes, sub="1.02.02.2.01.0001", pagu=1200, realisasi={1: 100, 3: "50.25"})
    t.rincian(o=dinkes, sub="1.02.02.2.01.0001", sd="DAK_FISIK", jb="5.2.03", pagu=2400,
              realisasi={2: 300})
    t.rincian(o=dinkes, sub="1.02.02.2.02.0003", pagu=600, realisasi={})
    t.rincian(o=pupr, sub="1.03.03.2.01.0001", pagu=9000, realisasi={1: 4000})
    t.fisik(dinkes, "1.02.02.2.01.0001", 2, realisasi=20, target=30)
    t.fisik(pupr, "1.03.03.2.01.0001", 1, realisasi=50, target=10)


def _operator(o, nama="op"):
    u = buat_pengguna(nama, Peran.OPERATOR)
    u.opd.add(o)
    return u


def _teks(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _url_opd(o):
    return reverse("evaluation:opd", args=[o.pk])


def _url_sub(o, kode):
    return reverse("evaluation:sub_kegiatan", args=[o.pk, t.sub_kegiatan(kode).pk])


# --- OPD page --------------------------------------------------------------------------------


def test_the_opd_page_shows_the_opd_figures_and_rank_of_hitung_rekap(client, data, dinkes,
                                                                   pimpinan):
    client.force_login(pimpinan)
    r = client.get(_url_opd(dinkes), PARAM)
    assert r.status_code == 200
    html = r.content.decode()
    k = hitung_rekap(2025, 3).rekap.untuk_opd(dinkes.pk)
    for nilai in (k.angka.pagu, k.angka.target_anggaran_kas, k.angka.realisasi,
                  k.angka.sisa_pagu):
        assert rupiah(nilai) in html
    assert persen(k.angka.capaian_anggaran_kas) in html
    assert f"peringkat {k.peringkat} dari 2 perangkat daerah menurut capaian anggaran kas" in _teks(html)
    assert "Dinas PUPR" not in html


def test_the_opd_page_lists_its_sub_kegiatan_by_program_and_kegiatan_with_links(
    client, data, dinkes, pimpinan
):
    client.force_login(pimpinan)
    html = client.get(_url_opd(dinkes), PARAM).content.decode()
    teks = _teks(html)
    assert teks.index("1.02.02 Program 1.02.02") < teks.index("1.02.02.2.01 Kegiatan") \
        < teks.index("1.02.02.2.01.0001") < teks.index("1.02.02.2.02.0003")
    assert f'href="{_url_sub(dinkes, "1.02.02.2.01.0001")}?tahun=2025&amp;bulan=3"' in html
    # sub kegiatan 0001: two lines, pagu 3.600, target Jan–Mar 900, realisasi 450,25
    assert "3.600,00" in html and "900,00" in html and "450,25" in html
    # no inline script (static files only: the strict CSP), no style attribute
    assert not re.search(r"<script\b(?![^>]*\bsrc=)", html) and " style=" not in html


def test_the_dashboard_links_each_opd_to_its_page(client, data, dinkes, pimpinan):
    client.force_login(pimpinan)
    html = client.get(reverse("evaluation:dasbor"), PARAM).content.decode()
    assert f'href="{_url_opd(dinkes)}?tahun=2025&amp;bulan=3">Dinas Kesehatan</a>' in html


def test_pages_embed_the_kurva_s_as_inline_svg(client, data, dinkes, pimpinan):
    client.force_login(pimpinan)
    for url in (reverse("evaluation:dasbor"), _url_opd(dinkes),
                _url_sub(dinkes, "1.02.02.2.01.0001")):
        html = client.get(url, PARAM).content.decode()
        assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="grafik"') == 2, url


# --- sub kegiatan page ------------------------------------------------------------------------


def test_the_sub_kegiatan_page_shows_each_line_month_by_month(client, data, dinkes, pimpinan):
    client.force_login(pimpinan)
    r = client.get(_url_sub(dinkes, "1.02.02.2.01.0001"), PARAM)
    assert r.status_code == 200
    teks = _teks(r.content.decode())
    assert "DAU" in teks and "DAK_FISIK" in teks and "5.2.03" in teks
    # DAU line: ak 100 a month, realisasi 100, 0, 50,25 -> cumulative 100, 100, 150,25
    assert "Realisasi kumulatif 100,00 100,00 150,25 – –" in teks
    assert "Anggaran kas 100,00 100,00 100,00 100,00" in teks
    # cards: the sub kegiatan's pagu 3.600 and realisasi 450,25
    assert "Rp 3.600,00" in teks and "Rp 450,25" in teks


def test_the_sub_kegiatan_page_lists_its_permasalahan(client, data, dinkes, pimpinan):
    Permasalahan.objects.create(
        tahun=t.tahun(), opd=dinkes, sub_kegiatan=t.sub_kegiatan("1.02.02.2.01.0001"), bulan=2,
        kategori="pengadaan", uraian="Tender gagal dua kali", tindak_lanjut="Tender ulang",
        penanggung_jawab="PPK", target_selesai=datetime.date(2025, 4, 30),
    )
    client.force_login(pimpinan)
    teks = _teks(client.get(_url_sub(dinkes, "1.02.02.2.01.0001"), PARAM).content.decode())
    assert "Tender gagal dua kali" in teks and "Tender ulang" in teks and "Terbuka" in teks


def test_the_permasalahan_table_names_the_months(client, data, dinkes, pimpinan):
    """Finding 8 of issue #17: the table said "6" for Juni."""
    Permasalahan.objects.create(
        tahun=t.tahun(), opd=dinkes, sub_kegiatan=t.sub_kegiatan("1.02.02.2.01.0001"), bulan=2,
        kategori="lahan", uraian="Lahan belum bebas", tindak_lanjut="Musyawarah warga",
        status="selesai", bulan_selesai=3,
    )
    client.force_login(pimpinan)
    html = client.get(_url_sub(dinkes, "1.02.02.2.01.0001"), PARAM).content.decode()
    baris = _teks(re.search(r'<table class="tabel tabel--masalah">.*?</table>', html, re.S)[0])
    assert "Februari Lahan Lahan belum bebas" in baris
    assert "Selesai Maret" in baris
    assert not re.search(r"\b[23]\b", baris), baris


def test_a_month_the_opd_has_not_reported_shows_a_dash_not_zero(client, data, pupr, pimpinan):
    """Finding 8 of issue #17: a month up to the cut-off that the OPD has not reported showed
    "0,00" where later months show "–". A month counts as reported once the OPD submitted its
    report (spending nothing on this line is then a real 0,00) or has realisasi of any line."""
    from reporting.models import LaporanBulanan, StatusLaporan

    client.force_login(pimpinan)
    url = _url_sub(pupr, "1.03.03.2.01.0001")
    teks = _teks(client.get(url, PARAM).content.decode())
    # PUPR: realisasi in January only; February and March not reported.
    assert "Realisasi 4.000,00 – – – – –" in teks
    assert "Realisasi kumulatif 4.000,00 – – – – –" in teks
    LaporanBulanan.objects.create(
        tahun=t.tahun(), opd=pupr, bulan=2, status=StatusLaporan.DIAJUKAN,
        pertama_diajukan_pada=datetime.datetime(2025, 3, 5, tzinfo=datetime.UTC))
    teks = _teks(client.get(url, PARAM).content.decode())
    assert "Realisasi 4.000,00 0,00 – – – –" in teks
    assert "Realisasi kumulatif 4.000,00 4.000,00 – – – –" in teks


def test_a_sub_kegiatan_the_opd_has_no_budget_for_is_404(client, data, dinkes, pimpinan):
    client.force_login(pimpinan)
    assert client.get(_url_sub(dinkes, "1.03.03.2.01.0001"), PARAM).status_code == 404
    assert client.get(reverse("evaluation:sub_kegiatan", args=[dinkes.pk, 999999]),
                      PARAM).status_code == 404


def test_an_unknown_opd_is_404(client, data, pimpinan):
    client.force_login(pimpinan)
    assert client.get(reverse("evaluation:opd", args=[999999]), PARAM).status_code == 404


def test_a_bad_month_is_explained(client, data, dinkes, pimpinan):
    client.force_login(pimpinan)
    r = client.get(_url_opd(dinkes), {"tahun": 2025, "bulan": 13})
    assert r.status_code == 400
    assert "Bulan “13” tidak dikenali" in r.content.decode()


# --- scoping ---------------------------------------------------------------------------------


def test_an_operator_sees_their_own_opd_and_sub_kegiatan(client, data, dinkes):
    client.force_login(_operator(dinkes))
    assert client.get(_url_opd(dinkes), PARAM).status_code == 200
    assert client.get(_url_sub(dinkes, "1.02.02.2.01.0001"), PARAM).status_code == 200


def test_another_opds_operator_gets_404_on_both_pages(client, data, dinkes, pupr):
    client.force_login(_operator(pupr))
    assert client.get(_url_opd(dinkes), PARAM).status_code == 404
    assert client.get(_url_sub(dinkes, "1.02.02.2.01.0001"), PARAM).status_code == 404


def test_an_operator_without_opd_gets_404(client, data, dinkes):
    client.force_login(buat_pengguna("kosong", Peran.OPERATOR))
    assert client.get(_url_opd(dinkes), PARAM).status_code == 404


def test_anonymous_users_are_sent_to_login(client, data, dinkes):
    r = client.get(_url_opd(dinkes), PARAM)
    assert r.status_code == 302 and "/masuk/" in r["Location"]


# --- Kurva S series ------------------------------------------------------------------------------


def test_the_series_end_at_the_cut_off_with_the_rekap_figures(data, dinkes):
    seri = seri_kurva(2025, 3, opd_id=dinkes.pk)
    k = hitung_rekap(2025, 3).rekap.untuk_opd(dinkes.pk).angka
    assert seri.persen_realisasi[2] == k.persen_realisasi
    assert seri.persen_target[2] == k.persen_target
    assert seri.fisik[2] == k.fisik and seri.target_fisik[2] == k.target_fisik
    assert seri.persen_realisasi[3:] == [None] * 9
    assert seri.persen_target[11] == D(100)  # the whole year's anggaran kas is the pagu
    # January: realisasi 100 of pagu 4.200
    assert seri.persen_realisasi[0] == D(100) * 100 / 4200


def test_the_pemda_series_uses_the_version_in_force_at_the_cut_off(data, dinkes):
    t.rincian(o=dinkes, sub="1.02.02.2.01.0001", pagu=2400,
              v=t.versi(2025, JenisVersi.PERGESERAN, datetime.date(2025, 3, 1)))
    seri = seri_kurva(2025, 3)
    assert seri.bulanan[0].pagu == hitung_rekap(2025, 3).rekap.total.pagu


def test_the_sub_kegiatan_series_is_limited_to_that_sub_kegiatan(data, dinkes):
    sub = t.sub_kegiatan("1.02.02.2.01.0001")
    seri = seri_kurva(2025, 3, opd_id=dinkes.pk, sub_kegiatan_id=sub.pk)
    assert seri.bulanan[2].pagu == D(3600)
    assert seri.bulanan[2].realisasi == D("450.25")
    assert seri.fisik[1] == D(20) and seri.target_fisik[11] == D(30)


# --- query counts ------------------------------------------------------------------------------


def _banyak_opd(n):
    for i in range(n):
        o = t.opd(f"9.99.0.00.0.00.{i:02d}.0000", f"OPD Uji {i}")
        t.rincian(o=o, sub="1.02.02.2.01.0001", pagu=1200 + i, realisasi={1: 10 + i})
        t.fisik(o, "1.02.02.2.01.0001", 2, realisasi=5, target=10)


def _banyak_sub(o, n):
    for j in range(n):
        t.rincian(o=o, sub=f"1.02.02.2.05.{j + 1:04d}", pagu=100 + j, realisasi={2: j})
        t.rincian(o=o, sub=f"1.02.02.2.05.{j + 1:04d}", sd="PAD", pagu=100, realisasi={1: 5})
        t.fisik(o, f"1.02.02.2.05.{j + 1:04d}", 2, realisasi=5, target=10)


def _hitung(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, PARAM)
    assert r.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.OPERATOR])
def test_the_opd_page_takes_the_same_queries_for_5_and_30_opd_and_sub_kegiatan(
    client, dinkes, peran
):
    user = buat_pengguna("u", peran, dinkes)
    client.force_login(user)
    t.rincian(o=dinkes, pagu=1200, realisasi={1: 100})
    _banyak_opd(5)
    _banyak_sub(dinkes, 2)
    sedikit = _hitung(client, _url_opd(dinkes))
    _banyak_opd(30)
    _banyak_sub(dinkes, 20)
    banyak = _hitung(client, _url_opd(dinkes))
    assert sedikit == banyak
    # figures, Kurva S, the indeks of this and the previous quarter, the projection, the
    # session and the scoping: a fixed bill, whatever the number of OPD and lines
    assert banyak <= 40


def test_the_sub_kegiatan_page_takes_the_same_queries_for_few_and_many_lines(
    client, dinkes, pimpinan
):
    client.force_login(pimpinan)
    url = _url_sub(dinkes, "1.02.02.2.01.0001")
    t.rincian(o=dinkes, pagu=1200, realisasi={1: 100})
    _banyak_opd(5)
    sedikit = _hitung(client, url)
    for kode in ("DAK_FISIK", "PAD", "DBH", "SILPA"):
        for jb in ("5.1.02", "5.2.03", "5.2.04"):
            t.rincian(o=dinkes, sd=kode, jb=jb, pagu=300, realisasi={1: 1, 2: 2, 3: 3})
    Permasalahan.objects.bulk_create([
        Permasalahan(tahun=t.tahun(), opd=dinkes, sub_kegiatan=t.sub_kegiatan("1.02.02.2.01.0001"),
                     bulan=1, kategori="lahan", uraian=f"Masalah {i}") for i in range(10)
    ])
    _banyak_opd(30)
    banyak = _hitung(client, url)
    assert sedikit == banyak
    assert banyak <= 26


def test_the_opd_page_states_its_own_year_end_projection(client, data, dinkes, pimpinan):
    from evaluation.proyeksi_data import hitung_proyeksi, proyeksi_opd

    client.force_login(pimpinan)
    teks = _teks(client.get(_url_opd(dinkes), PARAM).content.decode())
    p = proyeksi_opd(hitung_proyeksi(2025, 3), dinkes.pk)
    assert "Proyeksi akhir tahun" in teks
    assert p.asumsi in teks
    assert f"masih diperlukan {rupiah(p.kebutuhan_per_bulan)} per bulan" in teks
