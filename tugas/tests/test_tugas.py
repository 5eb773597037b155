"""The life of a background job: queued in the database, run by the worker, its progress and
result on a page only its owner sees, refused past the per-user limit, stopped at its time
limit, and marked failed when the worker died under it."""

import datetime
import time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Peran
from accounts.testing import buat_pengguna
from tugas import layanan
from tugas.layanan import TerlaluBanyakTugas, TugasGagal, antrekan, simpan_berkas
from tugas.models import StatusTugas, Tugas
from tugas.testing import jalankan_antrean

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def antrean_basis_data(settings, tmp_path, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.DATA_DIR = tmp_path
    jalan = []

    def uji(tugas, lapor):
        lapor("setengah jalan", 50)
        jalan.append(layanan.kemajuan(tugas))
        if tugas.parameter.get("gagal"):
            raise TugasGagal("Berkas tidak dapat dibuat: alasannya.")
        if tugas.parameter.get("rusak"):
            raise RuntimeError("bug")
        if tugas.parameter.get("tidur"):
            time.sleep(tugas.parameter["tidur"])
        simpan_berkas(tugas, b"isi hasil", "hasil.txt", "text/plain")
        return {"baris": 3}

    monkeypatch.setitem(layanan.PENANGAN, "uji", uji)
    return jalan


@pytest.fixture
def pemilik(client, pimpinan):
    u = pimpinan
    client.force_login(u)
    return u


def test_a_job_waits_in_the_queue_then_runs_and_offers_its_file(client, pemilik,
                                                                 antrean_basis_data):
    tugas = antrekan("uji", pemilik, "Uji", {"a": 1})
    assert tugas.status == StatusTugas.ANTRI
    assert DBTaskResult.objects.ready().count() == 1

    halaman = client.get(reverse("tugas:lihat", args=[tugas.pk])).content.decode()
    assert "Menunggu giliran" in halaman
    assert 'hx-trigger="every 2s"' in halaman and "htmx-2.min.js" in halaman

    assert jalankan_antrean() == 1
    assert antrean_basis_data == [{"teks": "setengah jalan", "persen": 50}]
    tugas.refresh_from_db()
    assert tugas.status == StatusTugas.SELESAI and tugas.hasil == {"baris": 3}
    assert tugas.mulai_pada <= tugas.selesai_pada

    status = client.get(reverse("tugas:status", args=[tugas.pk]))
    assert "hx-trigger" not in status.content.decode()  # polling stops
    assert "Unduh hasil.txt" in status.content.decode()
    r = client.get(reverse("tugas:unduh", args=[tugas.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content) == b"isi hasil"
    assert r["Content-Disposition"] == 'attachment; filename="hasil.txt"'
    assert r["Cache-Control"] == "no-store"


def test_a_finished_job_with_a_result_page_sends_the_poll_there(client, pemilik):
    tugas = antrekan("uji", pemilik, "Uji", {}, url_hasil="/impor/abc/")
    jalankan_antrean()
    r = client.get(reverse("tugas:status", args=[tugas.pk]))
    assert r["HX-Redirect"] == "/impor/abc/"


def test_another_user_finds_no_job(client, pemilik, verifikator):
    tugas = antrekan("uji", pemilik, "Uji", {})
    jalankan_antrean()
    lain = Client()
    lain.force_login(verifikator)
    for nama in ("tugas:lihat", "tugas:status", "tugas:unduh"):
        assert lain.get(reverse(nama, args=[tugas.pk])).status_code == 404
    anonim = Client().get(reverse("tugas:unduh", args=[tugas.pk]))
    assert anonim.status_code == 302 and anonim["Location"].startswith(reverse("login"))


def test_a_failing_job_says_why_and_a_crash_says_little(client, pemilik):
    gagal = antrekan("uji", pemilik, "Uji", {"gagal": True})
    rusak = antrekan("uji", pemilik, "Uji", {"rusak": True})
    jalankan_antrean()
    gagal.refresh_from_db()
    rusak.refresh_from_db()
    assert gagal.status == rusak.status == StatusTugas.GAGAL
    assert gagal.pesan == "Berkas tidak dapat dibuat: alasannya."
    assert "kesalahan pada server" in rusak.pesan and "bug" not in rusak.pesan
    halaman = client.get(reverse("tugas:lihat", args=[gagal.pk])).content.decode()
    assert "Berkas tidak dapat dibuat: alasannya." in halaman
    assert client.get(reverse("tugas:unduh", args=[gagal.pk])).status_code == 404


def test_a_job_is_stopped_at_its_time_limit(pemilik, monkeypatch):
    monkeypatch.setattr(layanan, "batas_menit", lambda: 0.01)  # 0,6 s
    tugas = antrekan("uji", pemilik, "Uji", {"tidur": 5})
    mulai = time.monotonic()
    jalankan_antrean()
    assert time.monotonic() - mulai < 3
    tugas.refresh_from_db()
    assert tugas.status == StatusTugas.GAGAL and "SIAP_TUGAS_MENIT" in tugas.pesan


def test_a_user_has_at_most_siap_tugas_per_pengguna_jobs_waiting(pemilik, settings):
    settings.SIAP_TUGAS_PER_PENGGUNA = 2
    antrekan("uji", pemilik, "Uji", {})
    antrekan("uji", pemilik, "Uji", {})
    with pytest.raises(TerlaluBanyakTugas, match="SIAP_TUGAS_PER_PENGGUNA"):
        antrekan("uji", pemilik, "Uji", {})
    lain = buat_pengguna("lain", Peran.PIMPINAN)
    antrekan("uji", lain, "Uji", {})  # another user's queue is their own
    jalankan_antrean()
    antrekan("uji", pemilik, "Uji", {})  # the finished ones no longer count


def test_a_job_whose_worker_died_is_shown_failed(client, pemilik):
    tugas = antrekan("uji", pemilik, "Uji", {})
    with time_machine.travel(datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.UTC), tick=False):
        Tugas.objects.filter(pk=tugas.pk).update(
            status=StatusTugas.BERJALAN, mulai_pada=timezone.now() - datetime.timedelta(minutes=13))
        client.force_login(pemilik)  # signed in on the frozen day
        halaman = client.get(reverse("tugas:lihat", args=[tugas.pk])).content.decode()
    assert "Pekerja latar berhenti" in halaman
    assert Tugas.objects.get(pk=tugas.pk).status == StatusTugas.GAGAL


def test_a_job_is_run_once(pemilik):
    tugas = antrekan("uji", pemilik, "Uji", {})
    layanan.jalankan(str(tugas.pk))
    Tugas.objects.filter(pk=tugas.pk).update(hasil={})
    layanan.jalankan(str(tugas.pk))  # taken already: nothing happens
    assert Tugas.objects.get(pk=tugas.pk).hasil == {}


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_command_runs_the_queue(settings, tmp_path, monkeypatch, pimpinan):
    from django.core.management import call_command

    u = pimpinan
    tugas = antrekan("uji", u, "Uji", {})
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0",
                 verbosity=0)
    tugas.refresh_from_db()
    assert tugas.status == StatusTugas.SELESAI


def test_a_job_queued_under_the_former_task_path_still_runs(operator_dinkes):
    """Rows of the queue hold the task's import path; jobs queued before the task moved into
    tugas.layanan name tugas.jalankan.jalankan_tugas, which must still import and run."""
    from django.utils.module_loading import import_string

    from tugas.layanan import jalankan_tugas

    assert import_string("tugas.jalankan.jalankan_tugas") is jalankan_tugas
