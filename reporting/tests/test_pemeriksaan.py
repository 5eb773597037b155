"""The verifier's side over HTTP: the reporting home, the verification page (figures, changes
since the previous submission, warnings with explanations, workflow log, audit trail) and
the actions, with the role and scoping checks."""

import re
from html import unescape

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budget import testing as t
from reporting import services
from reporting.models import (
    KategoriPermasalahan,
    LaporanBulanan,
    Permasalahan,
    RiwayatLaporan,
    StatusLaporan,
)

from .conftest import D, waktu

pytestmark = pytest.mark.django_db

SEKARANG = waktu(2025, 4, 20)
DISIMPAN = waktu(2025, 4, 2)


@pytest.fixture(autouse=True)
def waktu_beku():
    with time_machine.travel(SEKARANG, tick=False):
        yield


def _simpan(lap, user, realisasi, fisik=None, pada=DISIMPAN):
    lap.refresh_from_db()
    return services.simpan(lap, user, revisi=lap.revisi, realisasi=realisasi, fisik=fisik or {},
                           sekarang=pada)


def _ajukan(lap, user, pada):
    lap.refresh_from_db()
    return services.ajukan(lap, user, revisi=lap.revisi, sekarang=pada)


@pytest.fixture
def laporan(baris_dinkes, dinkes, operator_dinkes, verifikator):
    """Dinas Kesehatan, March 2025: submitted on 8 April (on time), returned, fixed (PAD line
    50 → 60), resubmitted on 12 April."""
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    _simpan(lap, operator_dinkes, {r1.pk: D(100), r2.pk: D(50)},
            {r1.sub_kegiatan_id: D(25), r3.sub_kegiatan_id: D(0)})
    _ajukan(lap, operator_dinkes, waktu(2025, 4, 8))
    services.kembalikan(lap, verifikator, "Realisasi PAD belum sesuai SP2D.",
                        sekarang=waktu(2025, 4, 9))
    _simpan(lap, operator_dinkes, {r2.pk: D(60)}, pada=waktu(2025, 4, 10))
    lap = _ajukan(lap, operator_dinkes, waktu(2025, 4, 12))
    return lap


def _url(lap):
    return reverse("reporting:pemeriksaan", args=[lap.pk])


def _bagian(html: str, id_: str) -> str:
    """The text of the <section id=...> of a page, tags stripped, whitespace collapsed."""
    m = re.search(rf'<section[^>]*id="{id_}".*?</section>', html, re.S)
    assert m, f"bagian {id_} tidak ada"
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", m.group(0))))


def _teks(resp) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", resp.content.decode())))


def _pesan(resp) -> list[str]:
    """The messages waiting after ``resp`` (earlier unread ones first)."""
    return [str(m) for m in get_messages(resp.wsgi_request)]


# ---------- The verification page ----------

def test_the_verifier_sees_the_header_and_the_reports_totals(client, laporan, verifikator):
    client.force_login(verifikator)
    resp = client.get(_url(laporan))
    assert resp.status_code == 200
    teks = _teks(resp)
    assert "Dinas Kesehatan" in teks and "Maret 2025" in teks
    assert "Batas waktu 10 April 2025, 23.59" in teks
    # first submitted on 8 April, before the deadline of 10 April
    assert "Tepat waktu" in teks
    assert "Pertama diajukan 8 April 2025, 12.00" in teks
    assert "(pengajuan ke-2)" in teks
    # pagu 1200 + 600 + 2400; anggaran kas Jan–Mar 300 + 150 + 0;
    # realisasi (100+100+100) + (50+50+60) = 460; capaian 460 / 450
    assert "Pagu Rp 4.200,00" in teks
    assert "Anggaran kas kumulatif Rp 450,00" in teks
    assert "Realisasi kumulatif Rp 460,00" in teks
    assert "Capaian anggaran kas 102,22%" in teks
    assert "Buka formulir laporan (hanya baca)" in teks
    assert reverse("reporting:formulir", args=[laporan.opd_id, 2025, 3]) in resp.content.decode()


