"""A heavy piece of work a user asked for (an import, the Rakor PDF pack), run by the
background worker (django-tasks' database queue, ``siap serve`` starts it) instead of a web
worker. The row is what the user sees: whose it is, its state, its result; the queue's own
row (``django_tasks_db.DBTaskResult``) only drives the execution."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class JenisTugas(models.TextChoices):
    IMPOR_PRATINJAU = "impor_pratinjau", "Pratinjau impor"
    IMPOR_SIMPAN = "impor_simpan", "Impor data"
    RAKOR_PDF = "rakor_pdf", "Bahan Rakor POP (PDF)"
    RAKOR_XLSX = "rakor_xlsx", "Bahan Rakor POP (XLSX)"
    EVALUASI_PDF = "evaluasi_pdf", "Evaluasi kinerja E.81/E.79 (PDF)"


class StatusTugas(models.TextChoices):
    ANTRI = "antri", "Menunggu giliran"
    BERJALAN = "berjalan", "Sedang dikerjakan"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


AKTIF = (StatusTugas.ANTRI, StatusTugas.BERJALAN)


class Tugas(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    jenis = models.CharField("jenis", max_length=30, choices=JenisTugas.choices)
    pemilik = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="pemilik",
                                on_delete=models.CASCADE, related_name="tugas")
    status = models.CharField("status", max_length=10, choices=StatusTugas.choices,
                              default=StatusTugas.ANTRI)
    judul = models.CharField("judul", max_length=200)
    parameter = models.JSONField("parameter", default=dict)
    hasil = models.JSONField("hasil", default=dict, blank=True)
    pesan = models.TextField("pesan", blank=True)
    berkas = models.CharField("berkas hasil", max_length=100, blank=True)  # in DATA_DIR/tugas
    nama_berkas = models.CharField("nama berkas", max_length=200, blank=True)
    jenis_isi = models.CharField("jenis isi", max_length=100, blank=True)
    url_hasil = models.CharField("halaman hasil", max_length=300, blank=True)
    dibuat_pada = models.DateTimeField("dibuat", auto_now_add=True)
    mulai_pada = models.DateTimeField("mulai", null=True, blank=True)
    selesai_pada = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "tugas latar"
        verbose_name_plural = "tugas latar"
        ordering = ["-dibuat_pada"]
        indexes = [models.Index(fields=["pemilik", "status"])]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    @property
    def aktif(self) -> bool:
        return self.status in AKTIF
