"""The index page and the OPD page's index section: content, scoping (an operator sees only
their own OPD, ranked among all), constant query counts."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from reporting.models import LaporanBulanan, StatusLaporan

pytestmark = pytest.mark.django_db
D = Decimal
URL = reverse("evaluation:indeks")
PARAM = {"tahun": 2025, "bulan": 6}


@pytest.fixture(autouse=True)
def waktu_beku():
    with time_machine.travel(timezone.make_aware(datetime.datetime(2025, 7, 20, 10)), tick=False):
        yield


def _teks(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _pada(bulan, hari):
    return timezone.make_aware(datetime.datetime(2025, bulan, hari, 9))


@pytest.fixture
def pupr(db):
    return t.opd("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum")


@pytest.fixture
def data(dinkes, pupr):
    # PUPR on plan in everything; Dinkes spends half its plan and never reports.
    t.rincian(o=pupr, sub="1.03.03.2.01.0001", pagu=2400, ak=[200] * 12,
              realisasi={b: 200 for b in range(1, 7)})
    t.fisik(pupr, "1.03.03.2.01.0001", 6, realisasi=50, target=50)
    t.fisik(pupr, "1.03.03.2.01.0001", 3, realisasi=25, target=25)
    for b in range(1, 7):
        LaporanBulanan.objects.create(tahun=t.tahun(), opd=pupr, bulan=b,
                                      status=StatusLaporan.DIVERIFIKASI,
                                      pertama_diajukan_pada=_pada(b + 1, 3))
    t.rincian(o=dinkes, pagu=1200, ak=[100] * 12, realisasi={b: 50 for b in range(1, 7)})
    t.fisik(dinkes, "1.02.02.2.01.0001", 6, realisasi=10, target=50)


def _user(peran, o=None, nama="u"):
    u = buat_pengguna(nama, peran)
    if o is not None:
        u.opd.add(o)
    return u


def test_the_pimpinan_sees_every_opd_ranked_with_components_and_lists(client, data, pupr,
                                                                      dinkes):
    client.force_login(_user(Peran.PIMPINAN))
    r = client.get(URL, PARAM)
    assert r.status_code == 200
    teks = _teks(r.content.decode())
    assert "Triwulan II 2025" in teks
    assert "Penyerapan anggaran 30,00%" in teks  # weights in force
    baris = r.context["baris"]
    assert [b.nama for b in baris] == ["Dinas Pekerjaan Umum", "Dinas Kesehatan"]
    assert baris[0].n.nilai == D(100) and baris[0].n.kategori == "Sangat Baik"
    assert baris[1].n.kategori == "Kurang"
    html = r.content.decode()
    assert 'class="kat kat--sangat-tinggi">Sangat Baik<' in html
    assert 'class="kat kat--sangat-rendah">Kurang<' in html
    assert reverse("evaluation:opd", args=[pupr.pk]) + "?tahun=2025&amp;bulan=6" in html
    # PUPR unchanged from TW I (all 100), shown as "="
    assert baris[0].perubahan.simbol == "="
    assert [b.nama for b in r.context["reward"]] == ["Dinas Pekerjaan Umum", "Dinas Kesehatan"]
    assert [b.nama for b in r.context["punishment"]] == ["Dinas Kesehatan",
                                                           "Dinas Pekerjaan Umum"]
    assert "Cara menghitung" in teks and "95 ≤ nilai" in teks


def test_the_operator_sees_only_their_own_row_ranked_among_all(client, data, dinkes):
    client.force_login(_user(Peran.OPERATOR, dinkes))
    r = client.get(URL, PARAM)
    assert r.status_code == 200
    teks = _teks(r.content.decode())
    assert "Dinas Pekerjaan Umum" not in teks
    assert [(b.nama, b.n.peringkat) for b in r.context["baris"]] == [("Dinas Kesehatan", 2)]
    assert [b.nama for b in r.context["punishment"]] == ["Dinas Kesehatan"]
    assert "peringkat dihitung dari seluruh 2 perangkat daerah" in teks
    assert [b.nama for b in r.context["reward"]] == ["Dinas Kesehatan"]  # only 2 OPD


def test_an_opd_without_pagu_is_named_as_not_scored(client, data):
    t.opd("2.07.0.00.0.00.01.0000", "Dinas Tanpa Pagu")
    client.force_login(_user(Peran.VERIFIKATOR))
    teks = _teks(client.get(URL, PARAM).content.decode())
    assert "Tidak dinilai (tidak mempunyai pagu pada anggaran yang berlaku): Dinas Tanpa Pagu" \
        in teks


def test_a_bad_month_is_explained(client, data):
    client.force_login(_user(Peran.PIMPINAN))
    r = client.get(URL, {"tahun": 2025, "bulan": 13})
    assert r.status_code == 400
    assert "Bulan “13” tidak dikenali" in r.content.decode()


def test_the_quarter_shortcuts_point_at_the_quarter_ends(client, data):
    client.force_login(_user(Peran.PIMPINAN))
    html = client.get(URL, {"tahun": 2025, "bulan": 5}).content.decode()
    # May is in TW II: its button is highlighted and says the month actually shown
    assert ('href="?tahun=2025&amp;bulan=6" aria-current="true">TW II '
            '<span class="pil__bulan">s.d. Mei') in html
    assert 'href="?tahun=2025&amp;bulan=9"' in html
    assert "Triwulan II 2025" in _teks(html)


def test_the_nav_links_to_the_index(client, data):
    client.force_login(_user(Peran.OPERATOR, t.opd()))
    html = client.get(reverse("evaluation:dasbor"), PARAM).content.decode()
    assert f'href="{URL}"' in html and "Indeks Kinerja" in html


def test_the_opd_page_explains_the_score_component_by_component(client, data, dinkes):
    client.force_login(_user(Peran.OPERATOR, dinkes))
    r = client.get(reverse("evaluation:opd", args=[dinkes.pk]), PARAM)
    assert r.status_code == 200
    teks = _teks(r.content.decode())
    assert "Indeks Kinerja Pelaksanaan Anggaran — TW II" in teks
    assert "Peringkat 2 dari 2 perangkat daerah menurut nilai indeks" in teks
    assert "Realisasi Rp 300,00 dibanding target anggaran kas Rp 600,00 s.d. Juni = 50,00%" \
        in teks
    assert "Belum diajukan: Januari, Februari, Maret, April, Mei, Juni" in teks
    assert "Tidak dapat dihitung: belum ada laporan bulanan yang diajukan" in teks
    n = r.context["indeks_opd"].n
    # penyerapan 50 (30), deviasi 0 (20), fisik 20 (25), ketepatan 0 (15); kualitas left out
    assert abs(n.nilai - (D(50) * 30 + D(20) * 25) / 90) < D("1e-20")
    assert "Dinas Pekerjaan Umum" not in teks


def test_another_opds_operator_gets_no_index_of_it(client, data, dinkes, pupr):
    client.force_login(_user(Peran.OPERATOR, dinkes))
    assert client.get(reverse("evaluation:opd", args=[pupr.pk]), PARAM).status_code == 404


def _banyak(nomor):
    for i in nomor:
        o = t.opd(f"9.99.0.00.0.00.{i:02d}.0000", f"OPD Uji {i}")
        t.rincian(o=o, sub="1.02.02.2.01.0001", pagu=1200 + i, realisasi={1: 10 + i, 5: i})
        t.fisik(o, "1.02.02.2.01.0001", 2, realisasi=5, target=10)
        LaporanBulanan.objects.create(tahun=t.tahun(), opd=o, bulan=2,
                                      pertama_diajukan_pada=_pada(3, 2))


def _hitung(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url, PARAM)
    assert r.status_code == 200
    return len(ctx.captured_queries), r


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.OPERATOR])
def test_the_index_page_takes_the_same_queries_for_2_and_6_opd(client, dinkes, peran):
    client.force_login(_user(peran, dinkes))
    t.rincian(o=dinkes, pagu=1200, realisasi={1: 100})
    _banyak(range(1))
    sedikit, r2 = _hitung(client, URL)
    _banyak(range(1, 5))
    banyak, r6 = _hitung(client, URL)
    assert r6.context["jumlah_dinilai"] == 6 and r2.context["jumlah_dinilai"] == 2
    assert sedikit == banyak
    assert banyak <= 30


def test_the_opd_page_takes_the_same_queries_for_2_and_6_opd(client, dinkes):
    client.force_login(_user(Peran.PIMPINAN))
    t.rincian(o=dinkes, pagu=1200, realisasi={1: 100})
    url = reverse("evaluation:opd", args=[dinkes.pk])
    _banyak(range(1))
    sedikit, _ = _hitung(client, url)
    _banyak(range(1, 5))
    banyak, r = _hitung(client, url)
    assert r.context["indeks_jumlah"] == 6
    assert sedikit == banyak
