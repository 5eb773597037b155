from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "exchange"
    verbose_name = "Impor dan ekspor data"

    def ready(self):
        from . import tugas_impor  # noqa: F401 - registers the import jobs
