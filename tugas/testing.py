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
