"""The Rakor PDF kept under the hash of its html and stylesheet (``evaluation.ekspor_pdf``):
the same pack is laid out once; a write that changes a figure gives a new PDF. A leader's
dashboard has it laid out ahead (``evaluation.tugas_rakor.siapkan_pdf``), so the download
finds it ready."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from budget import testing as t
from budget.models import JenisVersi, Pemda, RealisasiKeuangan
from evaluation.ekspor_pdf import pdf_rakor
from evaluation.paket import paket_rakor
from lib import tembolok, versi_data
from tests import sistem
from tugas.layanan import path_berkas
from tugas.models import StatusTugas, Tugas

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tembolok_kosong")]
HARI = datetime.date(2025, 4, 20)


@pytest.fixture
def tata_letak(monkeypatch):
    """Counts the WeasyPrint layouts."""
    hitung = []
    weasyprint = sistem.weasyprint()  # skipped with the reason where Pango is missing
    asli = weasyprint.HTML.write_pdf

    def tulis(self, *args, **kwargs):
        hitung.append(1)
        return asli(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", tulis)
    return hitung


def test_the_same_pack_is_laid_out_once_and_a_write_lays_it_out_again(db, tata_letak):
    Pemda.objects.create(nama="Kabupaten Uji", provinsi="Lampung")
    o = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    v = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1), nama="APBD Murni 2025")
    t.rincian(o=o, sub="1.02.02.2.01.0001", pagu=1200, v=v, realisasi={1: 100})
    pertama = pdf_rakor(paket_rakor(2025, 3, hari_ini=HARI))
    assert pdf_rakor(paket_rakor(2025, 3, hari_ini=HARI)) == pertama
    assert len(tata_letak) == 1
    RealisasiKeuangan.objects.update(jumlah=250)
    kedua = pdf_rakor(paket_rakor(2025, 3, hari_ini=HARI))
    assert len(tata_letak) == 2 and kedua != pertama
    tembolok.aktif = False
    try:
        assert pdf_rakor(paket_rakor(2025, 3, hari_ini=HARI)).startswith(b"%PDF")
        assert len(tata_letak) == 3
    finally:
        tembolok.aktif = True


# --- the PDF prepared ahead when a leader opens the period (evaluation.tugas_rakor) ----------

SAAT = datetime.datetime(2025, 4, 20, 9, tzinfo=datetime.UTC)
PERIODE = {"tahun": 2025, "bulan": 3}


@pytest.fixture
def data_rakor(db):
    Pemda.objects.create(nama="Kabupaten Uji", provinsi="Lampung")
    o = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    v = t.versi(2025, JenisVersi.MURNI, datetime.date(2025, 1, 1), nama="APBD Murni 2025")
    t.rincian(o=o, sub="1.02.02.2.01.0001", pagu=1200, v=v, realisasi={1: 100})
    return o


@pytest.fixture
def siapkan(settings, data_rakor):
    """Preparation on (the suite turns it off), the day fixed, nothing asked for yet."""
    from evaluation import tugas_rakor

    settings.SIAP_PDF_SIAPKAN = True
    tugas_rakor._diminta.clear()
    with time_machine.travel(SAAT, tick=False) as perjalanan:
        yield perjalanan
    tugas_rakor._diminta.clear()


def _unduh_pdf(client):
    r = client.get(reverse("evaluation:rakor_unduh", args=["pdf"]), PERIODE)
    assert r.status_code == 302 and r["Location"].startswith("/tugas/"), r
    return Tugas.objects.get(pk=r["Location"].split("/")[2])


def test_a_leaders_dashboard_prepares_the_pdf_and_the_download_is_ready_at_once(
        client, pimpinan, settings, siapkan, tata_letak):
    client.force_login(pimpinan)
    assert client.get(reverse("evaluation:dasbor"), PERIODE).status_code == 200
    assert len(tata_letak) == 1  # laid out by the background job (run at once in the suite)
    client.get(reverse("evaluation:dasbor"), PERIODE)
    client.get(reverse("evaluation:bahan_rakor"), PERIODE)
    assert len(tata_letak) == 1  # asked for once per period, data version and day

    # a queue whose worker never runs: the prepared PDF needs none
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                                 "QUEUES": settings.ANTREAN_TUGAS}}
    tugas = _unduh_pdf(client)
    assert len(tata_letak) == 1  # the download laid nothing out …
    assert tugas.status == StatusTugas.SELESAI and tugas.nama_berkas == "rakor-pop-2025-03.pdf"
    berkas = client.get(reverse("tugas:unduh", args=[tugas.pk]))
    isi = b"".join(berkas.streaming_content)
    assert isi == pdf_rakor(paket_rakor(2025, 3))  # … and is this very pack
    assert "Unduh rakor-pop-2025-03.pdf" in client.get(
        reverse("tugas:lihat", args=[tugas.pk])).content.decode()
    # a second click (a double click, the link reloaded) is the same job, not another file …
    assert _unduh_pdf(client).pk == tugas.pk
    # … while its file is kept
    path_berkas(tugas).unlink()
    lagi = _unduh_pdf(client)
    assert lagi.pk != tugas.pk and path_berkas(lagi).read_bytes() == isi
    assert Tugas.objects.filter(pemilik=pimpinan).count() == 2


def test_a_write_prepares_the_new_pack_and_the_old_pdf_is_not_served(
        client, pimpinan, siapkan, tata_letak):
    client.force_login(pimpinan)
    client.get(reverse("evaluation:dasbor"), PERIODE)
    RealisasiKeuangan.objects.update(jumlah=250)
    client.get(reverse("evaluation:dasbor"), PERIODE)
    assert len(tata_letak) == 2
    tugas = _unduh_pdf(client)
    isi = b"".join(client.get(reverse("tugas:unduh", args=[tugas.pk])).streaming_content)
    assert isi == pdf_rakor(paket_rakor(2025, 3)) and len(tata_letak) == 2


def test_nothing_is_prepared_for_an_operator_or_when_turned_off(
        client, operator_dinkes, pimpinan, settings, siapkan, tata_letak):
    client.force_login(operator_dinkes)
    assert client.get(reverse("evaluation:dasbor"), PERIODE).status_code == 200
    assert tata_letak == []
    settings.SIAP_PDF_SIAPKAN = False
    client.force_login(pimpinan)
    client.get(reverse("evaluation:dasbor"), PERIODE)
    client.get(reverse("evaluation:bahan_rakor"), PERIODE)
    assert tata_letak == []
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                                 "QUEUES": settings.ANTREAN_TUGAS}}
    tugas = _unduh_pdf(client)  # not prepared: the download is a job for the worker
    assert tugas.status == StatusTugas.ANTRI and tata_letak == []


def test_a_preparation_asked_for_an_older_data_version_lays_nothing_out(data_rakor, tata_letak):
    from evaluation.tugas_rakor import siapkan_pdf_rakor

    versi = versi_data.baca()
    RealisasiKeuangan.objects.update(jumlah=250)
    siapkan_pdf_rakor.call(2025, 3, versi)
    assert tata_letak == []
    siapkan_pdf_rakor.call(2025, 3, versi_data.baca())
    assert len(tata_letak) == 1


def test_asking_again_costs_no_query(client, pimpinan, settings, siapkan,
                                     django_assert_num_queries):
    """The dashboard's cost with the preparation already asked for is the dashboard's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(pimpinan)
    client.get(reverse("evaluation:dasbor"), PERIODE)
    settings.SIAP_PDF_SIAPKAN = False
    with CaptureQueriesContext(connection) as tanpa:
        client.get(reverse("evaluation:dasbor"), PERIODE)
    settings.SIAP_PDF_SIAPKAN = True
    with django_assert_num_queries(len(tanpa.captured_queries)):
        client.get(reverse("evaluation:dasbor"), PERIODE)


