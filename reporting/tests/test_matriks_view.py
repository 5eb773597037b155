"""The reporting matrix page: colour-coded cells that also read in black and white, the rates
per month, per OPD and overall, an operator limited to their own row, constant queries."""

import re
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget import testing as t
from reporting.models import LaporanBulanan, StatusLaporan

from .conftest import waktu

pytestmark = pytest.mark.django_db

URL = reverse("reporting:matriks", args=[2025])


@pytest.fixture(autouse=True)
def waktu_beku():
    # January's deadline (10 Feb) and February's (10 Mar) have passed; March's has not.
    with time_machine.travel(waktu(2025, 3, 15), tick=False):
        yield


@pytest.fixture
def laporan(dinkes, pupr):
    for o in (dinkes, pupr):
        t.rincian(o=o, pagu=1200)
    ta = t.tahun(2025)
    buat = LaporanBulanan.objects.create
    return {
        "a1": buat(tahun=ta, opd=dinkes, bulan=1, status=StatusLaporan.DIVERIFIKASI,
                   pertama_diajukan_pada=waktu(2025, 2, 3)),
        "a2": buat(tahun=ta, opd=dinkes, bulan=2, status=StatusLaporan.DIAJUKAN,
                   pertama_diajukan_pada=waktu(2025, 3, 3)),
        "b1": buat(tahun=ta, opd=pupr, bulan=1, status=StatusLaporan.DIKEMBALIKAN,
                   pertama_diajukan_pada=waktu(2025, 2, 14)),
        "b3": buat(tahun=ta, opd=pupr, bulan=3, status=StatusLaporan.DRAFT),
    }


def _baris(html: str, nama: str) -> str:
    m = re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(nama)}.*?</tr>", html, re.S)
    assert m, f"baris {nama} tidak ada"
    return m.group(0)


def _sel(baris: str) -> list[tuple[str, str]]:
    """(kind, what is printed) of each month's cell."""
    return [
        (kelas, unescape(simbol)) for kelas, simbol in re.findall(
            r'<td class="sel sel--(\w+)[^"]*"[^>]*>.*?<span aria-hidden="true">(.*?)</span>',
            baris, re.S)
    ]


def _teks(potongan: str) -> str:
    teks = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", potongan))).strip()
    return re.sub(r" ([;.,)])", r"\1", teks)


def test_cells_show_timeliness_by_colour_and_by_symbol(client, laporan, verifikator):
    client.force_login(verifikator)
    resp = client.get(URL)
    assert resp.status_code == 200
    html = resp.content.decode()
    a = _sel(_baris(html, "Dinas Kesehatan"))
    b = _sel(_baris(html, "Dinas Pekerjaan Umum dan Penataan Ruang"))
    assert len(a) == len(b) == 12
    # on time and verified; on time and awaiting verification (*); not yet due
    assert a[:3] == [("tepat", "✓"), ("tepat", "✓*"), ("nanti", "·")]
    # returned after a first submission 4 days late; nothing for February; a March draft
    assert b[:3] == [("kembali", "↩ +4"), ("belum", "✗"), ("nanti", "·")]
    assert set(a[3:] + b[3:]) == {("nanti", "·")}
    # the legend explains every symbol, so a black-and-white print still reads
    for kata in ("Tepat waktu", "Terlambat (hari)", "Dikembalikan", "Belum lapor",
                 "Belum jatuh tempo", "Menunggu verifikasi"):
        assert kata in html
    # screen readers get the words, not the symbols
    assert "Dinas Pekerjaan Umum dan Penataan Ruang, Januari 2025: Terlambat 4 hari · " \
           "dikembalikan" in html


def test_a_late_cell_prints_the_days(client, dinkes, verifikator):
    t.rincian(o=dinkes, pagu=1200)
    LaporanBulanan.objects.create(tahun=t.tahun(2025), opd=dinkes, bulan=1,
                                  status=StatusLaporan.DIVERIFIKASI,
                                  pertama_diajukan_pada=waktu(2025, 2, 13, 9))
    client.force_login(verifikator)
    sel = _sel(_baris(client.get(URL).content.decode(), "Dinas Kesehatan"))
    assert sel[0] == ("terlambat", "+3 hr")


