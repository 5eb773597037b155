from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kinerja"
    verbose_name = "Kinerja"

    def ready(self) -> None:
        # The quarter's indicator warnings block the submission of the quarter's last report.
        from . import (
            sinyal,  # noqa: F401
            tugas_evaluasi,  # noqa: F401 - registers the E.81/E.79 PDF job
        )
