"""``siap serve`` collects static files only when they changed since the last start."""

import os
from pathlib import Path

from siap.management.commands.serve import kumpulkan_statis


def test_collectstatic_runs_once_then_only_after_a_change(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    sumber = Path(__file__).resolve().parents[1] / "static" / "siap" / "siap.css"
    assert kumpulkan_statis() is True
    assert (tmp_path / "staticfiles" / "staticfiles.json").exists()
    assert kumpulkan_statis() is False  # unchanged: skipped
    st = sumber.stat()
    try:
        os.utime(sumber, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        assert kumpulkan_statis() is True  # a source changed: collected again
    finally:
        os.utime(sumber, ns=(st.st_atime_ns, st.st_mtime_ns))