def test_a_late_first_submission_shows_the_days_late(client, baris_dinkes, dinkes,
                                                      operator_dinkes, verifikator):
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    _simpan(lap, operator_dinkes, {r1.pk: D(100), r2.pk: D(0)},
            {r1.sub_kegiatan_id: D(25), r3.sub_kegiatan_id: D(0)})
    _ajukan(lap, operator_dinkes, waktu(2025, 4, 13, 9))
    client.force_login(verifikator)
    assert "Terlambat 3 hari" in _teks(client.get(_url(lap)))


def test_the_changes_since_the_previous_submission_show_old_new_and_difference(
        client, laporan, verifikator):
    client.force_login(verifikator)
    bagian = _bagian(client.get(_url(laporan)).content.decode(), "perubahan")
    assert "Pengajuan ke-2 dibandingkan dengan ke-1" in bagian
    assert ("1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 · PAD · 5.1.02 "
            "Keuangan bulan ini Rp 50,00 Rp 60,00 +Rp 10,00") in bagian
    assert "DAU" not in bagian  # unchanged lines are not listed


def test_a_first_submission_says_there_is_nothing_to_compare(
        client, baris_dinkes, dinkes, operator_dinkes, verifikator):
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    _simpan(lap, operator_dinkes, {r1.pk: D(100), r2.pk: D(0)},
            {r1.sub_kegiatan_id: D(25), r3.sub_kegiatan_id: D(0)})
    _ajukan(lap, operator_dinkes, waktu(2025, 4, 8))
    client.force_login(verifikator)
    assert "Ini pengajuan pertama" in _bagian(client.get(_url(lap)).content.decode(), "perubahan")


def test_the_audit_trail_shows_who_changed_which_value_from_what_to_what(
        client, laporan, verifikator, operator_dinkes, baris_dinkes, dinkes):
    r1, *_ = baris_dinkes
    masalah = Permasalahan(tahun=laporan.tahun, opd=dinkes, sub_kegiatan_id=r1.sub_kegiatan_id,
                           bulan=3, kategori=KategoriPermasalahan.PENGADAAN,
                           uraian="Tender gagal, tidak ada penawaran memenuhi syarat.",
                           tindak_lanjut="Tender ulang.")
    masalah._history_user = operator_dinkes
    masalah.save()
    masalah.tindak_lanjut = "Tender ulang dengan persyaratan disederhanakan."
    masalah._history_user = verifikator
    masalah.save()

    client.force_login(verifikator)
    jejak = _bagian(client.get(_url(laporan)).content.decode(), "jejak-audit")
    # The official values change when submitted; the drafts show what was typed meanwhile.
    assert ("12 Apr 2025, 12.00 op.dinkes 1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 "
            "· PAD · 5.1.02 Realisasi keuangan Rp 50,00 Rp 60,00") in jejak
    assert ("10 Apr 2025, 12.00 op.dinkes 1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 "
            "· PAD · 5.1.02 Isian realisasi (draf) – Rp 60,00") in jejak
    assert ("8 Apr 2025, 12.00 op.dinkes 1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 "
            "· PAD · 5.1.02 Realisasi keuangan – Rp 50,00") in jejak
    assert ("2 Apr 2025, 12.00 op.dinkes 1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 "
            "· PAD · 5.1.02 Isian realisasi (draf) – Rp 50,00") in jejak
    assert "Realisasi fisik – 25,00%" in jejak and "Isian fisik (draf) – 25,00%" in jejak
    assert ("verif Permasalahan 1.02.02.2.01.0001: Tender gagal, tidak ada penawaran memenuhi "
            "syarat. Tindak lanjut Tender ulang. Tender ulang dengan persyaratan "
            "disederhanakan.") in jejak
    assert ("op.dinkes Permasalahan 1.02.02.2.01.0001: Tender gagal, tidak ada penawaran "
            "memenuhi syarat. Dicatat – Pengadaan/lelang: Tender gagal") in jejak
    assert jejak.count("Permasalahan 1.02.02.2.01.0001") == 2  # one row per recorded change


def test_the_audit_trail_leaves_out_other_months_and_other_opd(
        client, laporan, verifikator, operator_pupr, baris_dinkes, pupr):
    *_, lain = baris_dinkes
    lap_pupr = services.laporan_untuk(pupr, 2025, 3)
    _simpan(lap_pupr, operator_pupr, {lain.pk: D(777)})
    client.force_login(verifikator)
    jejak = _bagian(client.get(_url(laporan)).content.decode(), "jejak-audit")
    assert "Rp 777,00" not in jejak and "op.pupr" not in jejak
    # the fixture's January and February amounts were written without history
    assert jejak.count("Realisasi keuangan") == 3


