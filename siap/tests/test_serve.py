"""``siap serve`` collects static files only when they changed since the last start, forgets
the kept page parts at every start, and runs the background worker beside gunicorn."""

import os
from pathlib import Path

import pytest

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


def test_serve_runs_the_background_worker_beside_gunicorn_and_restarts_it(tmp_path):
    """``jalankan_bersama``: the worker runs beside the web server, is started again when it
    dies, is stopped when the web server ends, whose exit code is returned."""
    import sys

    from siap.management.commands.serve import jalankan_bersama

    catatan = tmp_path / "pekerja.log"
    web = [sys.executable, "-c", "import time, sys; time.sleep(2.5); sys.exit(3)"]
    pekerja = [sys.executable, "-c", f"open({str(catatan)!r}, 'a').write('mulai\\n')"]
    assert jalankan_bersama(web, pekerja, 1, jeda=0.3) == 3
    assert catatan.read_text().count("mulai") >= 3  # died at once, started again and again


def test_a_live_worker_is_stopped_with_the_web_server(tmp_path):
    import sys
    import time

    from siap.management.commands.serve import jalankan_bersama

    catatan = tmp_path / "pekerja.log"
    pekerja = [sys.executable, "-c", "import signal, sys, time\n"
               f"signal.signal(signal.SIGTERM, lambda *a: (open({str(catatan)!r}, 'a')"
               ".write('berhenti'), sys.exit(0)))\n"
               "time.sleep(60)"]
    mulai = time.monotonic()
    assert jalankan_bersama([sys.executable, "-c", "import time; time.sleep(1.5)"],
                            pekerja, 2, jeda=0.3) == 0
    assert time.monotonic() - mulai < 20
    assert catatan.read_text().count("berhenti") == 2


def test_a_start_forgets_the_kept_page_parts(transactional_db, monkeypatch, settings):
    """A start may be of new code: the parts kept in the shared file cache under the current
    data token must not be served by it, so ``siap serve`` takes a new token first."""
    from django.core.management import call_command

    from lib import versi_data
    from siap.management.commands import serve

    settings.DEBUG = True  # no collectstatic
    class Dijalankan(Exception):
        pass

    def execv(*a):  # gunicorn would replace this process
        raise Dijalankan

    monkeypatch.setattr(serve.os, "execv", execv)
    sebelum = versi_data.baca()
    with pytest.raises(Dijalankan):
        call_command("serve", "--bind", "127.0.0.1:0", "--pekerja-latar", "0")
    assert versi_data.baca() != sebelum


def test_the_rakor_pdf_is_prepared_by_a_worker_of_its_own(tmp_path):
    """The workers of other queues (``lain``) run beside the job workers, each restarted with
    its own command."""
    import sys

    from siap.management.commands.serve import jalankan_bersama

    tugas, siapkan = tmp_path / "tugas.log", tmp_path / "siapkan.log"
    web = [sys.executable, "-c", "import time, sys; time.sleep(2.5); sys.exit(0)"]
    pekerja = [sys.executable, "-c", f"open({str(tugas)!r}, 'a').write('mulai\\n')"]
    lain = [sys.executable, "-c", f"open({str(siapkan)!r}, 'a').write('mulai\\n')"]
    assert jalankan_bersama(web, pekerja, 1, jeda=0.3, lain=(lain,)) == 0
    assert tugas.read_text().count("mulai") >= 3 and siapkan.read_text().count("mulai") >= 3


@pytest.mark.parametrize(("siapkan", "antrean"), [(True, [["default"], ["siapkan"]]),
                                                   (False, [["default"]])])
def test_serve_starts_the_preparing_worker_unless_turned_off(monkeypatch, settings, siapkan,
                                                             antrean):
    from django.core.management import call_command

    from siap.management.commands import serve

    settings.DEBUG, settings.SIAP_PDF_SIAPKAN = True, siapkan
    dijalankan = {}

    def jalankan(gunicorn, pekerja, jumlah, jeda=5.0, lain=()):
        dijalankan["pekerja"] = [pekerja] * jumlah + list(lain)
        return 0

    monkeypatch.setattr(serve, "jalankan_bersama", jalankan)
    monkeypatch.setattr(serve, "lupakan_yang_tersimpan", lambda: None)
    with pytest.raises(SystemExit):
        call_command("serve", "--bind", "127.0.0.1:0", "--pekerja-latar", "1")
    assert [p[p.index("--queue-name") + 1:p.index("--queue-name") + 2]
            for p in dijalankan["pekerja"]] == antrean
    if siapkan:  # below the web workers it shares the cores with
        assert dijalankan["pekerja"][-1][1:3] == ["-n", "10"]
        assert dijalankan["pekerja"][-1][0].endswith("nice")


def test_serve_without_its_own_workers_says_which_to_run(monkeypatch, settings, capsys):
    from django.core.management import call_command

    from siap.management.commands import serve

    settings.DEBUG, settings.SIAP_PDF_SIAPKAN = True, True

    class Dijalankan(Exception):
        pass

    def execv(*a):
        raise Dijalankan

    monkeypatch.setattr(serve.os, "execv", execv)
    monkeypatch.setattr(serve, "lupakan_yang_tersimpan", lambda: None)
    with pytest.raises(Dijalankan):
        call_command("serve", "--bind", "127.0.0.1:0", "--pekerja-latar", "0")
    assert "siap db_worker --queue-name siapkan" in capsys.readouterr().err