def test_rates_per_month_per_opd_and_overall(client, laporan, verifikator):
    client.force_login(verifikator)
    html = client.get(URL).content.decode()
    # Dinas Kesehatan: 2 due, 2 in, 2 on time; PUPR: 2 due, 1 in, 0 on time
    assert _teks(_baris(html, "Dinas Kesehatan")).endswith("2/2 100,00% 2/2 100,00%")
    assert _teks(_baris(html, "Penataan Ruang")).endswith("1/2 50,00% 0/2 0,00%")
    kaki = _teks(re.search(r"<tfoot>.*</tfoot>", html, re.S).group(0))
    # January: 2 in of 2, 1 on time; February: 1 of 2, 1 on time; March onwards not due
    assert kaki.startswith("Diajukan / jatuh tempo 2/2 100,00% 1/2 50,00% – – – – – – – – – – "
                           "3/4 75,00% 2/4 50,00% Tepat waktu / jatuh tempo 1/2 50,00% "
                           "1/2 50,00% – ")
    assert "4 laporan telah jatuh tempo; 3 diajukan (75,00%) dan 2 tepat waktu (50,00%); " \
           "1 belum lapor." in _teks(html)


def test_the_verifiers_cells_open_the_verification_page(client, laporan, verifikator):
    client.force_login(verifikator)
    html = client.get(URL).content.decode()
    for lap in laporan.values():
        assert reverse("reporting:pemeriksaan", args=[lap.pk]) in html


def test_an_operator_sees_only_their_own_row_and_rates(client, laporan, operator_dinkes, dinkes):
    client.force_login(operator_dinkes)
    resp = client.get(URL)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Dinas Pekerjaan Umum" not in html
    assert len(re.findall(r'<td class="sel ', html)) == 12
    assert "Anda melihat perangkat daerah Anda saja" in html
    kaki = _teks(re.search(r"<tfoot>.*</tfoot>", html, re.S).group(0))
    assert kaki.startswith("Diajukan / jatuh tempo 1/1 100,00% 1/1 100,00%")
    # their cells open their own form
    assert reverse("reporting:formulir", args=[dinkes.pk, 2025, 2]) in html
    assert "/laporan/periksa/" not in html


def test_an_operator_without_an_opd_sees_no_row(client, laporan, db):
    from accounts.models import User
    u = User.objects.create_user("baru", password="x")
    client.force_login(u)
    html = client.get(URL).content.decode()
    assert "Dinas" not in _teks(re.search(r"<tbody>.*</tbody>", html, re.S).group(0))


def test_a_year_without_budget_is_404_and_anonymous_goes_to_login(client, laporan, verifikator):
    resp = client.get(URL)
    assert resp.status_code == 302 and resp.url.startswith(reverse("login"))
    client.force_login(verifikator)
    resp = client.get(reverse("reporting:matriks", args=[2031]))
    assert resp.status_code == 404
    # the page still offers the years that exist
    assert "Belum ada data anggaran untuk tahun “2031”. Tahun yang tersedia: 2025." in \
        resp.content.decode()
    assert reverse("reporting:matriks", args=[2025]) in resp.content.decode()


def _jumlah_query(client, user, n: int) -> int:
    ta = t.tahun(2025)
    for i in range(n):
        o = t.opd(f"7.01.0.00.0.00.{i:02d}.0000", f"Kecamatan {i:02d}")
        t.rincian(o=o, sub="1.02.02.2.01.0001", pagu=1200)
        LaporanBulanan.objects.create(tahun=ta, opd=o, bulan=1, status=StatusLaporan.DIVERIFIKASI,
                                      pertama_diajukan_pada=waktu(2025, 2, 3 + i % 12))
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(URL)
    assert resp.status_code == 200
    assert resp.content.decode().count("Kecamatan ") >= n
    return len(ctx.captured_queries)


def test_the_page_takes_as_many_queries_for_30_opd_as_for_5(client, verifikator):
    lima = _jumlah_query(client, verifikator, 5)
    LaporanBulanan.objects.all().delete()
    assert _jumlah_query(client, verifikator, 30) == lima
