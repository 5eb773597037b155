"""What some tests need from the machine beyond Python: a program (Chromium, pdftoppm, node) or
a system library (Pango, for WeasyPrint). Where it is missing the test is skipped with the
reason shown — unless ``SIAP_REQUIRE_E2E=1`` (CI, set by ``.ci/run``), where a skip would hide
a broken pipeline, so it fails instead."""

from __future__ import annotations

import os
import shutil

import pytest


def tidak_bisa_diuji(alasan: str) -> None:
    """Skip with the reason, or fail where every test is required to run."""
    if os.environ.get("SIAP_REQUIRE_E2E") == "1":
        pytest.fail(f"SIAP_REQUIRE_E2E=1 tetapi uji ini tidak dapat berjalan: {alasan}",
                    pytrace=False)
    pytest.skip(alasan)


def program(nama: str, paket: str) -> str:
    """The path of a program on PATH, e.g. ``program("pdftoppm", "poppler-utils")``."""
    jalur = shutil.which(nama)
    if jalur is None:
        tidak_bisa_diuji(f"program `{nama}` tidak ada di PATH (apt-get install {paket})")
    return jalur


def weasyprint():
    """WeasyPrint, which loads Pango through cffi when imported."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        tidak_bisa_diuji(f"WeasyPrint tidak dapat dimuat ({exc}); PDF Rakor butuh Pango "
                         "(apt-get install libpango-1.0-0 libpangoft2-1.0-0)")
    return weasyprint