def test_a_queue_that_refuses_does_not_break_the_dashboard_and_is_asked_again_later(
        client, pimpinan, siapkan, monkeypatch, tata_letak):
    from types import SimpleNamespace

    from evaluation import tugas_rakor

    ditolak = []

    def penuh(*a, **k):
        ditolak.append(a)
        raise RuntimeError("database is locked")

    asli = tugas_rakor.siapkan_pdf_rakor
    monkeypatch.setattr(tugas_rakor, "siapkan_pdf_rakor", SimpleNamespace(enqueue=penuh))
    client.force_login(pimpinan)
    assert client.get(reverse("evaluation:dasbor"), PERIODE).status_code == 200
    client.get(reverse("evaluation:dasbor"), PERIODE)
    assert len(ditolak) == 1  # not asked again on every visit …
    monkeypatch.setattr(tugas_rakor, "siapkan_pdf_rakor", asli)
    client.get(reverse("evaluation:dasbor"), PERIODE)
    assert tata_letak == []
    siapkan.shift(tugas_rakor.JEDA_ULANG_DETIK + 1)  # … but after a pause
    client.get(reverse("evaluation:dasbor"), PERIODE)
    assert len(tata_letak) == 1


def test_queueing_waits_only_briefly_for_sqlites_write_lock(db):
    from django.db import connection

    from evaluation.tugas_rakor import TUNGGU_KUNCI_SQLITE_MS, _tunggu_kunci_singkat

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL does not lock the table to insert a row")

    def tunggu() -> int:
        with connection.cursor() as c:
            c.execute("PRAGMA busy_timeout")
            return c.fetchone()[0]

    semula = tunggu()
    assert semula >= 5000  # the settings' 20 s for real writes
    with _tunggu_kunci_singkat():
        assert tunggu() == TUNGGU_KUNCI_SQLITE_MS
    assert tunggu() == semula


def test_the_preparation_goes_through_its_own_queue_and_the_shared_cache(
        client, pimpinan, settings, siapkan, tata_letak):
    """With the database queue: the dashboard's request lands in the "siapkan" queue, which a
    worker of the user jobs' queue leaves alone; its own worker lays the PDF out, and the
    download — in another process, here with this process's memory emptied — finds it in the
    shared cache."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from evaluation.tugas_rakor import ANTREAN_SIAPKAN

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                 "QUEUES": settings.ANTREAN_TUGAS}}
    client.force_login(pimpinan)
    client.get(reverse("evaluation:dasbor"), PERIODE)
    assert list(DBTaskResult.objects.values_list("queue_name", "status")) == [
        (ANTREAN_SIAPKAN, "READY")]

    def pekerja(antrean: str) -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval",
                     "0", "--queue-name", antrean, verbosity=0)

    pekerja("default")
    assert tata_letak == [] and DBTaskResult.objects.get().status == "READY"
    pekerja(ANTREAN_SIAPKAN)
    assert len(tata_letak) == 1 and DBTaskResult.objects.get().status == "SUCCESSFUL"

    with tembolok._kunci:
        tembolok._isi.clear()  # a web worker of its own: only the shared cache holds the PDF
    tugas = _unduh_pdf(client)
    assert tugas.status == StatusTugas.SELESAI and len(tata_letak) == 1
    assert not any(k[0] == "isi" for k in tembolok._isi)  # not copied into this worker