def test_warnings_are_shown_with_the_operators_explanation(
        client, baris_dinkes, dinkes, operator_dinkes, verifikator):
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    # r1 cumulative 100+100+300 = 500 against anggaran kas 300: more than 10% above
    _simpan(lap, operator_dinkes, {r1.pk: D(300), r2.pk: D(50)},
            {r1.sub_kegiatan_id: D(40), r3.sub_kegiatan_id: D(0)})
    services.simpan_penjelasan(lap, operator_dinkes,
                               {f"lebih_ak:{r1.pk}": "Pembayaran termin dipercepat sesuai kontrak."})
    _ajukan(lap, operator_dinkes, waktu(2025, 4, 8))
    client.force_login(verifikator)
    bagian = _bagian(client.get(_url(lap)).content.decode(), "peringatan")
    assert "1 peringatan" in bagian
    assert "melebihi anggaran kas kumulatif Rp 300,00 lebih dari 10%" in bagian
    assert "Pembayaran termin dipercepat sesuai kontrak. — op.dinkes" in bagian


def test_the_workflow_log_shows_who_when_from_to_and_the_note(client, laporan, verifikator):
    client.force_login(verifikator)
    teks = _teks(client.get(_url(laporan)))
    assert ("Diajukan → Dikembalikan 9 Apr 2025, 12.00 · verif Realisasi PAD belum sesuai "
            "SP2D.") in teks
    assert "Dikembalikan → Draf 10 Apr 2025, 12.00 · op.dinkes" in teks


def test_the_verifier_sees_the_decision_forms_and_readers_do_not(
        client, laporan, verifikator, pimpinan, operator_dinkes):
    client.force_login(verifikator)
    html = client.get(_url(laporan)).content.decode()
    assert 'value="verifikasi"' in html and 'value="kembalikan"' in html
    for pembaca in (pimpinan, operator_dinkes):
        client.force_login(pembaca)
        resp = client.get(_url(laporan))
        assert resp.status_code == 200
        html = resp.content.decode()
        assert 'name="tindakan"' not in html
        assert "hanya baca untuk peran Anda" in html


def test_another_opds_operator_gets_404(client, laporan, operator_pupr):
    client.force_login(operator_pupr)
    assert client.get(_url(laporan)).status_code == 404


def test_the_page_takes_as_many_queries_for_30_lines_as_for_3(client, verifikator):
    def jumlah_query(n, kode):
        o = t.opd(kode, f"OPD {n} baris")
        op = o.operator.create(username=f"op{n}", peran="operator")
        rincian = [t.rincian(o=o, sub=f"1.02.02.2.01.{i // 3 + 1:04d}",
                             sd=("DAU", "PAD", "DBH")[i % 3], pagu=1200, ak=[100] * 12)
                   for i in range(n)]
        lap = services.laporan_untuk(o, 2025, 3)
        subs = {r.sub_kegiatan_id for r in rincian}
        _simpan(lap, op, {r.pk: D(100) for r in rincian}, {s: D(25) for s in subs})
        for s in subs:
            Permasalahan.objects.create(tahun=lap.tahun, opd=o, sub_kegiatan_id=s, bulan=3,
                                        kategori=KategoriPermasalahan.SDM, uraian="PPTK rangkap.")
        _ajukan(lap, op, waktu(2025, 4, 8))
        services.kembalikan(lap, verifikator, "Periksa lagi.", sekarang=waktu(2025, 4, 9))
        _simpan(lap, op, {r.pk: D(90) for r in rincian}, {s: D(30) for s in subs},
                pada=waktu(2025, 4, 10))
        _ajukan(lap, op, waktu(2025, 4, 12))
        client.force_login(verifikator)
        with CaptureQueriesContext(connection) as ctx:
            resp = client.get(_url(lap))
        assert resp.status_code == 200
        assert _teks(resp).count("Keuangan bulan ini") == n
        return len(ctx.captured_queries)

    assert jumlah_query(3, "9.01.0.00.0.00.01.0000") == jumlah_query(30, "9.01.0.00.0.00.02.0000")


