"""What a page shows of a job: its state (a stalled one marked failed), its progress, whether
its file can be downloaded. Shared by the job's own page and the pages that show a job in
place (the import preview and result)."""

from __future__ import annotations

from .layanan import kemajuan, macet, path_berkas
from .models import StatusTugas, Tugas

PESAN_MACET = ("Pekerja latar berhenti saat mengerjakan tugas ini; tidak ada yang disimpan. "
               "Coba lagi, dan hubungi administrator bila berulang.")


def konteks_tugas(tugas: Tugas) -> dict:
    if macet(tugas):
        tugas.status, tugas.pesan = StatusTugas.GAGAL, PESAN_MACET
        Tugas.objects.filter(pk=tugas.pk, status=StatusTugas.BERJALAN).update(
            status=tugas.status, pesan=tugas.pesan)
    return {"tugas": tugas, "kemajuan": kemajuan(tugas) if tugas.aktif else {},
            "ada_berkas": tugas.status == StatusTugas.SELESAI and path_berkas(tugas) is not None}
