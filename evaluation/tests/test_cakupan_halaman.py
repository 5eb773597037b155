"""Figures the leaders can trust, end to end: an operator's saved draft changes no figure —
page, pack, CLI, API — until it is submitted; every leader's page and the pack say how many OPD
the month's figures cover and each OPD's report status; leaders open on the last month whose
reports are due."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal
from html import unescape

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Peran, User
from api.models import TokenAPI
from budget import testing as t
from budget.models import PerangkatDaerah
from evaluation.cakupan_data import ambil_cakupan, peta_batas
from reporting import services
from reporting.models import LaporanBulanan, PeriodePelaporan, StatusLaporan
from tugas.testing import unduh_lewat_tugas

pytestmark = pytest.mark.django_db
D = Decimal


def w(*args):
    return datetime.datetime(*args, tzinfo=timezone.get_default_timezone())


SEKARANG = w(2025, 4, 20, 9)  # March reports were due on 10 April


@pytest.fixture(autouse=True)
def beku():
    with time_machine.travel(SEKARANG, tick=False):
        yield


@pytest.fixture
def data(db):
    """Three OPD with lines in 2025 and March reports: Dinas Kesehatan verified, PUPR submitted
    (late), Bappeda only started (a draft)."""
    hasil = {}
    for kode, nama, sub in (("1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "1.02.02.2.01.0001"),
                            ("1.03.0.00.0.00.01.0000", "Dinas PUPR", "1.03.03.2.01.0001"),
                            ("5.01.0.00.0.00.01.0000", "Bappeda", "5.01.02.2.01.0001")):
        o = t.opd(kode, nama)
        r = t.rincian(o=o, sub=sub, pagu=120_000_000, ak=[10_000_000] * 12,
                      realisasi={1: 8_000_000, 2: 9_000_000})
        t.fisik(o, sub, 2, realisasi=15, target=20)
        op = User.objects.create_user(f"op.{kode[:4]}", password="x", peran=Peran.OPERATOR)
        op.opd.add(o)
        hasil[nama] = (o, r, op)
    ta = t.tahun(2025)
    for nama, status, pada in (("Dinas Kesehatan", StatusLaporan.DIVERIFIKASI, w(2025, 4, 8)),
                               ("Dinas PUPR", StatusLaporan.DIAJUKAN, w(2025, 4, 12))):
        LaporanBulanan.objects.create(tahun=ta, opd=hasil[nama][0], bulan=3, status=status,
                                      pertama_diajukan_pada=pada, diajukan_pada=pada)
    return hasil


def _teks(resp) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", resp.content.decode())))


def _draf_bappeda(data, jumlah="14000000"):
    o, r, op = data["Bappeda"]
    lap = services.laporan_untuk(o, 2025, 3)
    services.simpan(lap, op, revisi=lap.revisi, realisasi={r.pk: D(jumlah)},
                    fisik={r.sub_kegiatan_id: D(25)})
    return lap


def _semua_angka(client, pimpinan) -> dict:
    """The pemda's realisasi s.d. March as every output shows it."""
    out = io.StringIO()
    call_command("rekap", "--tahun", "2025", "--bulan", "3", "--format", "json", stdout=out)
    cli = json.loads(out.getvalue())
    client.force_login(pimpinan)
    dasbor = _teks(client.get("/", {"tahun": 2025, "bulan": 3}))
    token = TokenAPI.buat(pimpinan)[1]
    api = client.get("/api/rekap?tahun=2025&bulan=3",
                     headers={"Authorization": f"Bearer {token}"}).json()
    berkas_csv = client.get(reverse("evaluation:rakor_unduh", args=["csv"]),
                            {"tahun": 2025, "bulan": 3}).content.decode()
    total_csv = list(csv.DictReader(io.StringIO(berkas_csv)))[-1]
    xlsx = load_workbook(io.BytesIO(unduh_lewat_tugas(
        client, reverse("evaluation:rakor_unduh", args=["xlsx"]), {"tahun": 2025, "bulan": 3})))
    ringkasan = {r[0]: r[1] for r in xlsx["Ringkasan"].iter_rows(min_row=6, values_only=True)
                 if r[0]}
    return {
        "cli": (cli["realisasi"], cli["persen_realisasi"], cli["fisik"]),
        "api": (api["realisasi"], api["persen_realisasi"], api["fisik"]),
        "dasbor": re.search(r"Realisasi s\.d\. 31 Maret 2025 mencapai (Rp [\d.,]+)",
                            dasbor).group(1),
        "csv": total_csv["realisasi"],
        "xlsx": ringkasan["Realisasi (Rp)"],
    }