# ---------- Actions ----------

def _aksi(client, lap, **data):
    return client.post(reverse("reporting:aksi", args=[lap.pk]), data)


def test_the_verifier_verifies_and_is_sent_back_to_the_page_with_a_message(
        client, laporan, verifikator):
    client.force_login(verifikator)
    resp = _aksi(client, laporan, tindakan="verifikasi")
    assert resp.status_code == 302 and resp.url == _url(laporan)
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIVERIFIKASI
    assert _pesan(resp) == ["Laporan Dinas Kesehatan bulan Maret 2025 telah diverifikasi "
                            "dan dikunci."]
    langkah = RiwayatLaporan.objects.filter(laporan=laporan).latest("pk")
    assert (langkah.dari, langkah.ke, langkah.oleh) == ("diajukan", "diverifikasi", verifikator)


def test_returning_needs_a_note_and_without_one_changes_nothing(client, laporan, verifikator):
    client.force_login(verifikator)
    sebelum = RiwayatLaporan.objects.count()
    resp = _aksi(client, laporan, tindakan="kembalikan", catatan="   ")
    assert resp.status_code == 302
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIAJUKAN
    assert RiwayatLaporan.objects.count() == sebelum
    [pesan] = _pesan(resp)
    assert "tidak diubah" in pesan and "Catatan pengembalian wajib diisi" in pesan

    resp = _aksi(client, laporan, tindakan="kembalikan", catatan="Fisik sub kegiatan 2 kosong.")
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIKEMBALIKAN
    assert laporan.catatan_verifikator == "Fisik sub kegiatan 2 kosong."
    assert "dikembalikan kepada operator" in _pesan(resp)[-1]


def test_a_verified_report_is_reopened_only_with_a_reason(client, laporan, verifikator):
    services.verifikasi(laporan, verifikator)
    client.force_login(verifikator)
    _aksi(client, laporan, tindakan="buka", catatan="")
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIVERIFIKASI
    resp = _aksi(client, laporan, tindakan="buka", catatan="Koreksi SP2D dari BPKAD.")
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIKEMBALIKAN
    assert RiwayatLaporan.objects.filter(laporan=laporan).latest("pk").catatan == \
        "Koreksi SP2D dari BPKAD."
    assert "dibuka kembali" in _pesan(resp)[-1]


def test_an_action_the_status_does_not_allow_is_refused_with_a_message(
        client, baris_dinkes, dinkes, verifikator):
    draf = services.laporan_untuk(dinkes, 2025, 3)
    client.force_login(verifikator)
    resp = _aksi(client, draf, tindakan="verifikasi")
    assert resp.status_code == 302
    draf.refresh_from_db()
    assert draf.status == StatusLaporan.DRAFT
    assert "Laporan berstatus Draf; tindakan ini tidak berlaku." in _pesan(resp)[0]
    resp = _aksi(client, draf, tindakan="hapus")
    assert "Tindakan “hapus” tidak dikenal." in _pesan(resp)[-1]


@pytest.mark.parametrize("siapa, status", [
    ("pimpinan", 403), ("operator_dinkes", 403), ("operator_pupr", 404),
])
def test_only_the_verifier_may_act(client, laporan, request, siapa, status):
    client.force_login(request.getfixturevalue(siapa))
    for tindakan in ("verifikasi", "kembalikan", "buka"):
        resp = _aksi(client, laporan, tindakan=tindakan, catatan="coba")
        assert resp.status_code == status
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIAJUKAN


def test_actions_are_post_only(client, laporan, verifikator):
    client.force_login(verifikator)
    assert client.get(reverse("reporting:aksi", args=[laporan.pk])).status_code == 405


def test_an_anonymous_visitor_is_sent_to_login(client, laporan):
    for url in (_url(laporan), reverse("reporting:aksi", args=[laporan.pk]),
                reverse("reporting:daftar")):
        resp = client.get(url)
        assert resp.status_code == 302 and resp.url.startswith(reverse("login"))


# ---------- The reporting home ----------

