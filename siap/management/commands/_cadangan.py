"""What ``siap cadangkan`` and ``siap pulihkan`` share: which database, and how to reach it."""

import os
import shutil

from django.core.management.base import CommandError
from django.db import connections

SQLITE_KEPALA = b"SQLite format 3\x00"
PG_KEPALA = b"PGDMP"


def koneksi(alias: str = "default"):
    """The connection actually in use (under the test runner: the test database)."""
    conn = connections[alias]
    if conn.vendor not in ("sqlite", "postgresql"):
        raise CommandError(f"Basis data {conn.vendor} tidak didukung; hanya SQLite dan PostgreSQL.")
    return conn


def program_pg(nama: str) -> str:
    path = shutil.which(nama)
    if path is None:
        raise CommandError(f"{nama} tidak ditemukan; pasang klien PostgreSQL (apt-get install "
                           "postgresql-client) dengan versi yang sama atau lebih baru dari server.")
    return path


def argumen_pg(conn) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore, and an environment holding the password
    (PGPASSWORD: never on the command line, where `ps` would show it)."""
    s = conn.settings_dict
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    args += ["--dbname", str(s["NAME"])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    if sslmode := (s.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def kepala_berkas(path) -> bytes:
    with open(path, "rb") as f:
        return f.read(16)
