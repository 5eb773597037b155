"""The Rakor POP dashboard: the figures of hitung_rekap, scoped, in a constant number of
queries, with clear messages for bad parameters."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import JenisVersi, Pemda, SumberDana
from evaluation.narasi import kalimat_utama
from evaluation.queries import hitung_rekap
from evaluation.views import bulan_bawaan
from lib.figures import KelasSebaran
from lib.rupiah import format_angka, persen, rupiah

pytestmark = pytest.mark.django_db

URL = reverse("evaluation:dasbor")
PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang"


def _wib(*args):
    return datetime.datetime(*args, tzinfo=timezone.get_default_timezone())


@pytest.fixture
def pemda(db):
    return Pemda.objects.create(nama="Kabupaten Lampung Barat", provinsi="Lampung")


@pytest.fixture
def data(pemda, dinkes, pupr):
    """2025, murni then perubahan from October. PUPR spends on the same sumber dana and jenis
    belanja as Dinas Kesehatan, so no pemda-wide group happens to equal one OPD's figures."""
    murni = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1), nama="APBD Murni 2025")
    perubahan = t.versi(2025, JenisVersi.PERUBAHAN, datetime.date(2025, 10, 1),
                        nama="APBD Perubahan 2025")
    for v, tambah in ((murni, 0), (perubahan, 120)):
        t.rincian(o=dinkes, sub="1.02.02.2.01.0001", pagu=1200 + tambah, v=v,
                  realisasi={1: 100, 2: 100, 10: "33.33"})
        t.rincian(o=dinkes, sub="1.02.02.2.02.0001", sd="PAD", jb="5.2.03", pagu="2400.50", v=v,
                  realisasi={5: "1000.25"})
        t.rincian(o=pupr, sub="1.03.03.2.01.0001", pagu="9000", v=v, realisasi={3: 450})
        t.rincian(o=pupr, sub="1.03.03.2.01.0002", sd="PAD", jb="5.2.03", pagu="7777.77", v=v)
    t.fisik(dinkes, "1.02.02.2.01.0001", 11, realisasi=60, target=75)
    t.fisik(pupr, "1.03.03.2.01.0001", 11, realisasi=10, target=50)
    return perubahan


@pytest.fixture
def pimpinan(db):
    return User.objects.create_user("pimpinan", password="x", peran=Peran.PIMPINAN,
                                    first_name="Nukman")


def _bagian(html: str, id_: str) -> str:
    """The HTML of ``<section id="...">`` (sections are not nested)."""
    m = re.search(rf'<section[^>]*id="{id_}".*?</section>', html, re.S)
    assert m, f"bagian #{id_} tidak ada"
    return m.group(0)


def _teks(html: str) -> str:
    # \s also matches the no-break space that keeps "Rp" beside its amount
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


# --- figures ---------------------------------------------------------------------------------


def test_the_headline_and_cards_are_hitung_rekap_formatted_by_lib_rupiah(client, data, pimpinan):
    r = _get(client, pimpinan, tahun=2025, bulan=11)
    assert r.status_code == 200
    html = r.content.decode()
    total = hitung_rekap(2025, 11).rekap.total
    kalimat = kalimat_utama(
        datetime.date(2025, 11, 30), pagu=total.pagu,
        target_anggaran_kas=total.target_anggaran_kas, realisasi=total.realisasi,
        persen_realisasi=total.persen_realisasi, persen_target=total.persen_target,
        capaian_anggaran_kas=total.capaian_anggaran_kas,
    )
    assert kalimat in _teks(html)
    for nilai in (total.pagu, total.target_anggaran_kas, total.realisasi, total.sisa_pagu):
        assert rupiah(nilai) in html
    for nilai in (total.persen_realisasi, total.persen_target, total.capaian_anggaran_kas,
                  total.fisik, total.target_fisik):
        assert persen(nilai) in html
    assert total.kategori.label in html
    assert "APBD Perubahan 2025" in html  # the version in force on 30 November


def test_the_version_in_force_follows_the_cut_off(client, data, pimpinan):
    html = _get(client, pimpinan, tahun=2025, bulan=6).content.decode()
    assert "APBD Murni 2025" in html
    assert "APBD Perubahan 2025" not in html