def test_the_operator_sees_their_months_with_the_open_month_highlighted(
        client, baris_dinkes, dinkes, operator_dinkes):
    r1, *_ = baris_dinkes
    ta = t.tahun(2025)
    LaporanBulanan.objects.create(tahun=ta, opd=dinkes, bulan=1, status=StatusLaporan.DIVERIFIKASI,
                                  pertama_diajukan_pada=waktu(2025, 2, 3))
    LaporanBulanan.objects.create(tahun=ta, opd=dinkes, bulan=2, status=StatusLaporan.DIKEMBALIKAN,
                                  pertama_diajukan_pada=waktu(2025, 3, 14),
                                  catatan_verifikator="Lampirkan SP2D.")
    client.force_login(operator_dinkes)
    resp = client.get(reverse("reporting:daftar"))
    assert resp.status_code == 200
    html = resp.content.decode()
    teks = _teks(resp)
    assert "Dinas Pekerjaan Umum" not in teks
    assert "Januari 10 Feb 2025 Diverifikasi Tepat waktu" in teks
    assert "Februari 10 Mar 2025 Dikembalikan Terlambat 4 hari Catatan verifikator: Lampirkan SP2D." \
        in teks
    # 20 April: March is overdue and unsubmitted; April is the month being reported
    assert "Maret 10 Apr 2025 Belum diisi Belum lapor, lewat 10 hari" in teks
    [terbuka] = re.findall(r'<tr class="baris-terbuka">\s*<th[^>]*>(\w+)', html)
    assert terbuka == "April"
    assert "Mei 10 Jun 2025 Belum dibuka" in teks
    for bulan in (1, 2, 3, 4):
        assert reverse("reporting:formulir", args=[dinkes.pk, 2025, bulan]) in html
    assert reverse("reporting:formulir", args=[dinkes.pk, 2025, 5]) not in html


def test_the_verifier_sees_the_queue_oldest_first_and_recent_decisions(
        client, laporan, baris_dinkes, pupr, operator_pupr, verifikator):
    *_, lain = baris_dinkes
    lap_pupr = services.laporan_untuk(pupr, 2025, 3)
    _simpan(lap_pupr, operator_pupr, {lain.pk: D(0)}, {lain.sub_kegiatan_id: D(0)})
    _ajukan(lap_pupr, operator_pupr, waktu(2025, 4, 11))  # before Dinkes' resubmission
    client.force_login(verifikator)
    resp = client.get(reverse("reporting:daftar"))
    antrean = _bagian(resp.content.decode(), "antrean")
    assert antrean.index("Dinas Pekerjaan Umum") < antrean.index("Dinas Kesehatan")
    assert "Dinas Kesehatan Pengajuan ke-2 Maret 12 Apr 2025, 12.00 Tepat waktu 8 hari Periksa" \
        in antrean
    assert "Terlambat 1 hari" in antrean  # PUPR, first submitted 11 April
    keputusan = _bagian(resp.content.decode(), "keputusan")
    assert "9 Apr 2025, 12.00 Dinas Kesehatan Maret Dikembalikan verif Realisasi PAD belum " \
           "sesuai SP2D." in keputusan


def test_pimpinan_sees_the_same_lists_read_only(client, laporan, pimpinan):
    client.force_login(pimpinan)
    antrean = _bagian(client.get(reverse("reporting:daftar")).content.decode(), "antrean")
    assert "Dinas Kesehatan" in antrean
    assert "Lihat" in antrean and "Periksa" not in antrean


def test_the_year_is_selectable_and_an_unknown_year_is_404(client, laporan, verifikator):
    t.rincian(o=laporan.opd, pagu=100, v=t.versi(2024))
    client.force_login(verifikator)
    resp = client.get(reverse("reporting:daftar"), {"tahun": "2024"})
    assert resp.status_code == 200
    assert "Laporan bulanan 2024" in _teks(resp)
    assert "Dinas Kesehatan" not in _bagian(resp.content.decode(), "antrean")
    assert client.get(reverse("reporting:daftar"), {"tahun": "1999"}).status_code == 404
    assert client.get(reverse("reporting:daftar"), {"tahun": "dua"}).status_code == 404


