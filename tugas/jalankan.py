"""The one task the queue knows: run a ``Tugas`` by its id (``tugas.layanan.jalankan``).
django-tasks is the backport of Django 6's ``django.tasks``: on Django 6 only this import
changes."""

from django_tasks import task

from .layanan import jalankan


@task()
def jalankan_tugas(tugas_id: str) -> None:
    jalankan(tugas_id)
