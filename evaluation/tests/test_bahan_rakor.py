"""Bahan Rakor POP: the Sekda's paragraphs from the figures, and the page that shows them to
verifikator and pimpinan only."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from evaluation.narasi import bahan_rakor, kalimat_utama
from lib.figures import Baris, KelasSebaran, hitung_angka, rekap

D = Decimal
BATAS = datetime.date(2025, 11, 30)

# The TW IV 2025 totals of the seed, split over four OPD (one line each).
BARIS = [
    Baris("Dinas A", 1, "DAU", "5.1.02", D("600000000000.00"), D("590000000000.00"),
          D("520000000000.00")),
    Baris("Dinas B", 2, "DAU", "5.1.02", D("300000000000.00"), D("290000000000.00"),
          D("220000000000.00")),
    Baris("Kecamatan C", 3, "DAU", "5.1.02", D("100000000000.00"), D("100000000000.00"),
          D("60000000000.00")),
    Baris("Dinas D", 4, "DAK_FISIK", "5.2.03", D("94182195169.02"), D("80834720613.25"),
          D("39535848290.34")),
]


def _paragraf(**kw):
    r = rekap(2025, 11, BARIS)
    opd = {k.kunci: k.angka for k in r.opd}
    args = {
        "total": r.total,
        "dak_fisik": hitung_angka(BARIS[3].jumlah),
        "terbaik": [(k.kunci, k.angka) for k in r.opd[:3]],
        "terburuk": [(k.kunci, k.angka) for k in reversed(r.opd[3:])],
        "sebaran": {KelasSebaran.NOL: 391, KelasSebaran.SAMPAI_50: 1000,
                    KelasSebaran.PENUH: 525},
        "permasalahan": [("Pengadaan/lelang", 9), ("Administrasi/dokumen", 8),
                         ("Cuaca/alam", 7), ("Lahan", 1)],
        "jumlah_permasalahan": 25,
    }
    args.update(kw)
    assert opd  # the data above has OPD
    return bahan_rakor(BATAS, **args)


def test_the_totals_are_the_seeds_figures():
    teks = " ".join(_paragraf())
    for angka_seed in ("Rp 839.535.848.290,34 (76,73%)", "96,95%", "79,14%",
                       "Rp 1.060.834.720.613,25", "Rp 1.094.182.195.169,02"):
        assert angka_seed in teks


def test_it_opens_with_kalimat_utama_unchanged():
    r = rekap(2025, 11, BARIS)
    t_ = r.total
    assert _paragraf()[0] == kalimat_utama(
        BATAS, pagu=t_.pagu, target_anggaran_kas=t_.target_anggaran_kas,
        realisasi=t_.realisasi, persen_realisasi=t_.persen_realisasi,
        persen_target=t_.persen_target, capaian_anggaran_kas=t_.capaian_anggaran_kas,
    )


def test_it_names_the_kategori_and_that_absorption_is_behind_the_anggaran_kas():
    kedua = _paragraf()[1]
    assert "79,14% termasuk kategori Tinggi menurut skala Permendagri 86/2017" in kedua
    assert "namun penyerapan anggaran perangkat daerah masih di bawah target anggaran kas" in kedua
    assert "Rp 221.298.872.322,91" in kedua  # target − realisasi


def test_it_reports_dak_fisik():
    teks = " ".join(_paragraf())
    assert ("Realisasi DAK Fisik baru mencapai Rp 39.535.848.290,34 (41,98%) dari pagu "
            "Rp 94.182.195.169,02") in teks
    assert "48,91% dari target anggaran kas Rp 80.834.720.613,25" in teks


def test_it_names_the_best_and_worst_opd_with_their_capaian():
    teks = " ".join(_paragraf())
    assert ("Capaian anggaran kas tertinggi dicapai oleh Dinas A (88,14%), Dinas B (75,86%) "
            "dan Kecamatan C (60,00%).") in teks
    assert "Capaian terendah ada pada Dinas D (48,91%)." in teks


def test_it_counts_sub_kegiatan_without_realisasi_with_thousands_separators():
    teks = " ".join(_paragraf())
    assert "Dari 1.916 sub kegiatan berpagu, 391 sub kegiatan (20,41%) belum ada realisasi" in teks


def test_it_gives_open_permasalahan_by_the_top_three_categories():
    teks = " ".join(_paragraf())
    assert ("Masih terdapat 25 permasalahan yang belum selesai, terbanyak pada kategori "
            "pengadaan/lelang (9), administrasi/dokumen (8) dan cuaca/alam (7).") in teks
    assert "lahan (1)" not in teks


def test_it_closes_with_the_call_to_action():
    akhir = _paragraf()[-1]
    assert akhir.startswith("Kepala Perangkat Daerah agar ")
    assert "mempercepat proses administrasi pengadaan barang/jasa" in akhir
    assert "mempercepat realisasi DAK Fisik" in akhir
    assert "menuntaskan permasalahan" in akhir
    tanpa = _paragraf(dak_fisik=None, jumlah_permasalahan=0, permasalahan=[])[-1]
    assert "DAK Fisik" not in tanpa and "permasalahan" not in tanpa


def test_without_pagu_it_says_so_and_nothing_else_about_absorption():
    r = rekap(2025, 1, [])
    p = bahan_rakor(datetime.date(2025, 1, 31), total=r.total)
    assert p[0] == "Belum ada pagu APBD yang berlaku s.d. 31 Januari 2025."
    assert p[-1].startswith("Kepala Perangkat Daerah agar")


# --- the page --------------------------------------------------------------------------------

URL = reverse("evaluation:bahan_rakor")


@pytest.fixture
def data(db):
    o = t.opd()
    t.rincian(o=o, pagu=1200, realisasi={1: 100})
    t.rincian(o=o, sd="DAK_FISIK", jb="5.2.03", sub="1.02.02.2.01.0002", pagu=2400,
              realisasi={1: 10})
    return o


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.VERIFIKATOR, Peran.ADMIN])
def test_the_page_shows_the_paragraphs_to_the_leaders(client, data, peran):
    client.force_login(buat_pengguna("u", peran))
    r = client.get(URL, {"tahun": 2025, "bulan": 1})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Realisasi s.d. 31 Januari 2025 mencapai Rp\u00a0110,00" in html
    assert "Realisasi DAK Fisik baru mencapai" in html
    # no inline script (static files only: the strict CSP), no style attribute
    assert not re.search(r"<script\b(?![^>]*\bsrc=)", html) and " style=" not in html


def test_an_operator_is_refused(client, data):
    u = buat_pengguna("op", Peran.OPERATOR, data)
    client.force_login(u)
    assert client.get(URL, {"tahun": 2025, "bulan": 1}).status_code == 403


def test_the_nav_links_to_it_for_leaders_only(client, data, pimpinan):
    u = buat_pengguna("op", Peran.OPERATOR, data)
    client.force_login(u)
    html = client.get(reverse("evaluation:dasbor")).content.decode()
    assert URL not in html and reverse("evaluation:permasalahan") in html
    client.force_login(pimpinan)
    assert URL in client.get(reverse("evaluation:dasbor")).content.decode()
