"""For tests: run what waits in the database queue, as ``db_worker`` would, in this thread
and this test's transaction."""


def jalankan_antrean() -> int:
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    pekerja = Worker(queue_names=["*"], interval=0, batch=True, backend_name="default",
                     startup_delay=False, max_tasks=None, worker_id="uji",
                     excluded_queue_names=[])
    n = 0
    while (hasil := DBTaskResult.objects.ready().first()) is not None:
        hasil.claim("uji")
        pekerja.run_task(hasil)
        n += 1
    return n


def unduh_lewat_tugas(client, url: str, data=None) -> bytes:
    """The bytes of a download that SIAP makes as a background job (the Rakor PDF/XLSX): the
    link answers with the job's page, which offers the file once done (jobs run at once in the
    test settings)."""
    r = client.get(url, data)
    assert r.status_code == 302 and "/tugas/" in r["Location"], (r.status_code, r.get("Location"))
    berkas = client.get(r["Location"] + "unduh/")
    assert berkas.status_code == 200, berkas.status_code
    return b"".join(berkas.streaming_content) if berkas.streaming else berkas.content
