"""The queue's one task under the import path that jobs queued by SIAP before 2026-12-06 hold
(``tugas.jalankan.jalankan_tugas``, stored in each row of the queue): without it, such a job
would fail to import after an upgrade and stay "Menunggu giliran" for ever. The task itself is
``tugas.layanan.jalankan_tugas``, beside the function it runs."""

from .layanan import jalankan_tugas  # noqa: F401
