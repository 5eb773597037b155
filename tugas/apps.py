from django.apps import AppConfig


class TugasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tugas"
    verbose_name = "Tugas latar"
