"""Downloading the Rakor POP pack (leaders only) and ``siap rakor`` writing it to files."""

from __future__ import annotations

import io
import os

import openpyxl
import pypdf
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Peran
from accounts.testing import buat_pengguna
from budget import testing as t
from budget.models import Pemda
from evaluation.management.commands.rakor import tulis_atomik
from evaluation.paket import paket_rakor
from tests import sistem

pytestmark = pytest.mark.django_db

PERIODE = {"tahun": 2025, "bulan": 1}


def url(fmt: str) -> str:
    return reverse("evaluation:rakor_unduh", args=[fmt])


def ambil(client, fmt: str, periode=PERIODE):
    """The PDF/XLSX through its background job (run at once in the tests): the download link
    sends to the job's page, which offers the file."""
    r = client.get(url(fmt), periode)
    assert r.status_code == 302 and r["Location"].startswith("/tugas/"), r
    halaman = client.get(r["Location"])
    assert f'href="{r["Location"]}unduh/"' in halaman.content.decode()
    berkas = client.get(r["Location"] + "unduh/")
    berkas.isi = b"".join(berkas.streaming_content)
    return berkas


@pytest.fixture
def data(db):
    Pemda.objects.create(nama="Kabupaten Contoh", ibu_kota="Kota Contoh")
    o = t.opd()
    lain = t.opd(kode="1.03.0.00.0.00.01.0000", nama="Dinas Pekerjaan Umum")
    t.rincian(o=o, pagu=1200, realisasi={1: 100})
    t.rincian(o=lain, sd="DAK_FISIK", jb="5.2.03", sub="1.03.02.2.01.0002", pagu=2400,
              realisasi={1: 10})
    return o