def test_the_home_takes_as_many_queries_for_30_opd_as_for_5(client, verifikator):
    def jumlah_query(n):
        ta = t.tahun(2025)
        for i in range(n):
            o = t.opd(f"7.01.0.00.0.00.{i:02d}.0000", f"Kecamatan {i:02d}")
            t.rincian(o=o, pagu=1200)
            for bulan, status in ((1, StatusLaporan.DIVERIFIKASI), (2, StatusLaporan.DIAJUKAN)):
                lap = LaporanBulanan.objects.create(
                    tahun=ta, opd=o, bulan=bulan, status=status,
                    pertama_diajukan_pada=waktu(2025, bulan + 1, 3),
                    diajukan_pada=waktu(2025, bulan + 1, 3))
                RiwayatLaporan.objects.create(laporan=lap, dari="draft", ke="diajukan",
                                              oleh=verifikator, pada=waktu(2025, bulan + 1, 3))
                if status == StatusLaporan.DIVERIFIKASI:
                    RiwayatLaporan.objects.create(laporan=lap, dari="diajukan", ke=status,
                                                  oleh=verifikator, pada=waktu(2025, 2, 5))
        client.force_login(verifikator)
        with CaptureQueriesContext(connection) as ctx:
            resp = client.get(reverse("reporting:daftar"))
        assert _teks(resp).count("Periksa laporan Kecamatan") == n
        return len(ctx.captured_queries)

    lima = jumlah_query(5)
    LaporanBulanan.objects.all().delete()
    assert jumlah_query(30) == lima


def test_the_pages_only_read(client, laporan, verifikator):
    client.force_login(verifikator)
    for url in (_url(laporan), reverse("reporting:daftar"),
                reverse("reporting:matriks", args=[2025])):
        assert client.post(url, {"tindakan": "verifikasi"}).status_code == 405
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIAJUKAN


def test_an_admin_may_act_like_the_verifier(client, laporan, admin):
    client.force_login(admin)
    _aksi(client, laporan, tindakan="verifikasi")
    laporan.refresh_from_db()
    assert laporan.status == StatusLaporan.DIVERIFIKASI


def test_the_audit_trail_leaves_out_permasalahan_closed_before_the_month(
        client, laporan, verifikator, baris_dinkes, dinkes):
    r1, *_ = baris_dinkes
    for uraian, bulan_selesai in (("Selesai di Februari.", 2), ("Selesai di Maret.", 3)):
        Permasalahan.objects.create(
            tahun=laporan.tahun, opd=dinkes, sub_kegiatan_id=r1.sub_kegiatan_id, bulan=1,
            kategori=KategoriPermasalahan.CUACA, uraian=uraian, status="selesai",
            bulan_selesai=bulan_selesai)
    client.force_login(verifikator)
    jejak = _bagian(client.get(_url(laporan)).content.decode(), "jejak-audit")
    assert "Selesai di Maret." in jejak
    assert "Selesai di Februari." not in jejak


def test_the_summary_card_and_the_table_show_the_same_fisik(
        client, baris_dinkes, dinkes, operator_dinkes, verifikator):
    """Finding 3: the table showed "–" for a sub kegiatan whose blank fisik the card counted
    with last month's value."""
    r1, r2, r3, _ = baris_dinkes
    t.fisik(dinkes, "1.02.02.2.01.0001", 2, realisasi=40, target=45)
    lap = services.laporan_untuk(dinkes, 2025, 3)
    _simpan(lap, operator_dinkes, {r1.pk: D(100)}, {r3.sub_kegiatan_id: D(10)})
    client.force_login(verifikator)
    html = client.get(_url(lap)).content.decode()
    # (1.800 × 40 + 2.400 × 10) / 4.200
    assert "Realisasi fisik 22,86%" in _bagian(html, "angka-laporan")
    assert "termasuk isian draf operator yang belum diajukan" in _bagian(html, "angka-laporan")
    rincian = _bagian(html, "rincian")
    assert "1.02.02.2.01.0001 Sub Kegiatan 1.02.02.2.01.0001 1.800,00" in rincian
    assert "40,00% belum diisi; dihitung fisik bulan lalu · target –" in rincian
    assert "10,00% target" in rincian
    assert "Jumlah 4.200,00 450,00 100,00 400,00 88,89% 22,86%" in rincian
