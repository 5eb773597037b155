"""The periods page (issue #17, finding 5): a verifikator or admin sets each month's deadline
and locks or unlocks months in SIAP itself — with a reason, every change logged — while
operators and pimpinan are refused."""

import re
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from budget import testing as t
from reporting import periode as layanan
from reporting import services
from reporting.matriks import Ketepatan, matriks
from reporting.models import CatatanPeriode, PeriodePelaporan, TindakanPeriode

from .conftest import waktu

pytestmark = pytest.mark.django_db

URL = reverse("reporting:periode", args=[2025])


def _ubah(bulan):
    return reverse("reporting:periode_ubah", args=[2025, bulan])


def _teks(r) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", r.content.decode())))


@pytest.fixture(autouse=True)
def april():
    with time_machine.travel(waktu(2025, 4, 5), tick=False):
        yield


@pytest.fixture
def tahun(dinkes):
    t.rincian(o=dinkes, pagu=1200)
    return t.tahun(2025)


@pytest.fixture
def vc(client, verifikator, tahun):
    client.force_login(verifikator)
    return client


def test_the_page_lists_the_twelve_months_with_their_deadline_and_lock(vc, tahun):
    PeriodePelaporan.objects.create(tahun=tahun, bulan=2, batas_lapor=waktu(2025, 3, 20, 16),
                                    dikunci=True)
    r = vc.get(URL)
    assert r.status_code == 200
    isi = _teks(r)
    assert "Periode pelaporan 2025" in isi
    assert "Januari 2025 Batas lapor 10 Februari 2025, 23.59 WIB bawaan sudah lewat" in isi
    assert "Februari 2025 Batas lapor 20 Maret 2025, 16.00 WIB diatur sudah lewat Dikunci" in isi
    assert "Maret 2025 Batas lapor 10 April 2025, 23.59 WIB bawaan Terbuka" in isi
    assert "Desember 2025 Batas lapor 10 Januari 2026, 23.59 WIB" in isi
    assert "Belum ada perubahan periode tahun 2025" in isi


@pytest.mark.parametrize("peran", [Peran.OPERATOR, Peran.PIMPINAN])
def test_operators_and_pimpinan_are_refused(client, tahun, dinkes, peran):
    u = buat_pengguna("u", peran)
    if peran == Peran.OPERATOR:
        u.opd.add(dinkes)
    client.force_login(u)
    assert client.get(URL).status_code == 403
    r = client.post(_ubah(3), {"tindakan": "kunci", "k3-alasan": "Coba"})
    assert r.status_code == 403
    assert not PeriodePelaporan.objects.exists() and not CatatanPeriode.objects.exists()
    assert 'href="/laporan/periode/' not in client.get(reverse("reporting:daftar")).content.decode()


def test_an_admin_may_use_it_and_the_menu_links_it(client, tahun, admin):
    client.force_login(admin)
    assert client.get(URL).status_code == 200
    menu = client.get(reverse("reporting:daftar")).content.decode()
    assert f'href="{reverse("reporting:periode", args=[2025])}"' in menu


def test_setting_a_deadline_moves_the_reports_due_date_and_is_logged(vc, tahun, verifikator):
    r = vc.post(_ubah(3), {"tindakan": "batas", "b3-tanggal": "2025-04-15", "b3-jam": "16:00",
                           "b3-alasan": "Libur Idulfitri 31 Maret–7 April."})
    assert r.status_code == 302 and r.url == URL + "#bulan-3"
    p = PeriodePelaporan.objects.get(tahun=tahun, bulan=3)
    assert p.batas_lapor == waktu(2025, 4, 15, 16).replace(second=59)
    assert services.batas_waktu(2025, 3, p) == p.batas_lapor
    c = CatatanPeriode.objects.get()
    assert (c.bulan, c.tindakan, c.oleh, c.pada) == (3, TindakanPeriode.BATAS, verifikator,
                                                     waktu(2025, 4, 5))
    assert (c.lama, c.baru) == ("10 April 2025, 23.59 WIB (bawaan)", "15 April 2025, 16.00 WIB")
    halaman = _teks(vc.get(URL))
    assert "Batas waktu laporan Maret 2025 disimpan." in halaman
    assert ("Maret Batas waktu diubah 10 April 2025, 23.59 WIB (bawaan) 15 April 2025, 16.00 WIB "
            "Libur Idulfitri 31 Maret–7 April.") in halaman
    # The matrix uses it: on 11 April March is not yet due.
    m = matriks(2025, sekarang=waktu(2025, 4, 11))
    assert m.baris[0].sel[2].ketepatan is Ketepatan.BELUM_JATUH_TEMPO

    # And back to the default, logged too.
    r = vc.post(_ubah(3), {"tindakan": "batas", "b3-bawaan": "on", "b3-jam": "23:59",
                           "b3-alasan": "Keputusan dibatalkan."})
    assert r.status_code == 302
    assert PeriodePelaporan.objects.get(tahun=tahun, bulan=3).batas_lapor is None
    assert CatatanPeriode.objects.first().baru == "10 April 2025, 23.59 WIB (bawaan)"


