"""Queueing a job, running it within its time limit, and its progress and result file.

Apps register what a kind of job does with ``@penangan(JenisTugas.X)``: a function
``(tugas, lapor) -> dict`` that returns the result to keep (shown by the app's own result page,
``tugas.url_hasil``) and may leave a file with ``simpan_berkas``. ``lapor(teks, persen=None)``
records progress in a small file beside the results — not in the database, where a long
import's transaction would hide it (SQLite holds one writer at a time).
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import signal
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import AKTIF, StatusTugas, Tugas

logger = logging.getLogger("siap.tugas")
PENANGAN: dict[str, Callable] = {}


class TerlaluBanyakTugas(Exception):
    """The user already has ``SIAP_TUGAS_PER_PENGGUNA`` jobs waiting or running."""


class WaktuHabis(Exception):
    pass


class TugasGagal(Exception):
    """Raised by a job's function: the job fails with ``str()`` as the user's message."""


def penangan(jenis: str):
    def daftar(fungsi):
        PENANGAN[str(jenis)] = fungsi
        return fungsi
    return daftar


def folder() -> Path:
    f = Path(settings.DATA_DIR) / "tugas"
    f.mkdir(parents=True, exist_ok=True)
    return f


def batas_menit() -> int:
    return int(getattr(settings, "SIAP_TUGAS_MENIT", 10))


def antrekan(jenis: str, pemilik, judul: str, parameter: dict, url_hasil: str = "") -> Tugas:
    """A new job of ``pemilik`` in the queue; refused (``TerlaluBanyakTugas``) when the user
    already has SIAP_TUGAS_PER_PENGGUNA jobs waiting or running."""
    bersihkan()
    batas = int(getattr(settings, "SIAP_TUGAS_PER_PENGGUNA", 3))
    with transaction.atomic():
        if Tugas.objects.filter(pemilik=pemilik, status__in=AKTIF).count() >= batas:
            raise TerlaluBanyakTugas(
                f"Anda sudah punya {batas} tugas yang menunggu atau sedang dikerjakan "
                f"(SIAP_TUGAS_PER_PENGGUNA); tunggu salah satunya selesai.")
        tugas = Tugas.objects.create(jenis=jenis, pemilik=pemilik, judul=judul,
                                     parameter=parameter, url_hasil=url_hasil)
        # in the same transaction: the queue's row exists exactly when the job's does
        jalankan_tugas.enqueue(str(tugas.pk))
    return tugas


def catat_selesai(jenis: str, pemilik, judul: str, parameter: dict, isi: bytes, nama: str,
                  jenis_isi: str, hasil: dict | None = None) -> Tugas:
    """A job whose result was ready before it was queued (a file already made for the same
    input): recorded as done with its file, so the user finds it where every job's result is,
    without waiting for the worker. Not counted against SIAP_TUGAS_PER_PENGGUNA (never
    waiting)."""
    bersihkan()
    sekarang = timezone.now()
    tugas = Tugas(jenis=jenis, pemilik=pemilik, judul=judul, parameter=parameter,
                  status=StatusTugas.SELESAI, mulai_pada=sekarang, selesai_pada=sekarang,
                  hasil={"ukuran": len(isi), **(hasil or {})})
    simpan_berkas(tugas, isi, nama, jenis_isi)
    tugas.save()
    return tugas


# ------------------------------------------------------------------ progress and result

SIMPAN_BERKAS = datetime.timedelta(days=1)


def bersihkan() -> None:
    """Result files are kept a day (a job's page then says its file is gone)."""
    import time

    batas = time.time() - SIMPAN_BERKAS.total_seconds()
    for f in folder().iterdir():
        try:
            if f.is_file() and f.stat().st_mtime < batas:
                f.unlink()
        except FileNotFoundError:  # removed by a concurrent request
            pass


def _berkas_kemajuan(tugas_id) -> Path:
    return folder() / f"{tugas_id}.kemajuan.json"


def kemajuan(tugas: Tugas) -> dict:
    try:
        return json.loads(_berkas_kemajuan(tugas.pk).read_text())
    except (OSError, ValueError):
        return {}


def pelapor(tugas: Tugas) -> Callable:
    def lapor(teks: str, persen: int | None = None) -> None:
        sementara = _berkas_kemajuan(tugas.pk).with_suffix(".tmp")
        sementara.write_text(json.dumps({"teks": teks, "persen": persen}))
        os.replace(sementara, _berkas_kemajuan(tugas.pk))
    return lapor


def simpan_berkas(tugas: Tugas, isi: bytes, nama: str, jenis_isi: str) -> None:
    """The job's result file (written to a temporary name, then renamed)."""
    nama_disk = f"{tugas.pk}.hasil"
    sementara = folder() / f"{nama_disk}.tmp"
    sementara.write_bytes(isi)
    os.replace(sementara, folder() / nama_disk)
    tugas.berkas, tugas.nama_berkas, tugas.jenis_isi = nama_disk, nama, jenis_isi


def path_berkas(tugas: Tugas) -> Path | None:
    if not tugas.berkas:
        return None
    p = folder() / tugas.berkas
    return p if p.is_file() else None


def macet(tugas: Tugas) -> bool:
    """Running for longer than its limit allows: the worker died under it (killed, out of
    memory); nothing will finish it."""
    return (tugas.status == StatusTugas.BERJALAN and tugas.mulai_pada is not None
            and timezone.now() - tugas.mulai_pada > datetime.timedelta(minutes=batas_menit() + 2))


# ---------------------------------------------------------------------------- running


@contextmanager
def batas_waktu(detik: int):
    """Interrupt the job after ``detik`` seconds (SIGALRM: the worker runs jobs in its main
    thread). Elsewhere — a test's thread — no limit."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def habis(signum, frame):
        raise WaktuHabis

    lama = signal.signal(signal.SIGALRM, habis)
    signal.setitimer(signal.ITIMER_REAL, detik)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, lama)


def jalankan(tugas_id: str) -> None:
    """Run one queued job: BERJALAN, the kind's function within SIAP_TUGAS_MENIT, then
    SELESAI with its result or GAGAL with a message for the user."""
    n = Tugas.objects.filter(pk=tugas_id, status=StatusTugas.ANTRI).update(
        status=StatusTugas.BERJALAN, mulai_pada=timezone.now())
    if not n:
        return  # unknown, or already taken
    tugas = Tugas.objects.get(pk=tugas_id)
    lapor = pelapor(tugas)
    lapor("Mulai dikerjakan")
    menit = batas_menit()
    try:
        with batas_waktu(menit * 60):
            hasil = PENANGAN[tugas.jenis](tugas, lapor)
    except TugasGagal as exc:
        _akhiri(tugas, StatusTugas.GAGAL, pesan=str(exc))
        return
    except WaktuHabis:
        _akhiri(tugas, StatusTugas.GAGAL, pesan=(
            f"Dihentikan: melebihi batas waktu {menit} menit (SIAP_TUGAS_MENIT). Tidak ada yang "
            f"disimpan."))
        return
    except Exception:
        logger.exception("tugas %s (%s) gagal", tugas.pk, tugas.jenis)
        _akhiri(tugas, StatusTugas.GAGAL, pesan=(
            "Terjadi kesalahan pada server saat mengerjakan tugas ini; tidak ada yang disimpan. "
            "Hubungi administrator bila berulang."))
        return
    _akhiri(tugas, StatusTugas.SELESAI, hasil=hasil or {})


@task()
def jalankan_tugas(tugas_id: str) -> None:
    """The one task the queue knows: run a ``Tugas`` by its id. django-tasks is the backport
    of Django 6's ``django.tasks``: on Django 6 only the import of ``task`` changes."""
    jalankan(tugas_id)


def _akhiri(tugas: Tugas, status: str, *, hasil: dict | None = None, pesan: str = "") -> None:
    tugas.status, tugas.selesai_pada = status, timezone.now()
    tugas.hasil, tugas.pesan = hasil or {}, pesan or (hasil or {}).get("pesan", "")
    tugas.save(update_fields=["status", "selesai_pada", "hasil", "pesan", "berkas",
                              "nama_berkas", "jenis_isi"])
    _berkas_kemajuan(tugas.pk).unlink(missing_ok=True)
