"""``siap serve``: the production server (gunicorn, static files by whitenoise)."""

import hashlib
import os
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from evaluation.tugas_rakor import ANTREAN_SIAPKAN
from lib.env import EnvError, env_int


def jumlah_worker_bawaan() -> int:
    # gunicorn's rule of thumb (2 × cores + 1), capped: SIAP's requests are short and the
    # embedded SQLite database serialises writes anyway.
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def sidik_statis() -> str:
    """A fingerprint of every static source file (path, size, modification time)."""
    from django.contrib.staticfiles import finders

    h = hashlib.sha256()
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            st = os.stat(storage.path(path))
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def kumpulkan_statis() -> bool:
    """``collectstatic`` (hashing and compressing every file takes long on a small server),
    skipped when the sources are unchanged since the last run. Returns whether it ran."""
    root = Path(settings.STATIC_ROOT)
    tanda, manifest = root / ".siap-sidik", root / "staticfiles.json"
    sidik = sidik_statis()
    if tanda.exists() and manifest.exists() and tanda.read_text() == sidik:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    tanda.write_text(sidik)
    return True


def lupakan_yang_tersimpan() -> str | None:
    """A new data token at every start: the page parts kept in the shared file cache
    (``lib.tembolok``) were rendered by the code that ran before, and a start may be of new
    code (an upgrade without a migration); under the new token they are rendered anew. A
    database not yet migrated keeps nothing. Returns a warning when the token could not be
    changed (the server still starts). The connection is closed again: this process only
    watches gunicorn and the workers."""
    from django.db import DatabaseError, connection

    from lib import versi_data

    try:
        with connection.cursor() as cursor:
            if versi_data.TABEL not in connection.introspection.table_names(cursor):
                return None
        versi_data.ganti()
        return None
    except DatabaseError as exc:
        return (f"Peringatan: token versi data tidak dapat diganti ({exc}); halaman yang "
                f"tersimpan dari sebelum mulai dapat tampil sampai data berikutnya berubah.")
    finally:
        connection.close()


def jalankan_bersama(gunicorn: list[str], pekerja: list[str], jumlah_pekerja: int,
                     jeda: float = 5.0, lain: tuple[list[str], ...] = ()) -> int:
    """gunicorn and ``jumlah_pekerja`` background workers (``db_worker``), and the workers of
    ``lain`` (other queues), side by side: a worker that dies is started again (after 5 s, so
    a broken one does not spin); SIGTERM, SIGINT or SIGHUP goes to all; when gunicorn ends,
    the workers are stopped and its exit code is ours."""
    import signal
    import subprocess
    import time

    web = subprocess.Popen(gunicorn)
    semua = [pekerja] * jumlah_pekerja + list(lain)
    latar = [subprocess.Popen(p) for p in semua]
    mati_sejak: dict[int, float] = {}
    lama = {}

    def teruskan(signum, frame):
        for p in [web, *latar]:
            if p.poll() is None:
                p.send_signal(signum)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        lama[sig] = signal.signal(sig, teruskan)
    try:
        while web.poll() is None:
            time.sleep(min(1.0, jeda / 2))
            for i, p in enumerate(latar):
                if p.poll() is None:
                    continue
                mati_sejak.setdefault(i, time.monotonic())
                if time.monotonic() - mati_sejak[i] >= jeda:
                    latar[i] = subprocess.Popen(semua[i])
                    del mati_sejak[i]
    finally:
        for sig, penangan in lama.items():
            signal.signal(sig, penangan)
        for p in latar:
            if p.poll() is None:
                p.terminate()
        for p in latar:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
    return web.returncode


def pekerja_antrean(antrean: str) -> list[str]:
    """A background worker of the job queue (django-tasks' database backend) for ``antrean``."""
    return [sys.executable, "-m", "siap.cli", "db_worker", "--queue-name", antrean,
            "--no-reload", "--interval", "1", "--verbosity", "0"]


def pekerja_menyiapkan() -> tuple[list[str], ...]:
    """The worker of the work done ahead (evaluation/tugas_rakor.py), beside the job workers
    so that it never delays a user's job, and at a lower CPU priority (``nice``) than the web
    workers it shares the cores with; none with SIAP_PDF_SIAPKAN=0."""
    if not settings.SIAP_PDF_SIAPKAN:
        return ()
    nice = shutil.which("nice")
    return ([*([nice, "-n", "10"] if nice else []), *pekerja_antrean(ANTREAN_SIAPKAN)],)


class Command(BaseCommand):
    help = "Menjalankan server produksi SIAP (gunicorn + whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="alamat:port (bawaan %(default)s)")
        parser.add_argument("--workers", type=int, default=None,
                            help="jumlah proses pekerja (bawaan: SIAP_WORKERS atau 2×CPU+1, maks. 9)")
        parser.add_argument("--timeout", type=int, default=60)
        parser.add_argument("--pekerja-latar", type=int, default=None,
                            help="jumlah pekerja latar untuk impor besar dan PDF Rakor (bawaan: "
                                 "SIAP_PEKERJA_LATAR, 1; 0 bila dijalankan terpisah dengan "
                                 "`siap db_worker` dan `siap db_worker --queue-name siapkan`)")

    def handle(self, *args, bind, workers, timeout, pekerja_latar, **options):
        try:
            workers = workers or env_int("SIAP_WORKERS", jumlah_worker_bawaan(), minimum=1)
        except EnvError as exc:
            raise CommandError(str(exc)) from exc
        if not settings.DEBUG:
            kumpulkan_statis()
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which(
            "gunicorn"
        )
        if gunicorn is None:
            raise CommandError("gunicorn tidak terpasang; jalankan `pip install -e .`")
        latar = settings.SIAP_PEKERJA_LATAR if pekerja_latar is None else max(pekerja_latar, 0)
        if peringatan := lupakan_yang_tersimpan():
            self.stderr.write(peringatan)
        siapkan = " (dan 1 yang menyiapkan PDF Rakor)" if latar and settings.SIAP_PDF_SIAPKAN else ""
        self.stdout.write(f"SIAP melayani di http://{bind}/ dengan {workers} pekerja dan {latar} "
                          f"pekerja latar{siapkan} (Ctrl+C untuk berhenti)")
        sys.stdout.flush()
        perintah = [gunicorn, "siap.wsgi:application", "--bind", bind, "--workers", str(workers),
                    "--timeout", str(timeout), "--access-logfile", "-", "--graceful-timeout", "10"]
        if not latar:
            if settings.SIAP_PDF_SIAPKAN:
                self.stderr.write(
                    "Pekerja latar dijalankan terpisah: jalankan `siap db_worker` untuk tugas "
                    f"pengguna dan `siap db_worker --queue-name {ANTREAN_SIAPKAN}` untuk PDF Rakor "
                    "yang disiapkan (atau satu `siap db_worker --queue-name '*'` untuk keduanya), "
                    "atau SIAP_PDF_SIAPKAN=0.")
            os.execv(gunicorn, perintah)
        sys.exit(jalankan_bersama(perintah, pekerja_antrean("default"), latar,
                                  lain=pekerja_menyiapkan()))