def test_each_opd_row_shows_its_rank_and_figures_and_the_total_row_is_the_pemda_total(
    client, data, pimpinan, dinkes, pupr
):
    html = _get(client, pimpinan, tahun=2025, bulan=11).content.decode()
    tabel = _bagian(html, "peringkat-opd")
    rekap = hitung_rekap(2025, 11).rekap
    baris = re.findall(r"<tr>\s*<td class=\"kolom-no angka\">(.*?)</td>(.*?)</tr>", tabel, re.S)
    assert len(baris) == 2
    for (no, isi), k in zip(baris, rekap.opd, strict=True):
        a = k.angka
        assert no == str(k.peringkat)
        teks = _teks(isi)
        assert {dinkes.pk: "Dinas Kesehatan", pupr.pk: PUPR}[k.kunci] in teks
        for nilai in (a.pagu, a.target_anggaran_kas, a.realisasi):
            assert format_angka(nilai) in teks
        for nilai in (a.persen_realisasi, a.persen_target, a.capaian_anggaran_kas, a.fisik):
            assert persen(nilai) in teks
        assert format_angka(a.deviasi) in teks
        assert a.kategori.label in teks
    total = _teks(re.search(r"<tfoot>.*?</tfoot>", tabel, re.S).group(0))
    t_ = rekap.total
    assert "Total pemda" in total
    for nilai in (t_.pagu, t_.target_anggaran_kas, t_.realisasi):
        assert format_angka(nilai) in total
    assert rupiah(t_.pagu) == "Rp " + format_angka(sum(k.angka.pagu for k in rekap.opd))


def test_sumber_dana_and_jenis_belanja_tables_show_the_same_figures(client, data, pimpinan):
    html = _get(client, pimpinan, tahun=2025, bulan=11).content.decode()
    h = hitung_rekap(2025, 11)
    sd = _teks(_bagian(html, "sumber-dana"))
    for k in h.rekap.sumber_dana:
        assert h.data.sumber_dana[k.kunci].nama in sd
        assert format_angka(k.angka.realisasi) in sd
        assert persen(k.angka.capaian_anggaran_kas) in sd
    jb = _teks(_bagian(html, "jenis-belanja"))
    for k in h.rekap.jenis_belanja:
        assert f"{h.data.jenis_belanja[k.kunci].kode} {h.data.jenis_belanja[k.kunci].nama}" in jb
        assert format_angka(k.angka.pagu) in jb


def test_the_sebaran_counts_sub_kegiatan_in_the_five_classes(client, data, pimpinan):
    html = _get(client, pimpinan, tahun=2025, bulan=11).content.decode()
    sebaran = _teks(_bagian(html, "sebaran"))
    rekap = hitung_rekap(2025, 11).rekap
    for kelas in KelasSebaran:
        assert f"{kelas.label} {rekap.sebaran[kelas]} " in sebaran
    assert rekap.sebaran[KelasSebaran.NOL] == 1  # PUPR's second sub kegiatan spent nothing
    assert "Jumlah 4" in sebaran


def test_quarter_shortcuts_and_the_period_form_keep_the_year(client, data, pimpinan):
    html = _get(client, pimpinan, tahun=2025, bulan=6).content.decode()
    for bulan, label in ((3, "TW I"), (9, "TW III"), (12, "TW IV")):
        assert f'href="?tahun=2025&amp;bulan={bulan}">{label}</a>' in html
    assert 'href="?tahun=2025&amp;bulan=6" aria-current="true">TW II</a>' in html
    assert '<option value="6" selected>Juni</option>' in html


def test_the_synthetic_data_note_shows_only_when_the_pemda_says_so(client, data, pimpinan,
                                                                   pemda):
    catatan = "Angka per perangkat daerah adalah data sintetis untuk demo"
    assert catatan not in _get(client, pimpinan, tahun=2025, bulan=11).content.decode()
    pemda.data_sintetis = True
    pemda.save()
    assert catatan in _get(client, pimpinan, tahun=2025, bulan=11).content.decode()


def test_the_layout_names_the_pemda_the_user_and_logs_out_by_post(client, data, pimpinan):
    html = _get(client, pimpinan, tahun=2025, bulan=11).content.decode()
    assert '<html lang="id">' in html
    assert "Kabupaten Lampung Barat" in html
    assert "Nukman" in html and "Pimpinan" in html
    assert re.search(r'<form[^>]*method="post"[^>]*action="/keluar/"', html)
    assert "<script>" not in html and " style=" not in html  # ready for a strict CSP


# --- sorting ---------------------------------------------------------------------------------


def _urutan_opd(html: str) -> list[str]:
    # OPD names link to their page; compare the names only (not the report status under them)
    return [re.sub(r"<[^>]+>", "", re.sub(r'<span class="lap .*?</span>', "", x)).strip()
            for x in re.findall(r'<th scope="row" class="kolom-nama">(.*?)</th>',
                                _bagian(html, "peringkat-opd"), re.S)[:-1]
            ]  # the last is the total row