def test_a_reason_is_required_and_nothing_changes_without_one(vc, tahun):
    for data in ({"tindakan": "batas", "b3-tanggal": "2025-04-15", "b3-jam": "23:59",
                  "b3-alasan": "  "},
                 {"tindakan": "kunci", "k3-alasan": ""}):
        r = vc.post(_ubah(3), data)
        assert r.status_code == 422
        assert "Alasan wajib diisi" in _teks(r)
    assert not PeriodePelaporan.objects.exists() and not CatatanPeriode.objects.exists()


def test_a_deadline_before_the_month_ends_is_refused_with_the_reason(vc, tahun):
    r = vc.post(_ubah(3), {"tindakan": "batas", "b3-tanggal": "2025-03-31", "b3-jam": "23:59",
                           "b3-alasan": "Dipercepat."})
    assert r.status_code == 422
    assert ("Batas waktu 31 Maret 2025, 23.59 WIB jatuh sebelum Maret 2025 berakhir "
            "(31 Maret 2025)") in _teks(r)
    # the month's form stays open with what was typed
    assert re.search(r'<details class="periode-ubah" open>\s*<summary>Ubah batas waktu',
                     r.content.decode())
    assert 'value="2025-03-31"' in r.content.decode()
    assert not CatatanPeriode.objects.exists()
    r = vc.post(_ubah(3), {"tindakan": "batas", "b3-tanggal": "", "b3-jam": "23:59",
                           "b3-alasan": "x"})
    assert "Isi tanggal batas waktu" in _teks(r)


def test_locking_stops_saving_and_unlocking_allows_it_again_both_logged(
        vc, tahun, dinkes, operator_dinkes, verifikator):
    r = vc.post(_ubah(3), {"tindakan": "kunci", "k3-alasan": "Rekonsiliasi dengan BPKAD."})
    assert r.status_code == 302
    lap = services.laporan_untuk(dinkes, 2025, 3)
    with pytest.raises(services.LaporanDitolak, match="sudah dikunci"):
        services.simpan(lap, operator_dinkes, revisi=0, realisasi={}, fisik={})
    assert "Dikunci" in _teks(vc.get(URL))
    # Locking twice says so and logs nothing more.
    r = vc.post(_ubah(3), {"tindakan": "kunci", "k3-alasan": "lagi"})
    assert r.status_code == 422 and "Maret 2025 sudah dikunci" in _teks(r)

    assert vc.post(_ubah(3), {"tindakan": "buka", "k3-alasan": "Selesai."}).status_code == 302
    services.simpan(lap, operator_dinkes, revisi=0, realisasi={}, fisik={})
    assert list(CatatanPeriode.objects.order_by("pk").values_list(
        "tindakan", "lama", "baru", "alasan")) == [
        ("kunci", "terbuka", "dikunci", "Rekonsiliasi dengan BPKAD."),
        ("buka", "dikunci", "terbuka", "Selesai."),
    ]


def test_a_year_not_in_siap_shows_the_years_there_are(vc, tahun):
    r = vc.get(reverse("reporting:periode", args=[2031]))
    assert r.status_code == 404
    assert "Tahun anggaran 2031 belum ada di SIAP. Tahun yang tersedia: 2025." in _teks(r)
    assert vc.post(reverse("reporting:periode_ubah", args=[2031, 3]),
                   {"tindakan": "kunci", "k3-alasan": "x"}).status_code == 404
    assert vc.post(_ubah(13), {"tindakan": "kunci", "k13-alasan": "x"}).status_code == 404


def test_the_service_locks_the_row_and_refuses_an_unchanged_deadline(tahun, verifikator):
    layanan.atur_batas(tahun, 5, waktu(2025, 6, 12), verifikator, alasan="x")
    with pytest.raises(Exception, match="tidak ada yang diubah"):
        layanan.atur_batas(tahun, 5, waktu(2025, 6, 12), verifikator, alasan="x")
    with pytest.raises(Exception, match="tidak ada yang diubah"):
        layanan.atur_batas(tahun, 6, None, verifikator, alasan="x")
    assert CatatanPeriode.objects.count() == 1
    assert not PeriodePelaporan.objects.filter(bulan=6).exists()


def test_the_django_admin_no_longer_changes_periods_behind_the_log(client, tahun):
    su = User.objects.create_superuser("su", password="x", peran=Peran.ADMIN)
    client.force_login(su)
    p = PeriodePelaporan.objects.create(tahun=tahun, bulan=1)
    r = client.post(reverse("admin:reporting_periodepelaporan_change", args=[p.pk]),
                    {"tahun": tahun.pk, "bulan": 1, "dikunci": "on"})
    assert r.status_code == 403
    p.refresh_from_db()
    assert not p.dikunci