def test_a_saved_draft_changes_no_figure_and_a_submission_does(client, data, pimpinan):
    """Finding 2: a saved (not submitted) Rp 14.000.000 reached the leaders' figures."""
    sebelum = _semua_angka(client, pimpinan)
    assert sebelum["cli"][0] == sebelum["api"][0] == sebelum["csv"] == "51000000.00"
    lap = _draf_bappeda(data)
    assert _semua_angka(client, pimpinan) == sebelum

    lap.refresh_from_db()
    services.ajukan(lap, data["Bappeda"][2], revisi=lap.revisi)
    sesudah = _semua_angka(client, pimpinan)
    assert sesudah["cli"][0] == sesudah["api"][0] == sesudah["csv"] == "65000000.00"
    assert sesudah["dasbor"] == "Rp 65.000.000,00" and sesudah["xlsx"] == 65_000_000
    assert sesudah["cli"][2] != sebelum["cli"][2]  # the fisik counts too, once submitted


def test_the_rekap_json_and_the_api_carry_the_coverage_and_each_opds_status(
        client, data, pimpinan):
    _draf_bappeda(data)
    out = io.StringIO()
    call_command("rekap", "--tahun", "2025", "--bulan", "3", "--format", "json", stdout=out)
    cli = json.loads(out.getvalue())
    assert cli["laporan"] == {
        "opd": 3, "diverifikasi": 1, "diajukan": 1, "dikembalikan": 0, "draf": 1,
        "belum_lapor": 0, "terlambat": 1, "batas_lapor": "2025-04-10T23:59:59+07:00",
        "masa_lapor_berjalan": False}
    assert {o["nama"]: o["status_laporan"] for o in cli["opd"]} == {
        "Dinas Kesehatan": "diverifikasi", "Dinas PUPR": "diajukan", "Bappeda": "draf"}
    token = TokenAPI.buat(pimpinan)[1]
    api = client.get("/api/rekap?tahun=2025&bulan=3",
                     headers={"Authorization": f"Bearer {token}"}).json()
    assert api["laporan"] == cli["laporan"]
    assert [o["status_laporan"] for o in api["opd"]] == [o["status_laporan"] for o in cli["opd"]]
    teks = io.StringIO()
    call_command("rekap", "--tahun", "2025", "--bulan", "3", stdout=teks)
    assert ("Laporan Maret 2025: Data 2 dari 3 OPD (1 terlambat); 1 belum diverifikasi; 1 belum "
            "lapor (1 masih draf).") in teks.getvalue()


def test_the_dashboard_shows_the_coverage_line_and_each_opds_report(client, data, pimpinan):
    _draf_bappeda(data)
    client.force_login(pimpinan)
    resp = client.get("/")
    isi = _teks(resp)
    assert "Realisasi APBD 2025 s.d. 31 Maret 2025" in isi
    assert ("Laporan Maret 2025: Data 2 dari 3 OPD (1 terlambat); 1 belum diverifikasi; 1 belum "
            "lapor (1 masih draf).") in isi
    assert "Masih dalam masa pelaporan" not in isi
    baris = {m.group(1): m.group(2) for m in re.finditer(
        r'<th scope="row" class="kolom-nama"><a[^>]*>([^<]+)</a> <span class="lap lap--'
        r'[a-z_]+">([^<]+)</span>\s*</th>', resp.content.decode())}
    assert baris == {"Dinas Kesehatan": "Diverifikasi", "Dinas PUPR": "Belum diverifikasi",
                     "Bappeda": "Draf (belum diajukan)"}


def test_the_pack_carries_the_coverage_and_the_statuses(client, data, pimpinan):
    client.force_login(pimpinan)
    berkas = client.get(reverse("evaluation:rakor_unduh", args=["csv"])).content.decode()
    baris = list(csv.DictReader(io.StringIO(berkas)))
    assert {b["nama"]: b["status_laporan"] for b in baris[:-1]} == {
        "Dinas Kesehatan": "diverifikasi", "Dinas PUPR": "diajukan", "Bappeda": "belum_lapor"}
    xlsx = load_workbook(io.BytesIO(unduh_lewat_tugas(
        client, reverse("evaluation:rakor_unduh", args=["xlsx"]))))
    ringkasan = {r[0]: r[1] for r in xlsx["Ringkasan"].iter_rows(min_row=6, values_only=True)}
    assert ringkasan["Laporan Maret 2025"] == ("Data 2 dari 3 OPD (1 terlambat); 1 belum "
                                               "diverifikasi; 1 belum lapor.")
    ws = xlsx["Peringkat OPD"]
    judul = [c.value for c in ws[4]]
    assert judul[-1] == "Laporan Maret 2025"
    assert {r[2]: r[-1] for r in ws.iter_rows(min_row=5, values_only=True) if r[1]} == {
        "Dinas Kesehatan": "Diverifikasi", "Dinas PUPR": "Belum diverifikasi",
        "Bappeda": "Belum lapor"}