def test_rows_can_be_sorted_by_a_column_either_way(client, data, pimpinan):
    ranked = _urutan_opd(_get(client, pimpinan, tahun=2025, bulan=11).content.decode())
    assert ranked == ["Dinas Kesehatan", PUPR]  # capaian: Dinkes spent more of its target
    by_pagu = _get(client, pimpinan, tahun=2025, bulan=11, urut="-pagu").content.decode()
    assert _urutan_opd(by_pagu) == [PUPR, "Dinas Kesehatan"]
    assert 'aria-sort="descending"' in by_pagu
    # the active column's link flips the direction
    assert 'href="?tahun=2025&amp;bulan=11&amp;urut=pagu#peringkat-opd"' in by_pagu
    by_name = _get(client, pimpinan, tahun=2025, bulan=11, urut="-opd").content.decode()
    assert _urutan_opd(by_name) == [PUPR, "Dinas Kesehatan"]


def test_an_unknown_sort_key_falls_back_to_the_ranking(client, data, pimpinan):
    r = _get(client, pimpinan, tahun=2025, bulan=11, urut="__class__")
    assert r.status_code == 200
    assert _urutan_opd(r.content.decode()) == ["Dinas Kesehatan", PUPR]


# --- scoping ---------------------------------------------------------------------------------


def test_an_operator_sees_the_pemda_headline_but_only_their_own_opd_row(
    client, data, operator_dinkes, pupr
):
    html = _get(client, operator_dinkes, tahun=2025, bulan=11).content.decode()
    h = hitung_rekap(2025, 11)
    assert rupiah(h.rekap.total.realisasi) in html  # the pemda headline
    assert "Dinas Kesehatan" in html
    assert PUPR not in html
    assert "Pekerjaan Umum" not in html
    lain = h.rekap.untuk_opd(pupr.pk).angka
    for nilai in (lain.pagu, lain.target_anggaran_kas, lain.realisasi):
        assert format_angka(nilai) not in html
    assert persen(lain.capaian_anggaran_kas) not in html
    assert _urutan_opd(html) == ["Dinas Kesehatan"]


def test_an_operator_keeps_their_rank_among_all_opd(client, data, operator_dinkes, dinkes, pupr):
    # make PUPR the best so Dinas Kesehatan ranks second
    t.rincian(o=pupr, sub="1.03.03.2.01.0001", pagu="9000", v=data,
              realisasi={3: 450, 4: 8000})
    html = _get(client, operator_dinkes, tahun=2025, bulan=11).content.decode()
    tabel = _bagian(html, "peringkat-opd")
    assert re.search(r'<td class="kolom-no angka">2</td>\s*<th scope="row" class="kolom-nama">'
                     r"<a [^>]*>Dinas Kesehatan</a>", tabel)
    assert "peringkat dihitung di antara 2 perangkat daerah" in _teks(tabel)
    assert PUPR not in html


def test_an_operator_sorting_by_any_column_still_sees_only_their_opd(client, data,
                                                                     operator_dinkes):
    for urut in ("-pagu", "opd", "-opd", "capaian", "-fisik"):
        html = _get(client, operator_dinkes, tahun=2025, bulan=11, urut=urut).content.decode()
        assert PUPR not in html


def test_an_operator_without_an_opd_sees_no_row_at_all(client, data):
    u = buat_pengguna("operator.baru", Peran.OPERATOR)
    html = _get(client, u, tahun=2025, bulan=11).content.decode()
    assert _urutan_opd(html) == []
    assert "Dinas Kesehatan" not in html and PUPR not in html
    assert "belum dikaitkan dengan perangkat daerah" in html


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, data):
    r = client.get(URL, {"tahun": 2025, "bulan": 11})
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("login") + "?next=/")


# --- parameters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "status", "pesan"),
    [
        ({"tahun": 2025, "bulan": 13}, 400, "Bulan “13” tidak dikenali; pilih 1 (Januari) sampai 12"),
        ({"tahun": 2025, "bulan": 0}, 400, "Bulan “0” tidak dikenali"),
        ({"tahun": 2025, "bulan": "nov"}, 400, "Bulan “nov” tidak dikenali"),
        ({"tahun": "abc", "bulan": 11}, 400, "Tahun “abc” tidak dikenali"),
        ({"tahun": 2030, "bulan": 11}, 404, "Belum ada data anggaran untuk tahun 2030. "
                                            "Tahun yang tersedia: 2025."),
    ],
)
def test_a_bad_parameter_gets_a_clear_indonesian_message(client, data, pimpinan, params,
                                                         status, pesan):
    r = _get(client, pimpinan, **params)
    assert r.status_code == status
    html = r.content.decode()
    assert pesan in unescape(html)
    assert 'role="alert"' in html
    assert 'id="peringkat-opd"' not in html


def test_a_year_without_budget_lines_is_not_offered(client, data, pimpinan):
    t.tahun(2026)
    r = _get(client, pimpinan, tahun=2026, bulan=1)
    assert r.status_code == 404
    assert "Belum ada data anggaran untuk tahun 2026" in r.content.decode()
    assert '<option value="2026"' not in r.content.decode()


