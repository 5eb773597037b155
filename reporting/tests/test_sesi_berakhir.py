"""An ended session loses nothing (issue #17): a save of the report form that meets an ended
session keeps the typed values through signing in again and applies them afterwards, through
the normal save path — only for the same user, only while they may fill that report, with the
revision check, once, and not after SIAP_SESI_MENIT minutes."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from accounts.models import Peran
from accounts.testing import buat_pengguna
from reporting import services
from reporting.models import IsianFisik, IsianRealisasi, LaporanBulanan
from reporting.tertunda import KUNCI_SESI

from .conftest import D, waktu
from .test_formulir import isian, url

pytestmark = pytest.mark.django_db

MULAI = waktu(2025, 3, 5, 9)


@pytest.fixture(autouse=True)
def jam(settings):
    settings.SIAP_SESI_MENIT = 60
    settings.SESSION_COOKIE_AGE = 3600
    with time_machine.travel(MULAI, tick=False) as mesin:
        yield mesin


def _pengisi(client, opd) -> str:
    """Opens the form as the signed-in user, as the browser did before going idle."""
    html = client.get(url(opd)).content.decode()
    return unescape(re.search(r'name="pengisi" value="([^"]*)"', html)[1])


def _masuk(client, username, tujuan):
    return client.post(reverse("login"), {"username": username, "password": "x", "next": tujuan})


def _simpan_setelah_sesi_berakhir(client, jam, dinkes, baris_dinkes, operator_dinkes, **nilai):
    client.force_login(operator_dinkes)
    pengisi = _pengisi(client, dinkes)
    jam.shift(datetime.timedelta(minutes=61))  # idle past SIAP_SESI_MENIT
    r1, _, r3, _ = baris_dinkes
    data = isian(baris_dinkes, **{"pengisi": pengisi, f"r-{r1.pk}": "125",
                                  f"f-{r3.sub_kegiatan_id}": "40", "aksi": "simpan"} | nilai)
    return client.post(url(dinkes), data)


def test_a_save_after_the_session_ended_is_applied_once_the_user_signs_in_again(
        client, jam, dinkes, baris_dinkes, operator_dinkes):
    services.laporan_untuk(dinkes, 2025, 3)
    r = _simpan_setelah_sesi_berakhir(client, jam, dinkes, baris_dinkes, operator_dinkes)

    # Today: the POST went to a login redirect and was lost. Now it waits in the session.
    assert r.status_code == 302
    lokasi = urlparse(r.url)
    assert lokasi.path == reverse("login")
    tujuan = parse_qs(lokasi.query)["next"][0]
    assert tujuan.startswith(url(dinkes) + "?tertunda=")
    assert not IsianRealisasi.objects.filter(laporan__bulan=3).exists()
    halaman_masuk = client.get(r.url).content.decode()
    assert "Sesi Anda telah berakhir. Isian Anda disimpan sementara" in halaman_masuk

    r = _masuk(client, "op.dinkes", tujuan)
    assert r.status_code == 302 and r.url == tujuan
    r = client.get(tujuan)
    assert r.status_code == 302 and r.url == url(dinkes)
    r1, _, r3, _ = baris_dinkes
    assert IsianRealisasi.objects.get(rincian=r1, laporan__bulan=3).jumlah == D(125)
    assert IsianFisik.objects.get(sub_kegiatan_id=r3.sub_kegiatan_id, laporan__bulan=3).persen == D(40)
    halaman = client.get(url(dinkes)).content.decode()
    assert "Isian yang Anda kirim saat sesi berakhir kini diproses." in halaman
    assert "Laporan Maret 2025 tersimpan sebagai draf" in halaman
    # Used once: the same link again applies nothing more.
    assert KUNCI_SESI not in client.session
    assert client.get(tujuan).status_code == 200
    assert LaporanBulanan.objects.get(opd=dinkes, bulan=3).revisi == 1


def test_the_kept_values_go_through_the_checks_of_a_normal_save(
        client, jam, dinkes, baris_dinkes, operator_dinkes):
    services.laporan_untuk(dinkes, 2025, 3)
    r1 = baris_dinkes[0]
    r = _simpan_setelah_sesi_berakhir(client, jam, dinkes, baris_dinkes, operator_dinkes,
                                      **{f"r-{r1.pk}": "-5"})
    tujuan = parse_qs(urlparse(r.url).query)["next"][0]
    _masuk(client, "op.dinkes", tujuan)
    r = client.get(tujuan)
    assert r.status_code == 422
    assert "realisasi -Rp 5,00 negatif" in r.content.decode()
    assert 'value="-5"' in r.content.decode()  # what was typed is back on the page
    assert not IsianRealisasi.objects.filter(laporan__bulan=3).exists()


def test_a_report_changed_meanwhile_is_a_conflict_not_an_overwrite(
        client, jam, dinkes, baris_dinkes, operator_dinkes):
    lap = services.laporan_untuk(dinkes, 2025, 3)
    r = _simpan_setelah_sesi_berakhir(client, jam, dinkes, baris_dinkes, operator_dinkes)
    tujuan = parse_qs(urlparse(r.url).query)["next"][0]
    r1 = baris_dinkes[0]
    services.simpan(lap, operator_dinkes, revisi=0, realisasi={r1.pk: D(7)}, fisik={})
    _masuk(client, "op.dinkes", tujuan)
    r = client.get(tujuan)
    assert r.status_code == 409
    assert IsianRealisasi.objects.get(rincian=r1, laporan__bulan=3).jumlah == D(7)


def test_another_user_signing_in_on_that_browser_does_not_get_them(
        client, jam, dinkes, baris_dinkes, operator_dinkes):
    services.laporan_untuk(dinkes, 2025, 3)
    buat_pengguna("op.lain", Peran.OPERATOR, dinkes)
    r = _simpan_setelah_sesi_berakhir(client, jam, dinkes, baris_dinkes, operator_dinkes)
    tujuan = parse_qs(urlparse(r.url).query)["next"][0]
    _masuk(client, "op.lain", tujuan)
    r = client.get(tujuan)
    assert r.status_code == 200
    assert "milik pengguna atau laporan lain; isian itu dibuang" in r.content.decode()
    assert not IsianRealisasi.objects.filter(laporan__bulan=3).exists()
    assert KUNCI_SESI not in client.session


def test_a_user_no_longer_allowed_to_fill_that_report_gets_404(
        client, jam, dinkes, pupr, baris_dinkes, operator_dinkes):
    services.laporan_untuk(dinkes, 2025, 3)
    r = _simpan_setelah_sesi_berakhir(client, jam, dinkes, baris_dinkes, operator_dinkes)
    tujuan = parse_qs(urlparse(r.url).query)["next"][0]
    operator_dinkes.opd.set([pupr])  # moved to another OPD meanwhile
    _masuk(client, "op.dinkes", tujuan)
    assert client.get(tujuan).status_code == 404
    assert not IsianRealisasi.objects.filter(laporan__bulan=3).exists()


def test_kept_values_expire(client, jam, dinkes, baris_dinkes, operator_dinkes):
    services.laporan_untuk(dinkes, 2025, 3)
    r = _simpan_setelah_sesi_berakhir(client, jam, dinkes, baris_dinkes, operator_dinkes)
    tujuan = parse_qs(urlparse(r.url).query)["next"][0]
    jam.shift(datetime.timedelta(minutes=settings.SIAP_SESI_MENIT - 1))
    _masuk(client, "op.dinkes", tujuan)  # the session, stash included, is still alive…
    jam.shift(datetime.timedelta(minutes=2))  # …but the stash is now older than the limit
    r = client.get(tujuan)
    assert "sudah lebih dari 60 menit; isian itu dibuang" in r.content.decode()
    assert not IsianRealisasi.objects.filter(laporan__bulan=3).exists()


def test_a_post_without_the_forms_signed_user_is_not_kept(client, dinkes, baris_dinkes):
    services.laporan_untuk(dinkes, 2025, 3)
    r = client.post(url(dinkes), isian(baris_dinkes, pengisi="1:palsu"))
    assert r.status_code == 302
    assert "tertunda" not in r.url
    assert KUNCI_SESI not in client.session


def test_an_htmx_permasalahan_after_the_session_ended_is_told_not_swapped(client, dinkes,
                                                                         baris_dinkes):
    r = client.post(reverse("reporting:permasalahan_tambah", args=[dinkes.pk, 2025, 3]),
                    {"pm-uraian": "x"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 401 and r["HX-Trigger"] == "sesiBerakhir"


def test_the_form_carries_what_the_session_script_needs(client, dinkes, baris_dinkes,
                                                        operator_dinkes):
    client.force_login(operator_dinkes)
    html = client.get(url(dinkes)).content.decode()
    assert re.search(r'<div class="sesi" id="sesi" data-detik="3600" data-url="/akun/sesi/"', html)
    assert '<script src="/static/siap/sesi.js" defer></script>' in html
    # the renewal the script asks for while the user types
    r = client.get(reverse("akun:sesi"))
    assert r.status_code == 200 and r.json() == {"sisa_detik": 3600}
    client.logout()
    assert client.get(reverse("akun:sesi")).status_code == 302
