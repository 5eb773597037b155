"""The scoping guarantee over EVERY operation of the API, enumerated from its OpenAPI schema —
the equivalent, for token-authenticated calls, of tests/test_cakupan_url.py (which skips
``api/``). A new endpoint is covered the day it is added; one whose parameters this file
cannot build fails here and says so.

For every operation: (a) no token → 401; (b) operator A on OPD B's resource → 404 and nothing
changed, while an operation without an OPD in its path answers 200 without a trace of OPD B;
(c) OPD B's own operator → 200, so the 404 of (b) means "scoped", not "wrong arguments".
"""

from __future__ import annotations

import re

import pytest

from api.api import api

from .conftest import auth, isi_basis_data

SKEMA = api.get_openapi_schema(path_prefix="/api/")
OPERASI = sorted((path, method) for path, ops in SKEMA["paths"].items() for method in ops)
NILAI = {"tahun": "2025", "bulan": "3", "limit": "50", "offset": "0"}


def _argumen(sampel, path: str, method: str) -> tuple[str, dict, dict | None]:
    op = SKEMA["paths"][path][method]
    url = path
    query = {}
    for p in op.get("parameters", []):
        nama = p["name"]
        if nama == "kode":
            nilai = sampel.opd_b.kode
        elif nama in NILAI:
            nilai = NILAI[nama]
        else:
            pytest.fail(f"{method.upper()} {path}: parameter “{nama}” belum dikenal oleh "
                        f"api/tests/test_cakupan_api.py; tambahkan nilainya.", pytrace=False)
        if p["in"] == "path":
            url = url.replace("{" + nama + "}", nilai)
        elif p.get("required"):
            query[nama] = nilai
    body = None
    if "requestBody" in op:
        from reporting.models import LaporanBulanan

        body = {"revisi": LaporanBulanan.objects.get(opd=sampel.opd_b, bulan=3).revisi,
                "realisasi": [{"rincian_id": sampel.rincian_b.pk, "jumlah": "10.00"}],
                "fisik": [{"sub_kegiatan_id": sampel.rincian_b.sub_kegiatan_id, "persen": "20"}]}
    assert not re.search(r"\{\w+\}", url), url
    return url, query, body


def _panggil(client, method, url, query, body, headers):
    if method == "get":
        return client.get(url, query, headers=headers)
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    return getattr(client, method)(url + ("?" + qs if qs else ""), body or {},
                                   content_type="application/json", headers=headers)


def test_the_schema_lists_the_read_and_write_operations():
    assert ("/api/rekap", "get") in OPERASI
    assert ("/api/opd/{kode}/laporan/{tahun}/{bulan}", "put") in OPERASI
    assert len(OPERASI) >= 5


@pytest.mark.parametrize("path,method", OPERASI)
def test_without_a_token_every_operation_is_401(client, sampel, path, method):
    url, query, body = _argumen(sampel, path, method)
    sebelum = isi_basis_data()
    resp = _panggil(client, method, url, query, body, {})
    assert resp.status_code == 401, f"{method} {path}: {resp.status_code}"
    assert isi_basis_data() == sebelum


@pytest.mark.parametrize("path,method", OPERASI)
def test_another_opds_operator_gets_nothing_and_changes_nothing(client, sampel, path, method):
    url, query, body = _argumen(sampel, path, method)
    sebelum = isi_basis_data()
    resp = _panggil(client, method, url, query, body, auth(sampel, sampel.operator_a))
    assert isi_basis_data() == sebelum, f"{method} {path}: operator OPD A mengubah basis data"
    isi = resp.content.decode()
    if "{kode}" in path:
        assert resp.status_code == 404, f"{method} {path}: operator OPD A → {resp.status_code}"
    else:
        assert resp.status_code == 200, f"{method} {path}: operator OPD A → {resp.status_code}"
        assert sampel.opd_a.kode in isi
    assert sampel.opd_b.nama not in isi and sampel.opd_b.kode not in isi


@pytest.mark.parametrize("path,method", OPERASI)
def test_the_rightful_operator_is_served(client, sampel, path, method):
    url, query, body = _argumen(sampel, path, method)
    resp = _panggil(client, method, url, query, body, auth(sampel, sampel.operator_b))
    assert resp.status_code == 200, f"{method} {path}: operator OPD B → {resp.status_code} {resp.content}"