def test_an_empty_siap_says_there_is_no_data_yet(client, pimpinan):
    r = _get(client, pimpinan)
    assert r.status_code == 200
    assert "Belum ada data anggaran di SIAP" in r.content.decode()


@time_machine.travel(_wib(2025, 12, 5, 9), tick=False)
def test_without_parameters_a_leader_sees_the_last_month_whose_reports_are_due(
    client, data, pimpinan, operator_dinkes
):
    """Finding 1: on 5 December the November reports are not due until 10 December; the
    leaders open on October, the operators on the month they are reporting."""
    t.tahun(2026)  # a year set up but without lines is not "the latest with data"
    html = _get(client, pimpinan).content.decode()
    assert "s.d. 31 Oktober 2025" in html
    assert "Masih dalam masa pelaporan" not in html
    html = _get(client, operator_dinkes).content.decode()
    assert "s.d. 30 November 2025" in html
    assert "Masih dalam masa pelaporan" in html


@time_machine.travel(_wib(2026, 3, 2, 9), tick=False)
def test_a_past_year_defaults_to_december(client, data, pimpinan):
    html = _get(client, pimpinan, tahun=2025).content.decode()
    assert "s.d. 31 Desember 2025" in html


@pytest.mark.parametrize(
    ("tahun", "hari_ini", "bulan"),
    [
        (2025, datetime.date(2025, 12, 5), 11),
        (2025, datetime.date(2025, 12, 31), 11),  # December is not complete until it ends
        (2025, datetime.date(2025, 2, 1), 1),
        (2025, datetime.date(2025, 1, 15), 1),  # nothing complete yet: January so far
        (2024, datetime.date(2025, 1, 15), 12),
        (2026, datetime.date(2025, 12, 5), 1),
    ],
)
def test_default_month_is_the_last_complete_one(tahun, hari_ini, bulan):
    assert bulan_bawaan(tahun, hari_ini) == bulan


# --- queries ---------------------------------------------------------------------------------


def _buat_opd(dari, sampai):
    for i in range(dari, sampai):
        o = t.opd(f"9.99.0.00.0.00.{i:02d}.0000", f"OPD Uji {i}")
        for j in range(2):
            t.rincian(o=o, sub=f"1.02.02.2.01.{j + 1:04d}", pagu=1200 + i,
                      realisasi={1: 10 + i, 2: 20})
        t.fisik(o, "1.02.02.2.01.0001", 2, realisasi=5, target=10)


def _jumlah_query(client, user, n_opd):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(URL, {"tahun": 2025, "bulan": 11})
    assert r.status_code == 200
    assert r.content.decode().count("OPD Uji") == (n_opd if user.lihat_semua_opd else 1)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("peran", [Peran.PIMPINAN, Peran.OPERATOR])
def test_the_page_takes_the_same_number_of_queries_for_5_and_50_opd(client, pemda, peran):
    _buat_opd(0, 5)
    user = buat_pengguna("u", peran)
    user.opd.add(t.opd("9.99.0.00.0.00.00.0000"))
    sedikit = _jumlah_query(client, user, 5)
    _buat_opd(5, 50)
    banyak = _jumlah_query(client, user, 50)
    assert sedikit == banyak
    # figures, scoping and page; 4 for the Kurva S; 1 to renew the session (idle timeout)
    assert banyak <= 21  # the operator: one more, to find their OPD


def test_group_tables_follow_the_masters_order_not_the_order_lines_were_found(
    client, data, pimpinan
):
    SumberDana.objects.filter(kode="PAD").update(urutan=1)
    SumberDana.objects.filter(kode="DAU").update(urutan=2)
    sd = _teks(_bagian(_get(client, pimpinan, tahun=2025, bulan=11).content.decode(),
                       "sumber-dana"))
    assert sd.index("PAD") < sd.index("DAU")
    SumberDana.objects.filter(kode="PAD").update(urutan=3)
    sd = _teks(_bagian(_get(client, pimpinan, tahun=2025, bulan=11).content.decode(),
                       "sumber-dana"))
    assert sd.index("DAU") < sd.index("PAD")


def test_a_chosen_order_survives_a_change_of_period(client, data, pimpinan):
    html = _get(client, pimpinan, tahun=2025, bulan=11, urut="-pagu").content.decode()
    assert 'href="?tahun=2025&amp;bulan=6&amp;urut=-pagu">TW II</a>' in html
    assert '<input type="hidden" name="urut" value="-pagu">' in html
    assert 'name="urut"' not in _get(client, pimpinan, tahun=2025, bulan=11).content.decode()
