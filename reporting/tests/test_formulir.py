"""The operator's monthly report form: the grid, saving, errors, conflicts, submission, and
who may see and change what."""

import json
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Peran, User
from budget import testing as t
from budget.models import RealisasiFisik, RealisasiKeuangan
from lib.angka import AngkaTidakValid, baca_angka
from lib.rupiah import format_angka, persen, rupiah
from reporting import services
from reporting.models import IsianFisik, IsianRealisasi, LaporanBulanan, StatusLaporan
from tests import sistem

from .conftest import D, waktu

pytestmark = pytest.mark.django_db

SUB1 = "1.02.02.2.01.0001"


@pytest.fixture(autouse=True)
def maret():
    """During the March 2025 report."""
    with time_machine.travel(waktu(2025, 3, 5), tick=False):
        yield


def url(opd, tahun=2025, bulan=3):
    return reverse("reporting:formulir", args=[opd.pk, tahun, bulan])


def teks(response) -> str:
    """The page as text: tags removed, whitespace collapsed, entities decoded."""
    tanpa_tag = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", unescape(tanpa_tag)).replace(" :", ":")


def draf() -> dict:
    """The saved drafts: {rincian id: amount} and {sub kegiatan id: percent}."""
    return (dict(IsianRealisasi.objects.values_list("rincian_id", "jumlah")),
            dict(IsianFisik.objects.values_list("sub_kegiatan_id", "persen")))


def nilai_input(response, nama) -> str:
    m = re.search(rf'name="{re.escape(nama)}" value="([^"]*)"', response.content.decode())
    assert m, f"input {nama} tidak ada"
    return unescape(m.group(1))


def isian(baris_dinkes, **nilai):
    """A POST of the whole grid for Dinas Kesehatan, empty unless given."""
    r1, r2, r3, _ = baris_dinkes
    data = {"revisi": "0", f"r-{r1.pk}": "", f"r-{r2.pk}": "", f"r-{r3.pk}": "",
            f"f-{r1.sub_kegiatan_id}": "", f"f-{r3.sub_kegiatan_id}": ""}
    data.update(nilai)
    return data


@pytest.fixture
def op(client, operator_dinkes):
    client.force_login(operator_dinkes)
    return client


def test_the_operator_sees_the_lines_and_figures_formatted_in_rupiah(op, dinkes, baris_dinkes):
    r1, r2, r3, lain = baris_dinkes
    r = op.get(url(dinkes))
    assert r.status_code == 200
    isi = teks(r)
    assert "Dinas Kesehatan" in isi and "Maret 2025" in isi
    assert SUB1 in isi and "1.02.02.2.02.0001" in isi and "Program 1.02.02" in isi
    assert "1.03.03.2.01.0001" not in isi  # PUPR's line is not in this form
    assert format_angka(D(1200)) in isi  # pagu of r1
    assert format_angka(D(300)) in isi  # its anggaran kas s.d. Maret
    assert format_angka(D(200)) in isi  # its realisasi s.d. Februari
    assert "16,67%" in isi  # 200 of 1.200
    assert rupiah(D(300)) in isi  # realisasi s.d. Maret of the whole OPD: 200 + 100 + 0
    assert "Draf" in isi and "10 April 2025" in isi
    for nama in (f"r-{r1.pk}", f"r-{r2.pk}", f"r-{r3.pk}", f"f-{r1.sub_kegiatan_id}"):
        assert nilai_input(r, nama) == ""
    html = r.content.decode()
    assert 'inputmode="decimal"' in html
    assert "reporting/formulir.js" in html
    assert "<script>" not in html and "style=" not in html  # ready for a strict CSP
    assert LaporanBulanan.objects.filter(opd=dinkes, bulan=3).exists()


