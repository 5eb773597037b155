"""The open permasalahan as of a cut-off: what the Rakor must decide on, scoped to the
operator's OPD, in a constant number of queries."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from reporting.models import Permasalahan

pytestmark = pytest.mark.django_db
URL = reverse("evaluation:permasalahan")
PARAM = {"tahun": 2025, "bulan": 6}


@pytest.fixture
def pupr(db):
    return t.opd("1.03.0.00.0.00.01.0000", "Dinas PUPR")


def _masalah(o, uraian, bulan, kategori="pengadaan", selesai=None, sub="1.02.02.2.01.0001"):
    return Permasalahan.objects.create(
        tahun=t.tahun(), opd=o, sub_kegiatan=t.sub_kegiatan(sub), bulan=bulan,
        kategori=kategori, uraian=uraian, tindak_lanjut=f"Tindak {uraian}",
        penanggung_jawab="PPK", target_selesai=datetime.date(2025, 5, 31),
        status="selesai" if selesai else "terbuka", bulan_selesai=selesai,
    )


@pytest.fixture
def data(dinkes, pupr):
    t.rincian(o=dinkes, pagu=1200)
    t.rincian(o=pupr, sub="1.03.03.2.01.0001", pagu=1200)
    _masalah(dinkes, "Lelang gagal", 2)
    _masalah(dinkes, "Lahan belum bebas", 4, kategori="lahan")
    _masalah(dinkes, "Selesai bulan Mei", 3, selesai=5)
    _masalah(dinkes, "Selesai sesudah batas", 1, kategori="lahan", selesai=8)
    _masalah(dinkes, "Dilaporkan sesudah batas", 7)
    _masalah(pupr, "Kontraktor lambat", 5, kategori="penyedia", sub="1.03.03.2.01.0001")


def _teks(html):
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _get(client, user, **param):
    client.force_login(user)
    return client.get(URL, param or PARAM)


def test_it_lists_what_was_open_at_the_cut_off_oldest_first(client, data, pimpinan):
    r = _get(client, pimpinan)
    assert r.status_code == 200
    teks = _teks(r.content.decode())
    urutan = ["Selesai sesudah batas", "Lelang gagal", "Lahan belum bebas", "Kontraktor lambat"]
    posisi = [teks.index(u) for u in urutan]
    assert posisi == sorted(posisi)
    assert "Selesai bulan Mei" not in teks and "Dilaporkan sesudah batas" not in teks
    assert "4 permasalahan terbuka" in teks
    assert "6 bln sejak Januari 2025" in teks  # January to June
    assert "Tindak Lelang gagal" in teks and "PPK" in teks and "terlampaui" in teks


def test_it_counts_by_kategori_and_by_opd(client, data, verifikator):
    html = _get(client, verifikator).content.decode()
    kategori = _teks(re.search(r'id="per-kategori".*?</section>', html, re.S).group(0))
    assert "Lahan 2" in kategori and "Pengadaan/lelang 1" in kategori
    assert "Penyedia/kontraktor 1" in kategori
    opd = _teks(re.search(r'id="per-opd".*?</section>', html, re.S).group(0))
    assert "Dinas Kesehatan 3" in opd and "Dinas PUPR 1" in opd
    # no inline script (static files only: the strict CSP), no style attribute
    assert not re.search(r"<script\b(?![^>]*\bsrc=)", html) and " style=" not in html


def test_an_operator_sees_only_their_opds_permasalahan(client, data, pupr):
    u = buat_pengguna("op", Peran.OPERATOR, pupr)
    teks = _teks(_get(client, u).content.decode())
    assert "Kontraktor lambat" in teks
    assert "Lelang gagal" not in teks and "Dinas Kesehatan" not in teks
    assert "1 permasalahan terbuka" in teks


def test_an_operator_without_opd_sees_none(client, data):
    u = buat_pengguna("op", Peran.OPERATOR)
    teks = _teks(_get(client, u).content.decode())
    assert "Tidak ada permasalahan terbuka" in teks


def test_a_bad_year_is_explained(client, data, pimpinan):
    r = _get(client, pimpinan,
             tahun="2031", bulan="6")
    assert r.status_code == 404
    assert "Belum ada data anggaran untuk tahun 2031" in r.content.decode()


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.OPERATOR])
def test_the_page_takes_the_same_queries_for_few_and_many(client, dinkes, pupr, peran):
    u = buat_pengguna("u", peran, dinkes, pupr)
    t.rincian(o=dinkes, pagu=1200)
    _masalah(dinkes, "satu", 1)

    def hitung():
        client.force_login(u)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, PARAM).status_code == 200
        return len(ctx.captured_queries)

    sedikit = hitung()
    for i in range(30):
        o = t.opd(f"9.99.0.00.0.00.{i:02d}.0000", f"OPD Uji {i}")
        u.opd.add(o)
        _masalah(o, f"masalah {i}", 1 + i % 6, kategori=["lahan", "sdm", "cuaca"][i % 3],
                 sub=f"1.02.02.2.01.{i + 1:04d}")
    assert hitung() == sedikit
    assert sedikit <= 12
