"""``siap cadangkan DIR``: a consistent backup of the database, taken while SIAP runs."""

import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ._cadangan import argumen_pg, koneksi, program_pg


class Command(BaseCommand):
    help = ("Mencadangkan basis data ke DIR/siap-YYYYmmdd-HHMMSS.sqlite3 (SQLite) atau "
            ".dump (PostgreSQL, pg_dump -Fc). Aman dijalankan saat SIAP melayani.")

    def add_arguments(self, parser):
        parser.add_argument("dir", help="folder tujuan (dibuat bila belum ada)")

    def handle(self, *args, dir, **options):
        folder = Path(dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Folder cadangan {folder} tidak dapat dibuat: {exc}") from exc
        conn = koneksi()
        cap = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        akhiran = ".sqlite3" if conn.vendor == "sqlite" else ".dump"
        tujuan = folder / f"siap-{cap}{akhiran}"
        if tujuan.exists():
            raise CommandError(f"{tujuan} sudah ada; cadangan tidak ditimpa. Coba lagi sedetik lagi.")
        sementara = tujuan.with_name(tujuan.name + ".sebagian")
        try:
            if conn.vendor == "sqlite":
                self._sqlite(conn, sementara)
            else:
                self._postgresql(conn, sementara)
            # Only a complete backup gets the final name: a crash leaves a ".sebagian" file.
            sementara.replace(tujuan)
        finally:
            sementara.unlink(missing_ok=True)
        ukuran = tujuan.stat().st_size
        self.stdout.write(f"Cadangan tersimpan: {tujuan} ({ukuran:,} bait)".replace(",", "."))

    def _sqlite(self, conn, tujuan: Path) -> None:
        # The online backup API copies a consistent snapshot page by page, even while other
        # processes write (copying the file could catch a write half done, or miss the WAL).
        conn.ensure_connection()
        dst = sqlite3.connect(tujuan)
        try:
            conn.connection.backup(dst)
        except sqlite3.Error as exc:
            raise CommandError(f"Cadangan SQLite gagal: {exc}") from exc
        finally:
            dst.close()

    def _postgresql(self, conn, tujuan: Path) -> None:
        args, env = argumen_pg(conn)
        r = subprocess.run([program_pg("pg_dump"), "--format=custom", "--file", str(tujuan), *args],
                           env=env, capture_output=True, text=True)
        if r.returncode != 0:
            raise CommandError(f"pg_dump gagal (kode {r.returncode}): {r.stderr.strip()}")
