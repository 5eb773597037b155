"""/api/docs in a real browser: Swagger UI from ninja's bundled static files, under our CSP,
with no request leaving the server and no CSP violation in the console."""

import pytest

from api.api import api
from tests.e2e.conftest import artefak, halaman, masuk, peramban, server_siap  # noqa: F401

pytestmark = pytest.mark.e2e


def test_the_api_docs_work_offline_under_the_csp(halaman, artefak, server_siap):  # noqa: F811
    masuk(halaman, "pimpinan")
    # Recorded from here: the login page's own /favicon.ico 404 is not the docs' concern.
    pesan, luar = [], []
    halaman.on("console", lambda m: pesan.append(f"{m.type}: {m.text}"))
    halaman.on("request", lambda r: luar.append(r.url) if not r.url.startswith(server_siap)
               and not r.url.startswith("data:") else None)
    halaman.goto("/api/docs")
    halaman.locator(".opblock").first.wait_for()
    jumlah = sum(len(ops) for ops in api.get_openapi_schema(path_prefix="/api/")["paths"].values())
    assert halaman.locator(".opblock").count() == jumlah >= 6  # every operation of the schema
    assert "SIAP API" in halaman.locator(".title").inner_text()
    halaman.screenshot(path=artefak / "api-docs.png", full_page=True)
    assert luar == []
    assert not [p for p in pesan if "Content Security Policy" in p or p.startswith("error")], pesan
