"""Browser tests: a real SIAP server on a throw-away SQLite database with the demo data as it
stands today, and Debian's headless Chromium driven by Playwright.

Chromium is ``/usr/bin/chromium``, or the path in ``SIAP_CHROMIUM``. Where it (or the
demo-data command) is missing the tests are skipped with the reason shown — unless
``SIAP_REQUIRE_E2E=1`` (CI), where a skip would hide a broken pipeline, so they fail instead.

``SIAP_E2E_HARI_INI=2031-12-31`` runs them on another day: the demo as it stands then, and the
server's clock moved there (time-machine, in the gunicorn process). Only days after today: the
browser keeps the real clock, and would drop session cookies that expired in its past.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.sistem import tidak_bisa_diuji

ROOT = Path(__file__).resolve().parents[2]
ARTEFAK = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("SIAP_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
KATA_SANDI_DEMO = "siap-demo-2025"
BATAS_TUNGGU_SERVER = 60  # seconds
HARI_INI = os.environ.get("SIAP_E2E_HARI_INI", "")
# gunicorn in this process, so that its workers (forked) keep the moved clock; `siap serve`
# would exec a new program.
SERVER_BERGESER = """
import datetime, sys, time_machine
time_machine.travel(datetime.datetime.fromisoformat(sys.argv[1]), tick=True).start()
from gunicorn.app.wsgiapp import run
sys.argv = ["gunicorn", "siap.wsgi:application", *sys.argv[2:]]
run()
"""


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env_server(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update({
        # SQLite in a temp dir even when the suite itself runs on PostgreSQL.
        "SIAP_DATA_DIR": str(data_dir),
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "siap.settings",
        "PYTHONUNBUFFERED": "1",
        "SIAP_2FA": "0",  # the browser tests sign in as verifikator/admin with a password only
    })
    return env


def _siap(*args: str, env: dict[str, str]) -> None:
    r = subprocess.run([sys.executable, "-m", "siap.cli", *args], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        pytest.fail(f"`siap {' '.join(args)}` gagal ({r.returncode}):\n{r.stdout}\n{r.stderr}",
                    pytrace=False)


def _tunggu(url: str, proses: subprocess.Popen, log: Path) -> None:
    batas = time.monotonic() + BATAS_TUNGGU_SERVER
    while time.monotonic() < batas:
        if proses.poll() is not None:
            pytest.fail(f"server SIAP berhenti (kode {proses.returncode}):\n{log.read_text()}",
                        pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"server SIAP tidak menjawab dalam {BATAS_TUNGGU_SERVER} detik:\n"
                f"{log.read_text()}", pytrace=False)


@pytest.fixture(scope="session")
def server_siap(tmp_path_factory) -> str:
    """Base URL of a SIAP server on a fresh database with the Lampung Barat demo."""
    if not Path(CHROMIUM).exists():
        tidak_bisa_diuji(f"{CHROMIUM} tidak ada (apt-get install chromium, atau SIAP_CHROMIUM)")
    if importlib.util.find_spec("demo.management.commands.demo_data") is None:
        tidak_bisa_diuji("perintah `siap demo-data` belum ada")
    data_dir = tmp_path_factory.mktemp("siap-e2e")
    port = _port_bebas()
    env = _env_server(data_dir, port)
    _siap("migrate", "--verbosity", "0", env=env)
    _siap("demo-data", *(["--hari-ini", HARI_INI] if HARI_INI else []), env=env)

    perintah = [sys.executable, "-m", "siap.cli", "serve"]
    if HARI_INI:
        perintah = [sys.executable, "-c", SERVER_BERGESER, f"{HARI_INI}T09:00:00+07:00"]
    log = data_dir / "server.log"
    with log.open("w") as keluaran:
        proses = subprocess.Popen(
            [*perintah, "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT, env=env, stdout=keluaran, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _tunggu(base + "/masuk/", proses, log)
        yield base
    finally:
        proses.terminate()
        try:
            proses.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proses.kill()
            proses.wait()


@pytest.fixture(scope="module")
def peramban(server_siap):
    """Headless Chromium. Module-scoped, not session-scoped: Playwright's sync API keeps an
    event loop in this thread while it runs, and Django refuses database work in a thread with
    a running loop — so the browser must be gone before other test modules run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        tidak_bisa_diuji("Playwright untuk Python tidak terpasang (pip install -e '.[dev]')")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def halaman(peramban, server_siap):
    """A fresh browser context (no cookies) at laptop size."""
    konteks = peramban.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID",
                                   base_url=server_siap)
    page = konteks.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        konteks.close()


@pytest.fixture(scope="session")
def artefak() -> Path:
    ARTEFAK.mkdir(exist_ok=True)
    return ARTEFAK


def masuk(page, username: str, password: str = KATA_SANDI_DEMO) -> None:
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)
