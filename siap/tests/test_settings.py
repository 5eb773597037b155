"""Settings come from the environment and fail loudly on a bad value."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import siap.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT, env=clean, capture_output=True, text=True,
    )


def test_secret_key_is_required_when_debug_is_off():
    r = _import_settings(DEBUG="0", ALLOWED_HOSTS="siap.example")
    assert r.returncode != 0
    assert "SECRET_KEY wajib diisi" in r.stderr


def test_a_bad_debug_value_fails_loudly():
    r = _import_settings(DEBUG="mungkin")
    assert r.returncode != 0
    assert "DEBUG='mungkin' bukan nilai boolean" in r.stderr


def test_a_bad_database_url_fails_loudly():
    r = _import_settings(DEBUG="1", DATABASE_URL="nosuchdb://x")
    assert r.returncode != 0
    assert "DATABASE_URL tidak dapat dibaca" in r.stderr


def test_sqlite_is_the_default_and_postgres_is_one_variable():
    assert _import_settings(DEBUG="1").stdout.strip() == "django.db.backends.sqlite3"
    r = _import_settings(DEBUG="1", DATABASE_URL="postgres://u@127.0.0.1:5432/siap")
    assert r.stdout.strip() == "django.db.backends.postgresql"


def test_production_settings_need_allowed_hosts():
    r = _import_settings(DEBUG="0", SECRET_KEY="x" * 60)
    assert r.returncode != 0
    assert "ALLOWED_HOSTS wajib diisi" in r.stderr
