"""Hostile lembar isian (issue #13): an operator uploads, for their own report, a sheet built to
exhaust the worker — a million rows behind their own identity, 20 million blank rows, one huge
shared string. Each is refused on the report page with a message naming the bound and its
setting, in bounded memory and time, and the report is unchanged."""

import time
import tracemalloc

import pytest
import time_machine
from django.urls import reverse

from exchange.tests import bermusuhan
from reporting.lembar import KOLOM_FISIK, KOLOM_REALISASI

from .conftest import waktu
from .test_lembar_isian import keadaan, teks, url_unggah

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def maret():
    with time_machine.travel(waktu(2025, 3, 5), tick=False):
        yield


def _unggah(client, operator, opd, path, memori=True):
    """(page text, seconds, tracemalloc peak) of uploading ``path``; tracemalloc slows Python
    down several times, so a case about time alone can leave it off."""
    client.force_login(operator)
    client.get(reverse("reporting:formulir", args=[opd.pk, 2025, 3]))  # the report exists
    sebelum = keadaan()
    if memori:
        tracemalloc.start()
    mulai = time.monotonic()
    try:
        with open(path, "rb") as f:
            resp = client.post(url_unggah(opd), {"lembar": f})
    finally:
        detik = time.monotonic() - mulai
        puncak = tracemalloc.get_traced_memory()[1] if memori else 0
        tracemalloc.stop()
    assert resp.status_code == 422
    assert keadaan() == sebelum
    return teks(resp), detik, puncak


def _lembar(path, opd, **kw):
    identitas = {"kode_opd": opd.kode, "nama_opd": opd.nama, "tahun": 2025, "bulan": 3,
                 "revisi": 0}
    bermusuhan.lembar_isian(path, identitas, [k for k, _ in KOLOM_REALISASI],
                            [k for k, _ in KOLOM_FISIK], **kw)
    return path


def test_a_million_rows_behind_the_operators_identity(client, operator_dinkes, baris_dinkes,
                                                      tmp_path, settings):
    """Refused by the compression ratio of its sheet; with that bound raised, by the number of
    rows as they stream."""
    opd = baris_dinkes[0].opd
    p = _lembar(tmp_path / "juta.xlsx", opd, baris=1_000_000)
    assert p.stat().st_size < 1536 * 1024
    halaman, detik, puncak = _unggah(client, operator_dinkes, opd, p)
    assert "melebihi batas 100:1 (SIAP_XLSX_RASIO)" in halaman
    assert detik < 5 and puncak < 16 * MB

    settings.SIAP_XLSX_RASIO = 100_000
    halaman, detik, _ = _unggah(client, operator_dinkes, opd, p, memori=False)
    assert ("Lembar isian ditolak: lembar 'Realisasi' berlanjut sampai baris 200.001: melebihi "
            "batas 200.000 baris (SIAP_IMPOR_BARIS)") in halaman
    assert detik < 20


def test_the_errors_of_a_sheet_within_the_bounds_are_capped(client, operator_dinkes,
                                                            baris_dinkes, tmp_path, settings):
    settings.SIAP_XLSX_RASIO = 100_000
    opd = baris_dinkes[0].opd
    p = _lembar(tmp_path / "salah.xlsx", opd, baris=50_000)
    halaman, _, _ = _unggah(client, operator_dinkes, opd, p, memori=False)
    assert halaman.count("rincian ini tidak ada pada laporan ini") == 200
    assert "… dan 49.800 galat lainnya tidak ditampilkan" in halaman


def test_twenty_million_blank_rows(client, operator_dinkes, baris_dinkes, tmp_path):
    opd = baris_dinkes[0].opd
    p = _lembar(tmp_path / "kosong.xlsx", opd, baris_kosong=20_000_000)
    assert p.stat().st_size < 400 * 1024
    halaman, detik, puncak = _unggah(client, operator_dinkes, opd, p)
    assert "melebihi batas 100 MB (SIAP_XLSX_BAGIAN_MB)" in halaman
    assert detik < 5 and puncak < 16 * MB


def test_one_huge_shared_string(client, operator_dinkes, baris_dinkes, tmp_path, settings):
    """1,5 GB of one string in 1,4 MB; refused by its declared size, and — with that bound
    raised — by its length as it streams."""
    opd = baris_dinkes[0].opd
    p = _lembar(tmp_path / "teks.xlsx", opd, teks_mb=1500)
    assert p.stat().st_size < 3 * MB
    halaman, detik, puncak = _unggah(client, operator_dinkes, opd, p)
    assert "sharedStrings.xml berukuran 1.430,5 MB setelah dibuka" in halaman
    assert detik < 5 and puncak < 16 * MB

    settings.SIAP_XLSX_BAGIAN_MB, settings.SIAP_XLSX_RASIO = 4096, 100_000
    halaman, detik, puncak = _unggah(client, operator_dinkes, opd, p)
    assert ("teks bersama ke-2 (sharedStrings.xml) lebih dari 32.767 karakter: melebihi batas "
            "32.767 karakter (SIAP_IMPOR_SEL)") in halaman
    assert detik < 5 and puncak < 16 * MB