def test_saving_writes_a_draft_that_no_figure_counts_then_redirects_with_a_message(
        op, dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    r = op.post(url(dinkes), isian(baris_dinkes, **{
        f"r-{r1.pk}": "100", f"r-{r2.pk}": "", f"f-{r1.sub_kegiatan_id}": "25"}))
    assert r.status_code == 302 and r.url == url(dinkes)
    # Blank inputs that were blank stay unwritten; nothing reaches the official tables.
    assert draf() == ({r1.pk: D(100)}, {r1.sub_kegiatan_id: D(25)})
    assert not RealisasiKeuangan.objects.filter(bulan=3).exists()
    assert not RealisasiFisik.objects.filter(bulan=3).exists()
    r = op.get(r.url)
    assert "Laporan Maret 2025 tersimpan sebagai draf" in teks(r)
    assert nilai_input(r, f"r-{r1.pk}") == "100,00"
    assert nilai_input(r, f"r-{r2.pk}") == ""
    assert nilai_input(r, f"f-{r1.sub_kegiatan_id}") == "25,00"
    assert rupiah(D(400)) in teks(r)  # realisasi s.d. Maret: 300 + 100
    assert json.loads(nilai_input(r, "semula")) == {
        "r": {str(r1.pk): "100.00", str(r2.pk): None, str(r3.pk): None},
        "f": {str(r1.sub_kegiatan_id): "25.00", str(r3.sub_kegiatan_id): None}}


def test_a_typed_zero_is_kept_apart_from_a_blank(op, dinkes, baris_dinkes):
    r1, r2, *_ = baris_dinkes
    op.post(url(dinkes), isian(baris_dinkes, **{f"r-{r1.pk}": "0"}))
    assert draf()[0] == {r1.pk: D(0)}
    r = op.get(url(dinkes))
    assert nilai_input(r, f"r-{r1.pk}") == "0,00" and nilai_input(r, f"r-{r2.pk}") == ""


def test_indonesian_formatted_numbers_are_accepted(op, dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    op.post(url(dinkes), isian(baris_dinkes, **{
        f"r-{r1.pk}": "Rp 100", f"r-{r3.pk}": "1.000,50", f"r-{r2.pk}": " 50 ",
        f"f-{r3.sub_kegiatan_id}": "12,5%"}))
    assert draf() == ({r1.pk: D(100), r2.pk: D(50), r3.pk: D("1000.50")},
                      {r3.sub_kegiatan_id: D("12.5")})


def _tidak_ada_yang_tersimpan(dinkes):
    assert not RealisasiKeuangan.objects.filter(bulan=3).exists()
    assert not RealisasiFisik.objects.exists()
    assert draf() == ({}, {})
    assert LaporanBulanan.objects.get(opd=dinkes, bulan=3).revisi == 0


def test_a_number_that_cannot_be_read_names_the_line_the_value_and_the_reason(
        op, dinkes, baris_dinkes):
    r1, r2, _, _ = baris_dinkes
    r = op.post(url(dinkes), isian(baris_dinkes, **{
        f"r-{r1.pk}": "12.34", f"r-{r2.pk}": "50", f"f-{r1.sub_kegiatan_id}": "sepuluh"}))
    assert r.status_code == 422
    isi = teks(r)
    assert (f"{SUB1} Sub Kegiatan {SUB1} · DAU · 5.1.02: realisasi bulan ini tidak dapat "
            f"dibaca — '12.34' dapat dibaca dua cara; tulis desimal dengan koma") in isi
    assert f"{SUB1} Sub Kegiatan {SUB1}: realisasi fisik tidak dapat dibaca — 'sepuluh' bukan angka" in isi
    assert nilai_input(r, f"r-{r1.pk}") == "12.34"  # what was typed stays on the page
    assert nilai_input(r, f"r-{r2.pk}") == "50"
    assert re.search(rf'id="r-{r1.pk}"[^>]*aria-invalid="true"', r.content.decode())
    _tidak_ada_yang_tersimpan(dinkes)


def test_a_negative_amount_is_refused_and_nothing_is_written(op, dinkes, baris_dinkes):
    r1, r2, _, _ = baris_dinkes
    r = op.post(url(dinkes), isian(baris_dinkes, **{f"r-{r1.pk}": "100", f"r-{r2.pk}": "-5"}))
    assert r.status_code == 422
    isi = teks(r)
    assert "Laporan belum disimpan" in isi
    assert f"{SUB1} Sub Kegiatan {SUB1} · PAD · 5.1.02: realisasi -Rp 5,00 negatif" in isi
    # beside its line the message need not repeat the line's name
    assert re.search(rf'id="pesan-r-{r2.pk}".*?Kesalahan</span> realisasi -Rp 5,00 negatif',
                     r.content.decode(), re.S)
    assert nilai_input(r, f"r-{r2.pk}") == "-5"
    _tidak_ada_yang_tersimpan(dinkes)


def test_a_cumulative_above_the_pagu_is_refused_and_nothing_is_written(op, dinkes, baris_dinkes):
    r1, *_ = baris_dinkes
    r = op.post(url(dinkes), isian(baris_dinkes, **{f"r-{r1.pk}": "1.001"}))
    assert r.status_code == 422
    assert ("realisasi kumulatif Rp 1.201,00 melebihi pagu Rp 1.200,00" in teks(r))
    assert nilai_input(r, f"r-{r1.pk}") == "1.001"
    _tidak_ada_yang_tersimpan(dinkes)


def test_a_warning_must_be_explained_before_the_report_can_be_submitted(
        op, dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    kode = f"lebih_ak:{r1.pk}"
    # r1: 200 before + 300 now = 500 against anggaran kas 300: more than 10% above
    data = isian(baris_dinkes, **{f"r-{r1.pk}": "300", f"r-{r2.pk}": "0", "aksi": "ajukan",
                                  f"f-{r1.sub_kegiatan_id}": "30",
                                  f"f-{r3.sub_kegiatan_id}": "0"})
    r = op.post(url(dinkes), data, follow=True)
    isi = teks(r)
    assert "tersimpan, tetapi belum diajukan" in isi
    assert "Belum dapat diajukan: 1 peringatan belum diberi penjelasan" in isi
    assert f'name="p-{kode}"' in r.content.decode()
    lap = LaporanBulanan.objects.get(opd=dinkes, bulan=3)
    assert lap.status == StatusLaporan.DRAFT and lap.revisi == 1

    data.update({"revisi": "1", f"p-{kode}": "Termin kedua dibayar lebih awal sesuai kontrak."})
    r = op.post(url(dinkes), data, follow=True)
    assert "tersimpan dan diajukan" in teks(r)
    lap.refresh_from_db()
    assert lap.status == StatusLaporan.DIAJUKAN
    assert lap.penjelasan.get().teks == "Termin kedua dibayar lebih awal sesuai kontrak."
    # once submitted the operator sees the grid without inputs and cannot save
    assert 'name="r-' not in r.content.decode()
    assert "sudah diajukan" in teks(r)
    r = op.post(url(dinkes), isian(baris_dinkes, revisi=str(lap.revisi)))
    assert r.status_code == 422 and "tidak dapat diubah" in teks(r)


def test_saving_with_warnings_lists_them_with_a_place_for_the_explanation(
        op, dinkes, baris_dinkes, operator_dinkes):
    r1, *_ = baris_dinkes
    r = op.post(url(dinkes), isian(baris_dinkes, **{f"r-{r1.pk}": "300"}), follow=True)
    isi = teks(r)
    assert "1 peringatan belum dijelaskan" in isi
    assert "melebihi anggaran kas kumulatif Rp 300,00 lebih dari 10%" in isi
    lap = LaporanBulanan.objects.get(opd=dinkes, bulan=3)
    services.simpan_penjelasan(lap, operator_dinkes, {f"lebih_ak:{r1.pk}": "Sesuai kontrak."})
    r = op.get(url(dinkes))
    assert re.search(rf'name="p-lebih_ak:{r1.pk}"[^>]*>Sesuai kontrak\.</textarea>',
                     r.content.decode())


def test_submitting_with_blanks_names_each_blank_row_and_keeps_the_draft(
        op, dinkes, baris_dinkes):
    r1, r2, r3, _ = baris_dinkes
    r = op.get(url(dinkes))
    assert "Belum lengkap untuk diajukan: 2 rincian dengan anggaran kas belum diisi " \
           "realisasinya dan 2 sub kegiatan belum diisi fisiknya" in teks(r)
    r = op.post(url(dinkes), isian(baris_dinkes, **{f"r-{r1.pk}": "100", "aksi": "ajukan"}),
                follow=True)
    isi = teks(r)
    assert "tersimpan, tetapi belum diajukan" in isi
    assert f"{SUB1} Sub Kegiatan {SUB1} · PAD · 5.1.02: realisasi Maret 2025 belum diisi" in isi
    assert f"{SUB1} Sub Kegiatan {SUB1}: realisasi fisik Maret 2025 belum diisi" in isi
    assert LaporanBulanan.objects.get(opd=dinkes, bulan=3).status == StatusLaporan.DRAFT
    assert draf()[0] == {r1.pk: D(100)}
    assert "1 rincian dengan anggaran kas belum diisi" in isi
    assert re.search(rf'<tr class="rincian[^"]*rincian--kosong[^"]*" id="baris-{r2.pk}"',
                     r.content.decode())


def _halaman(client, opd):
    """What a page loaded now would post back: its revision and originals."""
    r = client.get(url(opd))
    return {"revisi": nilai_input(r, "revisi"), "semula": nilai_input(r, "semula")}


def test_two_tabs_a_stale_tab_keeps_the_other_tabs_line_and_asks_where_both_changed(
        client, op, dinkes, baris_dinkes, operator_dinkes):
    """Finding 4 through the form: tab 1 saves a line; stale tab 2 saves another line and
    tab 1's value survives; a line both tabs changed is shown with both values to choose."""
    r1, r2, *_ = baris_dinkes
    rekan = User.objects.create_user("siti", password="x", peran=Peran.OPERATOR,
                                     first_name="Siti", last_name="Aminah")
    rekan.opd.add(dinkes)
    tab2 = _halaman(op, dinkes)
    client2 = client.__class__()
    client2.force_login(rekan)
    tab1 = _halaman(client2, dinkes)
    assert client2.post(url(dinkes), isian(baris_dinkes, **tab1, **{
        f"r-{r1.pk}": "300"})).status_code == 302

    r = op.post(url(dinkes), isian(baris_dinkes, **tab2, **{f"r-{r2.pk}": "50"}), follow=True)
    assert r.status_code == 200
    assert draf()[0] == {r1.pk: D(300), r2.pk: D(50)}
    assert "diubah oleh Siti Aminah (siti) pada 05-03-2025 12.00" in teks(r)

    tab2 = _halaman(op, dinkes)  # tab 2 reloaded; tab 1 changes r2 from its stale page
    r = client2.post(url(dinkes), isian(baris_dinkes, **tab1, **{
        f"r-{r1.pk}": "300,00", f"r-{r2.pk}": "70"}))
    assert r.status_code == 409
    isi = teks(r)
    assert "Juga diubah oleh op.dinkes pada 05-03-2025 12.00 — pilih nilai yang dipakai" in isi
    assert "Nilai Anda 70,00 Nilai tersimpan 50,00" in isi
    assert "pengguna lain" not in isi
    assert nilai_input(r, f"r-{r2.pk}") == "70"
    assert nilai_input(r, "bentrok") == f"r-{r2.pk}"
    assert draf()[0] == {r1.pk: D(300), r2.pk: D(50)}

    ulang = {"revisi": nilai_input(r, "revisi"), "semula": nilai_input(r, "semula"),
             "bentrok": f"r-{r2.pk}"}
    data = isian(baris_dinkes, **ulang, **{f"r-{r1.pk}": "300,00", f"r-{r2.pk}": "70"})
    r = client2.post(url(dinkes), data)
    assert r.status_code == 422  # saved again without choosing: nothing is guessed
    assert "pilih nilai Anda atau nilai yang tersimpan" in teks(r)
    assert client2.post(url(dinkes), data | {f"pilih-r-{r2.pk}": "tersimpan"}).status_code == 302
    assert draf()[0] == {r1.pk: D(300), r2.pk: D(50)}


def test_choosing_ones_own_value_in_a_conflict_writes_it(op, dinkes, baris_dinkes,
                                                          operator_dinkes):
    r1, *_ = baris_dinkes
    lama = _halaman(op, dinkes)
    lap = LaporanBulanan.objects.get(opd=dinkes, bulan=3)
    services.simpan(lap, operator_dinkes, revisi=0, realisasi={r1.pk: D(40)}, fisik={})
    r = op.post(url(dinkes), isian(baris_dinkes, **lama, **{f"r-{r1.pk}": "77"}))
    assert r.status_code == 409
    assert "Anda sendiri (di tab atau perangkat lain)" in teks(r)
    data = isian(baris_dinkes, revisi=nilai_input(r, "revisi"), semula=nilai_input(r, "semula"),
                 bentrok=f"r-{r1.pk}", **{f"r-{r1.pk}": "77", f"pilih-r-{r1.pk}": "anda"})
    assert op.post(url(dinkes), data).status_code == 302
    assert draf()[0] == {r1.pk: D(77)}


def test_another_opds_operator_gets_404_on_get_and_post(client, operator_pupr, dinkes,
                                                        baris_dinkes):
    r1, *_ = baris_dinkes
    client.force_login(operator_pupr)
    assert client.get(url(dinkes)).status_code == 404
    assert client.post(url(dinkes), isian(baris_dinkes, **{f"r-{r1.pk}": "5"})).status_code == 404
    assert draf() == ({}, {})
    assert not LaporanBulanan.objects.filter(opd=dinkes).exists()


@pytest.mark.parametrize("nama, nilai", [("r", "5"), ("r", "bukan angka"), ("f", "10")])
def test_posting_another_opds_ids_into_ones_own_form_is_forbidden(
        client, operator_pupr, pupr, baris_dinkes, nama, nilai):
    r1, *_, lain = baris_dinkes
    client.force_login(operator_pupr)
    asing = r1.pk if nama == "r" else r1.sub_kegiatan_id
    r = client.post(url(pupr), {"revisi": "0", f"r-{lain.pk}": "1", f"{nama}-{asing}": nilai})
    assert r.status_code == 403
    assert draf() == ({}, {})


@pytest.mark.parametrize("peran", ["verifikator", "pimpinan"])
def test_verifikator_and_pimpinan_see_the_grid_read_only_and_cannot_post(
        request, client, peran, dinkes, baris_dinkes):
    r1, *_ = baris_dinkes
    client.force_login(request.getfixturevalue(peran))
    r = client.get(url(dinkes))
    assert r.status_code == 200
    isi = r.content.decode()
    assert SUB1 in isi and format_angka(D(1200)) in isi
    assert 'name="r-' not in isi and 'name="f-' not in isi and "Simpan dan ajukan" not in isi
    lap = LaporanBulanan.objects.get(opd=dinkes, bulan=3)
    assert reverse("reporting:pemeriksaan", args=[lap.pk]) in isi
    r = client.post(url(dinkes), isian(baris_dinkes, **{f"r-{r1.pk}": "5"}))
    assert r.status_code == 403
    assert draf() == ({}, {})


def test_an_admin_may_fill_any_opds_report(client, dinkes, baris_dinkes, admin):
    r1, *_ = baris_dinkes
    client.force_login(admin)
    assert client.post(url(dinkes), isian(baris_dinkes, **{f"r-{r1.pk}": "5"})).status_code == 302
    assert draf()[0] == {r1.pk: D(5)}


def test_a_returned_report_shows_the_verifiers_note_and_can_be_fixed(
        op, dinkes, baris_dinkes, operator_dinkes, verifikator):
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    services.simpan(lap, operator_dinkes, revisi=0, realisasi={r1.pk: D(100), r2.pk: D(50)},
                    fisik={r1.sub_kegiatan_id: D(30), r3.sub_kegiatan_id: D(0)})
    lap.refresh_from_db()
    services.ajukan(lap, operator_dinkes, revisi=lap.revisi)
    services.kembalikan(lap, verifikator, "Realisasi PAD belum sesuai SP2D.")
    r = op.get(url(dinkes))
    isi = teks(r)
    assert "Dikembalikan" in isi and "Realisasi PAD belum sesuai SP2D." in isi
    assert f'name="r-{r2.pk}"' in r.content.decode()  # editable again


def test_a_month_not_yet_begun_is_shown_read_only_without_creating_a_report(
        op, dinkes, baris_dinkes):
    r = op.get(url(dinkes, bulan=4))
    assert r.status_code == 200
    assert "Bulan April 2025 belum dimulai" in teks(r)
    assert 'name="r-' not in r.content.decode()
    assert not LaporanBulanan.objects.filter(bulan=4).exists()
    r = op.post(url(dinkes, bulan=4), isian(baris_dinkes))
    assert r.status_code == 422 and "belum dimulai" in teks(r)


def test_an_unknown_month_or_year_is_404(op, dinkes, baris_dinkes):
    assert op.get(url(dinkes, bulan=13)).status_code == 404
    assert op.get(url(dinkes, tahun=2031)).status_code == 404


def test_a_missing_revision_is_a_bad_request(op, dinkes, baris_dinkes):
    data = isian(baris_dinkes)
    del data["revisi"]
    assert op.post(url(dinkes), data).status_code == 400


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, dinkes, baris_dinkes):
    r = client.get(url(dinkes))
    assert r.status_code == 302 and r.url.startswith(reverse("login"))


# ---------- A constant number of queries ----------

def _opd_dengan(n: int, kode: str, operator):
    o = t.opd(kode, f"OPD {n} baris")
    operator.opd.add(o)
    rincian = [t.rincian(o=o, sub=f"1.02.02.2.01.{i // 3 + 1:04d}", sd=("DAU", "PAD", "DBH")[i % 3],
                         pagu=1200, ak=[100] * 12, realisasi={1: 50}) for i in range(n)]
    t.fisik(o, "1.02.02.2.01.0001", 2, realisasi=10, target=20)
    return o, rincian


def _jumlah_query(client, n, kode, operator):
    o, rincian = _opd_dengan(n, kode, operator)
    client.get(url(o))  # creates the report
    with CaptureQueriesContext(connection) as get:
        assert client.get(url(o)).status_code == 200
    data = {"revisi": "0"} | {f"r-{r.pk}": "90" for r in rincian} | {
        f"f-{r.sub_kegiatan_id}": "20" for r in rincian}
    with CaptureQueriesContext(connection) as post:
        r = client.post(url(o), data)
    assert r.status_code == 302, teks(r)
    assert IsianRealisasi.objects.filter(rincian__opd=o, jumlah=90).count() == n
    return len(get.captured_queries), len(post.captured_queries)


def test_the_page_and_the_save_take_as_many_queries_for_300_lines_as_for_30(
        client, operator_dinkes):
    client.force_login(operator_dinkes)
    kecil = _jumlah_query(client, 30, "9.01.0.00.0.00.01.0000", operator_dinkes)
    besar = _jumlah_query(client, 300, "9.01.0.00.0.00.02.0000", operator_dinkes)
    assert kecil == besar


# ---------- formulir.js reads and shows numbers exactly as the server does ----------

JS = Path(__file__).resolve().parents[1] / "static" / "reporting" / "formulir.js"
KASUS_ANGKA = [
    "1.250.000", "1250000", "1.250.000,50", "1250000,5", "Rp 1.250.000", "  839.535.848.290,34 ",
    "0", "-1.000", "1.250", "1250.5", "1.25.000", "12,345", "abc", "1,2,3", "1e5", "rp5", "-Rp 5",
    "1\u00a0250", ",5", "5,", "+5", "00012", "1.000.000.000.000,01", "x'y", "12,5%",
]
KASUS_PERSEN = [(1, 8), (1, 6), (1, 32), (-1, 32), (2, 3), (0, 5), (5, 0), (83953584829034, 109418219516902)]


def _node(skrip: str):
    node = sistem.program("node", "nodejs")  # formulir.js runs in Node as in the browser
    keluar = subprocess.run([node, "-e", skrip], capture_output=True, text=True, timeout=30,
                            check=True)
    return json.loads(keluar.stdout)


def test_the_script_reads_numbers_as_lib_angka_and_formats_them_as_lib_rupiah():
    hasil = _node(f"""
      const m = require({json.dumps(str(JS))});
      const kasus = {json.dumps(KASUS_ANGKA)};
      console.log(JSON.stringify(kasus.map(t => {{
        const r = m.baca(t, false);
        return r.sen !== undefined ? m.rupiah(r.sen) : (r.galat || "kosong");
      }})));""")
    for teks, js in zip(KASUS_ANGKA, hasil, strict=True):
        try:
            harapan = rupiah(baca_angka(teks))
        except AngkaTidakValid as exc:
            harapan = str(exc)
        assert js == harapan, teks


def test_the_script_rounds_percentages_half_up_as_lib_rupiah():
    hasil = _node(f"""
      const m = require({json.dumps(str(JS))});
      console.log(JSON.stringify({json.dumps(KASUS_PERSEN)}.map(
        ([a, b]) => m.persen(BigInt(a), BigInt(b)))));""")
    harapan = [persen(D(a) * 100 / D(b)) if b else persen(None) for a, b in KASUS_PERSEN]
    assert hasil == harapan


KASUS_PERSEN_RINGKAS = [(1, 8), (99999, 10000), (999994, 100000), (999995, 100000), (5553916900, 1000000),
                        (-5553916900, 1000000), (5, 0)]


def test_absurd_percentages_show_as_beyond_999_in_the_script_and_on_the_server_alike():
    from siap.templatetags.siap_format import persen_ringkas

    hasil = _node(f"""
      const m = require({json.dumps(str(JS))});
      console.log(JSON.stringify({json.dumps(KASUS_PERSEN_RINGKAS)}.map(
        ([a, b]) => m.persenRingkas(BigInt(a), BigInt(b)))));""")
    harapan = [persen_ringkas(D(a) * 100 / D(b)) if b else persen_ringkas(None)
               for a, b in KASUS_PERSEN_RINGKAS]
    assert hasil == harapan
    assert hasil == ["12,50%", "999,99%", "999,99%", "> 999%", "> 999%", "< -999%", "–"]
