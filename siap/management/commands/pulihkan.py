"""``siap pulihkan FILE``: replace the whole database with a backup made by ``siap cadangkan``."""

import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lib import versi_data

from ._cadangan import PG_KEPALA, SQLITE_KEPALA, argumen_pg, kepala_berkas, koneksi, program_pg


class Command(BaseCommand):
    help = ("Memulihkan basis data dari berkas cadangan `siap cadangkan`. SEMUA data saat ini "
            "diganti. Hentikan `siap serve` lebih dulu.")

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="berkas cadangan (.sqlite3 atau .dump)")
        parser.add_argument("--ya", action="store_true", help="tanpa pertanyaan konfirmasi")

    def handle(self, *args, berkas, ya, **options):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas cadangan {path} tidak ditemukan.")
        conn = koneksi()
        kepala = kepala_berkas(path)
        if conn.vendor == "sqlite" and not kepala.startswith(SQLITE_KEPALA):
            raise CommandError(f"{path} bukan cadangan SQLite (basis data yang dipakai: SQLite).")
        if conn.vendor == "postgresql" and not kepala.startswith(PG_KEPALA):
            raise CommandError(f"{path} bukan cadangan pg_dump -Fc "
                               "(basis data yang dipakai: PostgreSQL).")
        if conn.vendor == "sqlite":
            self._periksa_sqlite(path)
        nama = conn.settings_dict["NAME"]
        if not ya:
            self.stdout.write(f"Semua data di basis data {nama} akan diganti dengan isi {path}.")
            try:
                jawab = input("Ketik 'ya' untuk melanjutkan: ")
            except EOFError:
                jawab = ""
            if jawab.strip().lower() != "ya":
                raise CommandError("Pemulihan dibatalkan; basis data tidak diubah.")
        if conn.vendor == "sqlite":
            self._sqlite(conn, path)
        else:
            self._postgresql(conn, path)
        # A backup older than the data token has neither its table nor its triggers; either
        # way the kept pages of the replaced data must go (a new token).
        versi_data.pasang(conn.alias)
        self.stdout.write(f"Basis data {nama} dipulihkan dari {path}.")

    def _periksa_sqlite(self, path: Path) -> None:
        try:
            src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                hasil = src.execute("PRAGMA quick_check").fetchone()[0]
                migrasi = src.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'django_migrations'"
                ).fetchone()[0]
            finally:
                src.close()
        except sqlite3.Error as exc:
            raise CommandError(f"{path} tidak dapat dibaca sebagai basis data SQLite: {exc}") from exc
        if hasil != "ok":
            raise CommandError(f"{path} rusak (PRAGMA quick_check: {hasil}); tidak dipulihkan.")
        if not migrasi:
            raise CommandError(f"{path} bukan cadangan SIAP (tidak ada tabel django_migrations).")

    def _sqlite(self, conn, path: Path) -> None:
        # The backup API in reverse: the file's pages replace the database's, in one step that
        # other connections see as a whole (they wait on the lock, or get "database is locked").
        conn.ensure_connection()
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            src.backup(conn.connection)
        except sqlite3.Error as exc:
            raise CommandError(f"Pemulihan SQLite gagal: {exc}") from exc
        finally:
            src.close()

    def _postgresql(self, conn, path: Path) -> None:
        args, env = argumen_pg(conn)
        conn.close()  # our own idle connection must not hold locks on the tables being dropped
        # One transaction: a restore that fails half-way leaves the database as it was.
        r = subprocess.run([program_pg("pg_restore"), "--clean", "--if-exists", "--no-owner",
                            "--single-transaction", *args, str(path)],
                           env=env, capture_output=True, text=True)
        if r.returncode != 0:
            raise CommandError(f"pg_restore gagal (kode {r.returncode}): {r.stderr.strip()}")
