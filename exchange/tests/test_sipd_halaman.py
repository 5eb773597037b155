"""The SIPD pages: upload → (mapping) → preview per OPD → confirm; reconciliation with the
verifier's acceptance; the pieces on the verifier page, the operator form and the dashboard."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Peran, User
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import RealisasiKeuangan
from exchange.sipd.models import ImporSipd, PemetaanKolomSipd, SipdDiterima
from reporting import draf, services
from reporting.models import RiwayatLaporan, StatusLaporan

from .bantu import OPD, SUB
from .sipd_bantu import D, buat_apbd, standar, tulis


@pytest.fixture(autouse=True)
def waktu():
    with time_machine.travel(timezone.make_aware(datetime.datetime(2025, 11, 5, 10)), tick=False):
        yield


@pytest.fixture
def anggaran(db):
    return buat_apbd()


@pytest.fixture
def verifikator(db):
    return User.objects.create_user("verif", password="x", peran=Peran.VERIFIKATOR,
                                    first_name="Vera")


@pytest.fixture
def operator(anggaran):
    u = buat_pengguna("op.dinkes", Peran.OPERATOR, anggaran["opd"])
    return u


def _unggah(client, path, **isi):
    with open(path, "rb") as f:
        return client.post(reverse("sipd:impor"), {"jenis": "realisasi", "tanggal": "2025-10-31",
                                                   "angka": "polos", "berkas": f, **isi})


def _token(resp):
    return re.search(r"/impor/sipd/([0-9a-f]{32})/", resp["Location"]).group(1)


def _impor(client, tmp_path, rows=None):
    resp = _unggah(client, tulis(tmp_path / "sipd.csv", rows or standar()))
    token = _token(resp)
    pratinjau = client.get(reverse("sipd:pratinjau", args=[token]))
    assert pratinjau.status_code == 200
    hasil = client.post(reverse("sipd:konfirmasi", args=[token]))
    assert hasil.status_code == 200
    return pratinjau, hasil


def test_upload_preview_per_opd_and_confirm(client, anggaran, verifikator, tmp_path):
    client.force_login(verifikator)
    pratinjau, hasil = _impor(client, tmp_path)
    isi = pratinjau.content.decode()
    assert "Dinas Kesehatan" in isi and "600,00" in isi and "1.450,00" in isi  # before / SIPD
    assert "Pembagian ke sumber dana" in isi and "441,18" in isi
    assert "Konfirmasi dan simpan" in isi
    assert "Impor SIPD tersimpan" in hasil.content.decode()
    log = ImporSipd.objects.get()
    assert log.oleh == verifikator and log.nama_berkas == "sipd.csv"
    assert RealisasiKeuangan.objects.get(rincian=anggaran["modal"], bulan=10).jumlah == D(250)
    riwayat = client.get(reverse("sipd:riwayat")).content.decode()
    assert log.sha256[:16] in riwayat and "Vera" in riwayat


def test_errors_are_listed_with_a_link_to_map_the_unknown_sub_unit(client, anggaran, verifikator,
                                                                   tmp_path):
    client.force_login(verifikator)
    rows = standar()
    rows[0]["KODE SKPD"] = rows[0]["KODE SUB UNIT"] = "9.99.0.00.0.00.01.0000"
    resp = client.get(reverse("sipd:pratinjau", args=[_token(_unggah(
        client, tulis(tmp_path / "sipd.csv", rows)))]))
    assert resp.status_code == 422
    isi = resp.content.decode()
    assert "9.99.0.00.0.00.01.0000" in isi and "bukan perangkat daerah di SIAP" in isi
    assert "/impor/sipd/unit/?kode=9.99.0.00.0.00.01.0000" in isi
    assert not ImporSipd.objects.exists()


def test_unknown_headers_are_mapped_once_and_recognised_next_time(client, anggaran,
                                                                  verifikator, tmp_path):
    client.force_login(verifikator)
    judul = ["Kd Unit", "Kd Subkeg", "Kd Rek", "Real s.d. Rp"]
    rows = [{"Kd Unit": OPD, "Kd Subkeg": SUB, "Kd Rek": r["KODE REKENING"],
             "Real s.d. Rp": r["REALISASI"]} for r in standar()]
    p = tulis(tmp_path / "aneh.csv", rows, judul)
    token = _token(_unggah(client, p))
    resp = client.get(reverse("sipd:pratinjau", args=[token]))
    assert resp["Location"] == reverse("sipd:pemetaan", args=[token, "utama"])
    halaman = client.get(resp["Location"])
    pilih = {f.name: f.value() for f in halaman.context["form"].medan_terpilih()}
    assert (pilih["m_kode_sub_unit"], pilih["m_realisasi"]) == ("0", "3")  # guessed
    kurang = client.post(resp["Location"], {"m_kode_sub_unit": "0", "simpan": "on"})
    assert kurang.status_code == 422 and "Belum dipetakan: kode sub kegiatan" in \
        kurang.content.decode()
    client.post(resp["Location"], {"m_kode_sub_unit": "0", "m_kode_sub_kegiatan": "1",
                                   "m_kode_rekening": "2", "m_realisasi": "3", "simpan": "on"})
    assert client.get(reverse("sipd:pratinjau", args=[token])).status_code == 200
    assert PemetaanKolomSipd.objects.get().posisi["realisasi"] == 3
    lagi = _token(_unggah(client, p))
    assert client.get(reverse("sipd:pratinjau", args=[lagi])).status_code == 200


def _laporan_berbeda(anggaran, operator):
    """The operator's submitted October report says 300 on the 5.2.02 line where SIPD says
    250. (Submitted directly: a save alone is a draft, which no figure reads, and the full
    submission checks are not this test's subject.)"""
    lap = services.laporan_untuk(anggaran["opd"], 2025, 10)
    services.simpan(lap, operator, revisi=lap.revisi, realisasi={anggaran["modal"].pk: D(300)},
                    fisik={})
    lap.refresh_from_db()
    draf.terbitkan(lap, operator, timezone.now())
    lap.status = StatusLaporan.DIAJUKAN
    lap.save()
    return lap


def test_reconciliation_highlight_prefill_and_acceptance(client, anggaran, verifikator,
                                                         operator, tmp_path):
    client.force_login(verifikator)
    _impor(client, tmp_path)
    # while the operator fills the month, the form offers SIPD's amounts
    client.force_login(operator)
    formulir = client.get(reverse("reporting:formulir", args=[anggaran["opd"].pk, 2025, 10]))
    isi = formulir.content.decode()
    assert "Isi dengan angka SIPD" in isi
    assert f'data-rincian="{anggaran["modal"].pk}" data-nilai="250,00"' in isi
    client.force_login(verifikator)
    lap = _laporan_berbeda(anggaran, operator)

    rekon = client.get(reverse("sipd:rekonsiliasi") + "?tahun=2025&bulan=10").content.decode()
    assert "1 perangkat daerah berbeda dengan SIPD" in rekon and "50,00" in rekon
    periksa = client.get(reverse("reporting:pemeriksaan", args=[lap.pk])).content.decode()
    assert "1 dari 3 rincian berbeda dengan SIPD" in periksa
    assert "Terima angka SIPD ke laporan ini" in periksa

    client.force_login(operator)
    assert client.post(reverse("sipd:terima", args=[lap.pk])).status_code == 403

    client.force_login(verifikator)
    resp = client.post(reverse("sipd:terima", args=[lap.pk]))
    assert resp["Location"] == reverse("reporting:pemeriksaan", args=[lap.pk])
    assert RealisasiKeuangan.objects.get(rincian=anggaran["modal"], bulan=10).jumlah == D(250)
    d = SipdDiterima.objects.get()
    assert (d.jumlah_rincian, d.sebelum, d.sesudah, d.oleh) == (1, D(900), D(850), verifikator)
    catatan = RiwayatLaporan.objects.filter(laporan=lap).latest("pk").catatan
    assert catatan.startswith("Realisasi diganti dengan angka SIPD s.d. 31 Oktober 2025")
    assert "1 rincian" in catatan
    assert "Semua perangkat daerah sama dengan SIPD" in client.get(
        reverse("sipd:rekonsiliasi") + "?tahun=2025&bulan=10").content.decode()


def test_the_dashboard_says_where_the_realisasi_comes_from(client, anggaran, verifikator,
                                                           tmp_path):
    client.force_login(verifikator)
    _impor(client, tmp_path)
    isi = client.get(reverse("evaluation:dasbor") + "?tahun=2025&bulan=10").content.decode()
    assert "Realisasi per SIPD s.d. 31 Oktober 2025, diimpor 5 November." in isi


def test_the_reconciliation_page_costs_the_same_queries_for_more_opd(client, anggaran,
                                                                     verifikator, tmp_path):
    client.force_login(verifikator)
    _impor(client, tmp_path)
    url = reverse("sipd:rekonsiliasi") + "?tahun=2025&bulan=10"

    def hitung():
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        return len(q)

    sedikit = hitung()
    for i in range(2, 7):
        o = t.opd(f"1.02.0.00.0.00.0{i}.0000", f"UPTD {i}")
        t.rincian(o=o, sub=SUB, pagu=100, realisasi={10: 5}, v=anggaran["versi"])
        services.laporan_untuk(o, 2025, 10)
    assert hitung() == sedikit


def test_sub_unit_mapping_page(client, anggaran, verifikator):
    client.force_login(verifikator)
    resp = client.post(reverse("sipd:unit"), {"kode": "1.02.0.00.0.00.01.0009", "nama": "X",
                                             "opd": anggaran["opd"].pk})
    assert resp.status_code == 302
    isi = client.get(reverse("sipd:unit")).content.decode()
    assert "1.02.0.00.0.00.01.0009" in isi
