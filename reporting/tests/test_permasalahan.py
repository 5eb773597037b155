"""Permasalahan: recorded and followed up from the monthly report, carried from month to month
until closed, only by the OPD's own operator while the report is editable."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from budget import testing as t
from reporting import permasalahan as layanan
from reporting import services
from reporting.isi import muat_isi
from reporting.models import Permasalahan, StatusPermasalahan

from .conftest import waktu

pytestmark = pytest.mark.django_db

SUB1 = "1.02.02.2.01.0001"


@pytest.fixture(autouse=True)
def maret():
    with time_machine.travel(waktu(2025, 3, 5), tick=False):
        yield


@pytest.fixture
def laporan(dinkes, baris_dinkes):
    return services.laporan_untuk(dinkes, 2025, 3)


@pytest.fixture
def sub1(baris_dinkes):
    return baris_dinkes[0].sub_kegiatan_id


def _tambah(laporan, oleh, sub, **kw):
    data = {"kategori": "pengadaan", "uraian": "Tender gagal, tidak ada penawaran.",
            "tindak_lanjut": "", "penanggung_jawab": "PPTK"} | kw
    return layanan.tambah(laporan, oleh, sub_kegiatan_id=sub, **data)


def teks(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


# ---------- The service ----------

def test_an_obstacle_is_recorded_in_the_reports_month_with_its_history(
        laporan, operator_dinkes, sub1):
    p = _tambah(laporan, operator_dinkes, sub1, target_selesai=datetime.date(2025, 4, 30))
    assert (p.bulan, p.status, p.opd_id) == (3, StatusPermasalahan.TERBUKA, laporan.opd_id)
    h = p.history.get()
    assert h.history_user == operator_dinkes and h.uraian == "Tender gagal, tidak ada penawaran."


def test_an_obstacle_needs_a_description_and_a_known_category(laporan, operator_dinkes, sub1):
    with pytest.raises(ValidationError) as exc:
        _tambah(laporan, operator_dinkes, sub1, uraian="   ", kategori="gempa")
    assert exc.value.message_dict == {
        "uraian": ["Uraian permasalahan wajib diisi."],
        "kategori": ["Kategori “gempa” tidak dikenal; pilih dari daftar."],
    }
    assert not Permasalahan.objects.exists()


def test_a_target_date_before_the_reports_month_is_refused(laporan, operator_dinkes, sub1):
    with pytest.raises(ValidationError, match="sudah lewat sebelum bulan laporan"):
        _tambah(laporan, operator_dinkes, sub1, target_selesai=datetime.date(2025, 2, 1))


def _nol(baris_dinkes) -> dict:
    """Nothing spent in March on the two lines with anggaran kas due: typed zeros, so the
    report is complete enough to submit."""
    r1, r2, *_ = baris_dinkes
    return {r1.pk: t.D(0), r2.pk: t.D(0)}


def test_another_opds_sub_kegiatan_is_forbidden(laporan, operator_dinkes, baris_dinkes):
    lain = baris_dinkes[3]
    with pytest.raises(PermissionDenied):
        _tambah(laporan, operator_dinkes, lain.sub_kegiatan_id)
    assert not Permasalahan.objects.exists()


def test_a_submitted_report_takes_no_new_obstacle(laporan, operator_dinkes, baris_dinkes, sub1):
    r1, r2, r3, _ = baris_dinkes
    services.simpan(laporan, operator_dinkes, revisi=0, realisasi=_nol(baris_dinkes),
                    fisik={sub1: t.D(20), r3.sub_kegiatan_id: t.D(0)})
    laporan.refresh_from_db()
    services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi)
    with pytest.raises(ValidationError, match="berstatus Diajukan; permasalahannya tidak dapat"):
        _tambah(laporan, operator_dinkes, sub1)


def test_an_open_obstacle_is_carried_to_later_months_until_closed(
        laporan, operator_dinkes, dinkes, sub1):
    p = _tambah(laporan, operator_dinkes, sub1)
    with time_machine.travel(waktu(2025, 4, 5), tick=False):
        april = services.laporan_untuk(dinkes, 2025, 4)
        assert [x.pk for s in muat_isi(april).sub for x in s.permasalahan] == [p.pk]
        layanan.ubah(p, operator_dinkes, bulan=4, tindak_lanjut="Tender ulang selesai.",
                     selesai=True)
    p.refresh_from_db()
    assert (p.status, p.bulan_selesai) == (StatusPermasalahan.SELESAI, 4)
    assert [h.status for h in p.history.order_by("history_id")] == ["terbuka", "selesai"]
    with time_machine.travel(waktu(2025, 5, 5), tick=False):
        mei = services.laporan_untuk(dinkes, 2025, 5)
        assert not any(s.permasalahan for s in muat_isi(mei).sub)
        with pytest.raises(ValidationError, match="sudah selesai pada bulan April"):
            layanan.ubah(p, operator_dinkes, bulan=5, tindak_lanjut="x")


def test_closing_needs_a_follow_up(laporan, operator_dinkes, sub1):
    p = _tambah(laporan, operator_dinkes, sub1)
    with pytest.raises(ValidationError) as exc:
        layanan.ubah(p, operator_dinkes, bulan=3, tindak_lanjut=" ", selesai=True)
    assert "tindak_lanjut" in exc.value.message_dict
    p.refresh_from_db()
    assert p.status == StatusPermasalahan.TERBUKA


# ---------- The views ----------

def url_tambah(opd, bulan=3):
    return reverse("reporting:permasalahan_tambah", args=[opd.pk, 2025, bulan])


def url_ubah(p):
    return reverse("reporting:permasalahan_ubah", args=[p.pk])


def form_tambah(sub, **kw):
    return {"pm-sub_kegiatan": str(sub), "pm-kategori": "lahan",
            "pm-uraian": "Lahan belum bebas.", "pm-tindak_lanjut": "Musyawarah dengan warga.",
            "pm-penanggung_jawab": "Kabid Bina Marga", "pm-target_selesai": "2025-04-30"} | kw


def test_the_operator_adds_an_obstacle_and_sees_it_on_the_report(
        client, operator_dinkes, dinkes, laporan, sub1):
    client.force_login(operator_dinkes)
    r = client.post(url_tambah(dinkes), form_tambah(sub1))
    formulir = reverse("reporting:formulir", args=[dinkes.pk, 2025, 3])
    assert r.status_code == 302 and r.url == formulir + "#permasalahan"
    p = Permasalahan.objects.get()
    assert (p.kategori, p.target_selesai, p.bulan) == ("lahan", datetime.date(2025, 4, 30), 3)
    isi = teks(client.get(formulir))
    assert "Permasalahan dicatat." in isi
    assert "Lahan belum bebas." in isi and "Musyawarah dengan warga." in isi
    assert "1 permasalahan terbuka" in isi and "30 April 2025" in isi


def test_an_incomplete_obstacle_is_shown_again_with_its_message(
        client, operator_dinkes, dinkes, laporan, sub1):
    client.force_login(operator_dinkes)
    r = client.post(url_tambah(dinkes), form_tambah(sub1, **{"pm-uraian": ""}))
    assert r.status_code == 422
    assert "Uraian permasalahan wajib diisi." in teks(r)
    assert "Musyawarah dengan warga." in teks(r)  # what was typed stays
    assert not Permasalahan.objects.exists()


def test_the_operator_closes_an_obstacle_in_the_reports_month(
        client, operator_dinkes, dinkes, laporan, sub1):
    p = _tambah(laporan, operator_dinkes, sub1)
    client.force_login(operator_dinkes)
    r = client.post(url_ubah(p), {f"pm{p.pk}-bulan": "3",
                                  f"pm{p.pk}-tindak_lanjut": "Tender ulang berhasil.",
                                  f"pm{p.pk}-selesai": "on"})
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.bulan_selesai, p.tindak_lanjut) == ("selesai", 3, "Tender ulang berhasil.")


def test_closing_without_follow_up_shows_the_message_beside_the_obstacle(
        client, operator_dinkes, dinkes, laporan, sub1):
    p = _tambah(laporan, operator_dinkes, sub1)
    client.force_login(operator_dinkes)
    r = client.post(url_ubah(p), {f"pm{p.pk}-bulan": "3", f"pm{p.pk}-selesai": "on"})
    assert r.status_code == 422
    assert "Tulis tindak lanjut yang menyelesaikan permasalahan ini" in teks(r)
    p.refresh_from_db()
    assert p.status == "terbuka"


def test_another_opds_operator_gets_404_adding_or_changing(
        client, operator_pupr, dinkes, laporan, operator_dinkes, sub1):
    p = _tambah(laporan, operator_dinkes, sub1)
    client.force_login(operator_pupr)
    assert client.post(url_tambah(dinkes), form_tambah(sub1)).status_code == 404
    assert client.post(url_ubah(p), {f"pm{p.pk}-bulan": "3", f"pm{p.pk}-tindak_lanjut": "x",
                                     f"pm{p.pk}-selesai": "on"}).status_code == 404
    assert Permasalahan.objects.get().status == "terbuka"
    assert Permasalahan.objects.count() == 1


def test_an_operator_cannot_record_on_another_opds_sub_kegiatan_from_their_own_report(
        client, operator_pupr, pupr, baris_dinkes, sub1):
    client.force_login(operator_pupr)
    services.laporan_untuk(pupr, 2025, 3)
    assert client.post(url_tambah(pupr), form_tambah(sub1)).status_code == 403
    assert not Permasalahan.objects.exists()


@pytest.mark.parametrize("peran", ["verifikator", "pimpinan"])
def test_verifikator_and_pimpinan_cannot_add_or_change(
        request, client, peran, dinkes, laporan, operator_dinkes, sub1):
    p = _tambah(laporan, operator_dinkes, sub1)
    client.force_login(request.getfixturevalue(peran))
    assert client.post(url_tambah(dinkes), form_tambah(sub1)).status_code == 403
    assert client.post(url_ubah(p), {f"pm{p.pk}-bulan": "3", f"pm{p.pk}-tindak_lanjut": "x",
                                     f"pm{p.pk}-selesai": "on"}).status_code == 403
    assert Permasalahan.objects.count() == 1 and Permasalahan.objects.get().status == "terbuka"
    # they read it on the report, without the forms
    r = client.get(reverse("reporting:formulir", args=[dinkes.pk, 2025, 3]))
    assert "Tender gagal" in teks(r) and "Catat permasalahan baru" not in teks(r)


def test_the_page_offers_no_forms_once_the_report_is_submitted(
        client, operator_dinkes, dinkes, laporan, baris_dinkes, sub1):
    r3 = baris_dinkes[2]
    _tambah(laporan, operator_dinkes, sub1)
    services.simpan(laporan, operator_dinkes, revisi=0, realisasi=_nol(baris_dinkes),
                    fisik={sub1: t.D(20), r3.sub_kegiatan_id: t.D(0)})
    laporan.refresh_from_db()
    services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi)
    client.force_login(operator_dinkes)
    r = client.get(reverse("reporting:formulir", args=[dinkes.pk, 2025, 3]))
    assert "Tender gagal" in teks(r)
    assert "Catat permasalahan baru" not in teks(r) and "Perbarui tindak lanjut" not in teks(r)


def test_adding_from_a_stale_page_after_submission_says_why(
        client, operator_dinkes, dinkes, laporan, baris_dinkes, sub1):
    r3 = baris_dinkes[2]
    services.simpan(laporan, operator_dinkes, revisi=0, realisasi=_nol(baris_dinkes),
                    fisik={sub1: t.D(20), r3.sub_kegiatan_id: t.D(0)})
    laporan.refresh_from_db()
    services.ajukan(laporan, operator_dinkes, revisi=laporan.revisi)
    client.force_login(operator_dinkes)
    r = client.post(url_tambah(dinkes), form_tambah(sub1))
    assert r.status_code == 422
    assert "berstatus Diajukan; permasalahannya tidak dapat diubah" in teks(r)
    assert not Permasalahan.objects.exists()
