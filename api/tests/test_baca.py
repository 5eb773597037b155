import io
import json

import pytest
from django.core.management import call_command

from budget import testing as t

from .conftest import auth


def _rekap_cli() -> dict:
    out = io.StringIO()
    call_command("rekap", "--tahun", "2025", "--bulan", "3", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_rekap_is_exactly_the_clis_json_for_a_verifier(client, sampel,
                                                          django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        resp = client.get("/api/rekap?tahun=2025&bulan=3", headers=auth(sampel, sampel.verifikator))
    assert resp.status_code == 200
    assert resp.json() == _rekap_cli()
    assert resp.json()["realisasi"] == "650.25"  # money as a string, to the sen


def test_an_operator_gets_the_pemda_total_and_only_their_own_opd_row(client, sampel,
                                                                    django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        resp = client.get("/api/rekap?tahun=2025&bulan=3", headers=auth(sampel, sampel.operator_a))
    data, cli = resp.json(), _rekap_cli()
    assert resp.status_code == 200
    assert [o["kode"] for o in data["opd"]] == [sampel.opd_a.kode]
    assert data["opd"][0] == next(o for o in cli["opd"] if o["kode"] == sampel.opd_a.kode)
    assert data["pagu"] == cli["pagu"]
    assert sampel.opd_b.nama not in resp.content.decode()


def test_the_rekap_of_an_unknown_year_is_404_and_a_bad_month_422(client, sampel):
    h = auth(sampel, sampel.verifikator)
    resp = client.get("/api/rekap?tahun=2031&bulan=3", headers=h)
    assert resp.status_code == 404
    assert resp.json()["detail"] == "Tahun anggaran 2031 belum ada di SIAP."
    resp = client.get("/api/rekap?tahun=2025&bulan=13", headers=h)
    assert resp.status_code == 422
    assert "bulan" in resp.json()["detail"]


def test_the_opd_list_is_scoped(client, sampel):
    a = client.get("/api/opd", headers=auth(sampel, sampel.operator_a)).json()
    v = client.get("/api/opd", headers=auth(sampel, sampel.pimpinan)).json()
    assert [o["kode"] for o in a] == [sampel.opd_a.kode]
    assert [o["kode"] for o in v] == [sampel.opd_a.kode, sampel.opd_b.kode]


def test_the_budget_lines_show_pagu_and_anggaran_kas_as_strings(client, sampel,
                                                               django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        resp = client.get(f"/api/opd/{sampel.opd_a.kode}/rincian?tahun=2025",
                          headers=auth(sampel, sampel.operator_a))
    assert resp.status_code == 200
    data = resp.json()
    assert data["jumlah"] == 1
    baris = data["items"][0]
    assert baris["pagu"] == "1200.50"
    assert baris["anggaran_kas"] == ["100.00"] * 11 + ["100.50"]
    assert baris["rincian_id"] == sampel.rincian_a.pk


def test_the_budget_lines_are_paginated_with_a_constant_number_of_queries(
        client, sampel, django_assert_max_num_queries):
    url = f"/api/opd/{sampel.opd_b.kode}/rincian?tahun=2025&limit=1&offset=1"
    with django_assert_max_num_queries(8):
        data = client.get(url, headers=auth(sampel, sampel.operator_b)).json()
    assert data["jumlah"] == 2 and len(data["items"]) == 1
    assert data["items"][0]["rincian_id"] == sampel.rincian_b2.pk


def test_the_realisasi_of_a_month_with_fisik_and_revision(client, sampel,
                                                         django_assert_max_num_queries):
    with django_assert_max_num_queries(16):  # two of them the drafts
        resp = client.get(f"/api/opd/{sampel.opd_b.kode}/realisasi?tahun=2025&bulan=2",
                          headers=auth(sampel, sampel.operator_b))
    assert resp.status_code == 200
    data = resp.json()
    assert data["status"] == "diajukan"
    baris = {b["rincian_id"]: b for b in data["baris"]}
    assert baris[sampel.rincian_b.pk]["realisasi"] == "200.00"
    assert baris[sampel.rincian_b.pk]["realisasi_kumulatif"] == "350.00"
    assert baris[sampel.rincian_b2.pk]["realisasi"] is None
    assert data["fisik"] == [{"sub_kegiatan_id": sampel.rincian_b.sub_kegiatan_id,
                              "sub_kegiatan": "1.03.03.2.01.0001",
                              "nama": "Sub Kegiatan 1.03.03.2.01.0001",
                              "fisik": "10.00", "target_fisik": "15.00", "draf": False}]


def test_reading_a_month_without_a_report_creates_nothing(client, sampel):
    from reporting.models import LaporanBulanan

    jumlah = LaporanBulanan.objects.count()
    resp = client.get(f"/api/opd/{sampel.opd_b.kode}/realisasi?tahun=2025&bulan=1",
                      headers=auth(sampel, sampel.operator_b))
    assert resp.status_code == 200 and resp.json()["revisi"] == 0
    assert LaporanBulanan.objects.count() == jumlah


def test_another_opds_operator_gets_404_on_every_read(client, sampel):
    h = auth(sampel, sampel.operator_a)
    for url in (f"/api/opd/{sampel.opd_b.kode}/rincian?tahun=2025",
                f"/api/opd/{sampel.opd_b.kode}/realisasi?tahun=2025&bulan=2"):
        resp = client.get(url, headers=h)
        assert resp.status_code == 404, url
        assert sampel.opd_b.nama not in resp.content.decode()


def _jumlah_kueri(client, url, headers) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, headers=headers).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/api/rekap?tahun=2025&bulan=3", "/api/opd",
                                 "/api/opd/{kode}/rincian?tahun=2025",
                                 "/api/opd/{kode}/realisasi?tahun=2025&bulan=3"])
@pytest.mark.parametrize("peran", ["operator_b", "verifikator"])
def test_the_number_of_queries_does_not_grow_with_the_data(client, sampel, url, peran):
    url = url.format(kode=sampel.opd_b.kode)
    h = auth(sampel, getattr(sampel, peran))
    sedikit = _jumlah_kueri(client, url, h)
    for i in range(5):
        o = t.opd(f"2.0{i}.0.00.0.00.01.0000", f"Dinas Lain {i}")
        for j in range(3):
            t.rincian(o=o, sub=f"2.0{i}.02.2.01.000{j + 1}", pagu=1200, ak=[100] * 12,
                      realisasi={1: 50, 2: 60})
        t.rincian(o=sampel.opd_b, sub=f"1.03.03.2.0{i + 2}.0001", pagu=1200, ak=[100] * 12,
                  realisasi={1: 10, 3: 20})
        t.fisik(sampel.opd_b, f"1.03.03.2.0{i + 2}.0001", 3, realisasi=5, target=10)
    assert _jumlah_kueri(client, url, h) == sedikit
    assert sedikit <= 16