def _halaman_pemimpin(data):
    o = data["Dinas Kesehatan"][0]
    return ["/", "/indeks/", "/proyeksi/", "/bahan-rakor/", f"/opd/{o.pk}/",
            f"/opd/{o.pk}/sub/{data['Dinas Kesehatan'][1].sub_kegiatan_id}/"]


@time_machine.travel(w(2025, 4, 5, 9), tick=False)  # March is due on 10 April
def test_every_leaders_page_and_the_pack_open_on_the_last_month_due(client, data, pimpinan):
    client.force_login(pimpinan)
    for url in _halaman_pemimpin(data):
        isi = _teks(client.get(url))
        assert "28 Februari 2025" in isi, url
        assert "Laporan Februari 2025: Data 0 dari 3 OPD" in isi, url
    resp = client.get(reverse("evaluation:rakor_unduh", args=["csv"]))
    assert 'filename="rakor-pop-2025-02.csv"' in resp["Content-Disposition"]


@time_machine.travel(w(2025, 4, 5, 9), tick=False)
def test_a_month_still_being_reported_says_so_on_every_leaders_page(client, data, pimpinan):
    client.force_login(pimpinan)
    for url in _halaman_pemimpin(data):
        isi = _teks(client.get(url, {"tahun": 2025, "bulan": 3}))
        assert ("Masih dalam masa pelaporan. Laporan Maret 2025 baru jatuh tempo 10 April 2025, "
                "23.59 WIB, jadi angka bulan ini belum lengkap. Lihat Februari 2025") in isi, url


@time_machine.travel(w(2025, 4, 5, 9), tick=False)
def test_operators_keep_the_month_they_are_reporting(client, data):
    client.force_login(data["Dinas Kesehatan"][2])
    assert "s.d. 31 Maret 2025" in _teks(client.get("/"))


@time_machine.travel(w(2025, 4, 5, 9), tick=False)
def test_a_deadline_set_for_the_month_decides_the_default(client, data, pimpinan):
    PeriodePelaporan.objects.create(tahun=t.tahun(2025), bulan=3, batas_lapor=w(2025, 4, 3, 16))
    client.force_login(pimpinan)
    assert "s.d. 31 Maret 2025" in _teks(client.get("/"))


@time_machine.travel(w(2026, 1, 6, 9), tick=False)
def test_in_january_the_leaders_open_on_a_month_of_the_previous_year(client, data, pimpinan):
    t.rincian(o=data["Bappeda"][0], sub="5.01.02.2.01.0001", pagu=5, v=t.versi(2026))
    client.force_login(pimpinan)
    assert "s.d. 30 November 2025" in _teks(client.get("/"))


def _jumlah_query_cakupan(n: int) -> int:
    for i in range(PerangkatDaerah.objects.count(), n):
        t.rincian(o=t.opd(f"9.99.0.00.0.00.{i:02d}.0000", f"OPD {i}"), pagu=10)
    batas = peta_batas()
    batas(2025, 3)
    with CaptureQueriesContext(connection) as ctx:
        c = ambil_cakupan(2025, 3, SEKARANG, batas)
    assert c.opd == n
    return len(ctx.captured_queries)


def test_the_statuses_are_fetched_in_one_query_whatever_the_number_of_opd(data):
    assert _jumlah_query_cakupan(5) == _jumlah_query_cakupan(40) == 1


def test_the_index_projection_and_opd_pages_show_each_opds_report(client, data, pimpinan):
    client.force_login(pimpinan)
    for url in ("/indeks/", "/proyeksi/"):
        html = client.get(url).content.decode()
        for nama, label in (("Dinas Kesehatan", "Diverifikasi"), ("Dinas PUPR",
                                                                  "Belum diverifikasi"),
                            ("Bappeda", "Belum lapor")):
            assert re.search(rf">{nama}</a> <span class=\"lap lap--[a-z_]+\">{label}</span>",
                             html), (url, nama)
    isi = _teks(client.get(f"/opd/{data['Dinas PUPR'][0].pk}/"))
    assert "Laporan Maret 2025: Belum diverifikasi" in isi