@pytest.fixture
def operator(client, data):
    u = buat_pengguna("op", Peran.OPERATOR, data)
    client.force_login(u)
    return client


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv"])
def test_an_operator_gets_403_for_every_format(operator, fmt):
    # The pack covers every OPD; an operator sees only their own.
    assert operator.get(url(fmt), PERIODE).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, data):
    r = client.get(url("pdf"), PERIODE)
    assert r.status_code == 302 and r["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("peran", [Peran.VERIFIKATOR, Peran.PIMPINAN, Peran.ADMIN])
def test_leaders_download_the_xlsx_and_csv(client, data, peran):
    client.force_login(buat_pengguna("u", peran))
    r = ambil(client, "xlsx")
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="rakor-pop-2025-01.xlsx"'
    wb = openpyxl.load_workbook(io.BytesIO(r.isi))
    ws = wb["Peringkat OPD"]
    names = {row[2]: row for row in ws.iter_rows(min_row=5, values_only=True)}
    assert names["Dinas Kesehatan"][5] == 100 and names["Dinas Pekerjaan Umum"][5] == 10
    assert names["Total pemda"][3] == 3600
    r = client.get(url("csv"), PERIODE)
    assert r["Content-Type"].startswith("text/csv")
    assert r.content.decode().splitlines()[-1].split(",")[2] == "TOTAL PEMDA"


def test_a_leader_downloads_the_pdf(client, data, pimpinan):
    sistem.weasyprint()
    client.force_login(pimpinan)
    r = ambil(client, "pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == 'attachment; filename="rakor-pop-2025-01.pdf"'
    pdf = pypdf.PdfReader(io.BytesIO(r.isi))
    teks = " ".join(h.extract_text() for h in pdf.pages)
    assert "KABUPATEN CONTOH" in teks and "TW I Tahun Anggaran 2025" in teks
    assert "Kota Contoh," in teks and "Sekretaris Daerah" in teks


def test_an_unknown_format_or_period_is_refused_in_indonesian(client, data, pimpinan):
    client.force_login(pimpinan)
    assert client.get(url("docx"), PERIODE).status_code == 404
    r = client.get(url("xlsx"), {"tahun": 2025, "bulan": 13})
    assert r.status_code == 400 and "Bulan “13” tidak dikenali" in r.content.decode()
    assert client.get(url("xlsx"), {"tahun": 2031, "bulan": 1}).status_code == 404


def test_the_bahan_rakor_page_and_the_dashboard_link_the_downloads_for_leaders(client, data, pimpinan):
    client.force_login(pimpinan)
    html = client.get(reverse("evaluation:bahan_rakor"), PERIODE).content.decode()
    for fmt in ("pdf", "xlsx", "csv"):
        assert f'"{url(fmt)}"' in html
    assert '<input type="hidden" name="tahun" value="2025">' in html
    assert '<input type="hidden" name="bulan" value="1">' in html
    assert url("pdf") in client.get(reverse("evaluation:dasbor"), PERIODE).content.decode()


def test_the_dashboard_does_not_offer_the_pack_to_an_operator(operator):
    html = operator.get(reverse("evaluation:dasbor"), PERIODE).content.decode()
    assert url("pdf") not in html and url("xlsx") not in html


def _tambah_opd(dari: int, sampai: int) -> None:
    for i in range(dari, sampai):
        o = t.opd(kode=f"1.{i:02d}.0.00.0.00.01.0000", nama=f"Dinas {i}")
        t.rincian(o=o, sub=f"1.{i:02d}.02.2.01.0001", pagu=1000 * i, realisasi={1: 10 * i})
        t.rincian(o=o, sub=f"1.{i:02d}.02.2.01.0002", pagu=500 * i, realisasi={1: 0})


def test_the_pack_query_count_does_not_grow_with_the_data(data, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _tambah_opd(4, 6)
    with CaptureQueriesContext(connection) as sedikit:
        paket_rakor(2025, 1)
    _tambah_opd(6, 16)
    with django_assert_num_queries(len(sedikit.captured_queries)):
        paket = paket_rakor(2025, 1)
    assert len(paket.opd) == 14


# --- siap rakor --------------------------------------------------------------------------------


def test_the_cli_writes_the_three_files(data, tmp_path, capsys):
    sistem.weasyprint()
    berkas = {f: tmp_path / f"rakor.{f}" for f in ("pdf", "xlsx", "csv")}
    call_command("rakor", tahun=2025, bulan=1, **berkas)
    assert berkas["pdf"].read_bytes()[:5] == b"%PDF-"
    assert len(pypdf.PdfReader(berkas["pdf"]).pages) >= 3
    wb = openpyxl.load_workbook(berkas["xlsx"])
    assert "Peringkat OPD" in wb.sheetnames
    csv_teks = berkas["csv"].read_text(encoding="utf-8")
    assert csv_teks.startswith("peringkat,kode,nama,pagu") and "TOTAL PEMDA" in csv_teks
    keluar = capsys.readouterr().out
    assert "PDF ditulis" in keluar and "XLSX ditulis" in keluar and "CSV ditulis" in keluar
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rakor.csv", "rakor.pdf", "rakor.xlsx"]


def test_the_cli_csv_is_the_download(client, data, tmp_path, pimpinan):
    call_command("rakor", tahun=2025, bulan=1, csv=tmp_path / "r.csv")
    client.force_login(pimpinan)
    assert (tmp_path / "r.csv").read_bytes() == client.get(url("csv"), PERIODE).content


@pytest.mark.parametrize(("argumen", "pesan"), [
    ({}, "Sebutkan paling sedikit satu berkas keluaran"),
    ({"bulan": 13, "csv": "x.csv"}, "--bulan harus 1 sampai 12"),
    ({"tahun": 2031, "csv": "x.csv"}, "Tahun anggaran 2031 belum ada"),
    ({"csv": "/tidak/ada/x.csv"}, "Folder /tidak/ada untuk berkas --csv tidak ada"),
])
def test_the_cli_refuses_in_indonesian(data, argumen, pesan):
    from pathlib import Path

    kw = {"tahun": 2025, "bulan": 1, **argumen}
    if "csv" in kw:
        kw["csv"] = Path(kw["csv"])
    with pytest.raises(CommandError, match=pesan):
        call_command("rakor", **kw)


def test_writing_is_atomic(tmp_path, monkeypatch):
    tujuan = tmp_path / "rakor.pdf"
    tujuan.write_bytes(b"lama")

    def gagal(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", gagal)
    with pytest.raises(OSError):
        tulis_atomik(tujuan, b"baru")
    assert tujuan.read_bytes() == b"lama"  # the old file is untouched …
    assert [p.name for p in tmp_path.iterdir()] == ["rakor.pdf"]  # … and no temp file is left
    monkeypatch.undo()
    tulis_atomik(tujuan, b"baru")
    assert tujuan.read_bytes() == b"baru"
