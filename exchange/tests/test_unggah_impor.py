"""Import in the browser: upload → preview (dry run) → confirm, for the verifier only."""

import csv
import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget.models import BULAN_AK, PaguAnggaran, RealisasiKeuangan
from exchange.views import KUNCI_SESI

from .bantu import (
    KOLOM_ANGGARAN,
    KOLOM_FISIK,
    KOLOM_REALISASI,
    OPD,
    SUB,
    baris_anggaran,
    keadaan,
)

D = Decimal


@pytest.fixture(autouse=True)
def folder_data(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path / "unggah"


@pytest.fixture
def operator(apbd):
    u = buat_pengguna("op.dinkes", Peran.OPERATOR, apbd["opd"])
    return u


@pytest.fixture
def masuk(client, verifikator):
    client.force_login(verifikator)
    return client


def teks(resp) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", resp.content.decode())))


def csv_berkas(baris, judul=KOLOM_REALISASI, nama="realisasi.csv") -> SimpleUploadedFile:
    f = io.StringIO()
    w = csv.writer(f, lineterminator="\n")
    w.writerow(judul)
    w.writerows(baris)
    return SimpleUploadedFile(nama, f.getvalue().encode(), content_type="text/csv")


def unggah(client, berkas, **lain):
    data = {"jenis": "realisasi", "tahun": "2025", "angka": "polos", "berkas": berkas, **lain}
    return client.post(reverse("exchange:impor"), data)


def token_dari(resp) -> str:
    assert resp.status_code == 302, resp.content.decode()[:500]
    m = re.fullmatch(r"/impor/([0-9a-f]{32})/", resp.url)
    assert m, resp.url
    return m.group(1)


BAIK = [[OPD, SUB, "DAU", "5.1.02", "1", "150.00"], [OPD, SUB, "DAU", "5.1.02", "2", "200.00"]]


def test_the_preview_shows_what_will_change_and_writes_nothing(masuk, apbd, folder_data,
                                                               django_assert_max_num_queries):
    sebelum = keadaan()
    token = token_dari(unggah(masuk, csv_berkas(BAIK)))
    assert (folder_data / f"{token}.csv").is_file()

    with django_assert_max_num_queries(16):
        resp = masuk.get(reverse("exchange:pratinjau", args=[token]))

    assert resp.status_code == 200
    halaman = teks(resp)
    assert "Realisasi keuangan 1 1 0" in halaman  # baru, berubah, tetap
    assert "Konfirmasi dan simpan" in halaman
    assert keadaan() == sebelum


def test_a_file_with_more_errors_than_are_listed_says_how_many_there_are(masuk, apbd):
    """The list stops at 1,000 errors; the page still counts them all."""
    token = token_dari(unggah(masuk, csv_berkas(
        [[OPD, SUB, "DAU", "5.1.02", "13", "1"] for _ in range(1_005)])))
    resp = masuk.get(reverse("exchange:pratinjau", args=[token]))
    assert resp.status_code == 422
    assert "Berkas ditolak: 1005 kesalahan" in teks(resp)


def test_a_file_with_one_bad_row_shows_every_error_and_writes_nothing(masuk, apbd):
    sebelum = keadaan()
    token = token_dari(unggah(masuk, csv_berkas(
        [BAIK[0], [OPD, SUB, "DAU", "5.1.02", "13", "1,5"]])))

    resp = masuk.get(reverse("exchange:pratinjau", args=[token]))

    assert resp.status_code == 422
    halaman = teks(resp)
    assert "Berkas ditolak: 2 kesalahan" in halaman
    assert "3 bulan 13" in halaman  # row 3, column bulan, the value
    assert "realisasi 1,5" in halaman
    assert "Konfirmasi dan simpan" not in halaman
    assert "Unduh daftar galat (CSV)" in halaman
    assert keadaan() == sebelum


def test_the_error_list_downloads_as_csv_naming_row_column_value_and_reason(masuk, apbd):
    token = token_dari(unggah(masuk, csv_berkas([[OPD, SUB, "DAU", "5.1.02", "13", "=1+1"]])))

    resp = masuk.get(reverse("exchange:galat_csv", args=[token]))

    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/csv")
    baris = list(csv.reader(io.StringIO(b"".join(resp.streaming_content).decode("utf-8-sig"))))
    assert baris[0] == ["baris", "kolom", "nilai", "alasan"]
    assert [b[:3] for b in baris[1:]] == [["2", "bulan", "13"], ["2", "realisasi", "'=1+1"]]
    assert all(b[3] for b in baris[1:])


def test_confirming_imports_the_same_file_and_removes_it(masuk, apbd, folder_data):
    token = token_dari(unggah(masuk, csv_berkas(BAIK)))
    masuk.get(reverse("exchange:pratinjau", args=[token]))

    resp = masuk.post(reverse("exchange:konfirmasi", args=[token]))
    assert resp.status_code == 302 and resp.url == reverse("exchange:hasil", args=[token])
    resp = masuk.get(resp.url)  # the background job has run (at once, in the tests)

    assert resp.status_code == 200
    assert "Impor tersimpan" in teks(resp)
    assert dict(RealisasiKeuangan.objects.values_list("bulan", "jumlah")) == {
        1: D("150.00"), 2: D("200.00")}
    assert not (folder_data / f"{token}.csv").exists()
    assert token not in masuk.session.get(KUNCI_SESI, {})
    # the token is spent: confirming again does nothing
    again = masuk.post(reverse("exchange:konfirmasi", args=[token]))
    assert again.status_code == 302 and again.url == reverse("exchange:impor")


def test_reimporting_the_same_file_says_no_change(masuk, apbd):
    token = token_dari(unggah(masuk, csv_berkas(BAIK)))
    masuk.post(reverse("exchange:konfirmasi", args=[token]), follow=True)
    sebelum = keadaan()

    token = token_dari(unggah(masuk, csv_berkas(BAIK)))
    pratinjau = masuk.get(reverse("exchange:pratinjau", args=[token]))
    hasil = masuk.post(reverse("exchange:konfirmasi", args=[token]), follow=True)

    assert "Tidak ada perubahan" in teks(pratinjau)
    assert "Konfirmasi dan simpan" not in teks(pratinjau)
    assert "Tidak ada perubahan" in teks(hasil)
    assert "Realisasi keuangan 0 0 2" in teks(hasil)
    assert keadaan() == sebelum


def test_a_database_change_after_the_preview_is_validated_again_on_confirm(masuk, apbd):
    token = token_dari(unggah(masuk, csv_berkas(BAIK)))
    assert masuk.get(reverse("exchange:pratinjau", args=[token])).status_code == 200
    PaguAnggaran.objects.filter(rincian=apbd["r1"]).update(
        pagu=D("240.00"), **{b: D("20.00") for b in BULAN_AK})
    sebelum = keadaan()

    resp = masuk.post(reverse("exchange:konfirmasi", args=[token]), follow=True)

    assert resp.status_code == 422
    assert "Data di aplikasi berubah sejak pratinjau" in teks(resp)
    assert "melebihi pagu" in teks(resp)
    assert keadaan() == sebelum


def test_another_users_upload_cannot_be_previewed_confirmed_or_abandoned(masuk, apbd,
                                                                          folder_data):
    token = token_dari(unggah(masuk, csv_berkas(BAIK)))
    lain = Client()
    lain.force_login(buat_pengguna("verif2", Peran.VERIFIKATOR))
    sebelum = keadaan()

    for resp in (lain.get(reverse("exchange:pratinjau", args=[token])),
                 lain.get(reverse("exchange:galat_csv", args=[token])),
                 lain.post(reverse("exchange:konfirmasi", args=[token])),
                 lain.post(reverse("exchange:batal", args=[token]))):
        assert resp.status_code == 302 and resp.url == reverse("exchange:impor")

    assert keadaan() == sebelum
    assert (folder_data / f"{token}.csv").is_file()


def test_abandoning_deletes_the_uploaded_file(masuk, apbd, folder_data):
    token = token_dari(unggah(masuk, csv_berkas(BAIK)))

    resp = masuk.post(reverse("exchange:batal", args=[token]))

    assert resp.status_code == 302
    assert list(folder_data.iterdir()) == []


def test_old_uploads_are_removed_by_the_next_upload(masuk, apbd, folder_data):
    import os
    import time

    token = token_dari(unggah(masuk, csv_berkas(BAIK)))
    lama = folder_data / f"{token}.csv"
    os.utime(lama, (time.time() - 3 * 3600,) * 2)

    baru = token_dari(unggah(masuk, csv_berkas(BAIK)))

    assert not lama.exists()
    assert (folder_data / f"{baru}.csv").is_file()


def test_an_oversize_file_is_refused_before_it_is_stored(masuk, apbd, settings, folder_data):
    settings.SIAP_BATAS_UNGGAH_MB = 1
    besar = SimpleUploadedFile("besar.csv", b"x" * (1024 * 1024 + 1))

    resp = unggah(masuk, besar)

    assert resp.status_code == 422
    assert "melebihi batas unggah 1 MB" in teks(resp)
    assert not folder_data.exists() or list(folder_data.iterdir()) == []


def test_anggaran_needs_versi_and_berlaku_and_masters_only_with_the_checkbox(masuk, apbd):
    kosong = unggah(masuk, csv_berkas([baris_anggaran()], KOLOM_ANGGARAN), jenis="anggaran")
    assert kosong.status_code == 422
    assert "Impor anggaran membutuhkan versi anggaran." in teks(kosong)

    baru = baris_anggaran(opd="1.02.0.00.0.00.02.0000", nama_opd="Puskesmas Baru")
    param = {"jenis": "anggaran", "versi": "murni", "berlaku": "2025-01-01"}
    token = token_dari(unggah(masuk, csv_berkas([baru], KOLOM_ANGGARAN), **param))
    tanpa = masuk.get(reverse("exchange:pratinjau", args=[token]))
    assert tanpa.status_code == 422
    assert "kode perangkat daerah tidak dikenal" in teks(tanpa)

    token = token_dari(unggah(masuk, csv_berkas([baru], KOLOM_ANGGARAN), buat_master="on",
                              **param))
    dengan = masuk.get(reverse("exchange:pratinjau", args=[token]))
    assert dengan.status_code == 200
    assert "Perangkat daerah 1 0 0" in teks(dengan)
    masuk.post(reverse("exchange:konfirmasi", args=[token]))
    assert PaguAnggaran.objects.filter(rincian__opd__kode="1.02.0.00.0.00.02.0000").count() == 1


@pytest.mark.parametrize(("jenis", "kolom"), [("anggaran", KOLOM_ANGGARAN),
                                               ("realisasi", KOLOM_REALISASI),
                                               ("fisik", KOLOM_FISIK)])
def test_templates_carry_the_header_the_import_expects(masuk, jenis, kolom):
    isi_csv = masuk.get(reverse("exchange:templat", args=[jenis, "csv"]))
    isi_xlsx = masuk.get(reverse("exchange:templat", args=[jenis, "xlsx"]))

    assert isi_csv.content.decode().splitlines() == [",".join(kolom)]
    ws = load_workbook(io.BytesIO(isi_xlsx.content)).active
    assert [c.value for c in ws[1]] == list(kolom)
    assert ws.max_row == 1


def test_an_unknown_template_is_404(masuk):
    assert masuk.get(reverse("exchange:templat", args=["pegawai", "csv"])).status_code == 404


def test_operators_are_refused_everywhere(client, operator, verifikator, apbd):
    v = Client()
    v.force_login(verifikator)
    token = token_dari(unggah(v, csv_berkas(BAIK)))
    client.force_login(operator)
    sebelum = keadaan()

    for resp in (client.get(reverse("exchange:impor")),
                 unggah(client, csv_berkas(BAIK)),
                 client.get(reverse("exchange:templat", args=["realisasi", "csv"])),
                 client.get(reverse("exchange:pratinjau", args=[token])),
                 client.get(reverse("exchange:galat_csv", args=[token])),
                 client.post(reverse("exchange:konfirmasi", args=[token]))):
        assert resp.status_code == 403
    assert keadaan() == sebelum
    daftar = client.get(reverse("reporting:daftar")).content.decode()
    assert f'href="{reverse("exchange:impor")}"' not in daftar


def test_the_verifier_sees_the_nav_link_and_the_form(masuk):
    resp = masuk.get(reverse("exchange:impor"))
    assert resp.status_code == 200
    halaman = teks(resp)
    assert "Impor data" in halaman and "Buat master baru" in halaman
    assert f'href="{reverse("exchange:impor")}"' in resp.content.decode()  # the nav link
    assert reverse("exchange:templat", args=["anggaran", "xlsx"]) in resp.content.decode()
