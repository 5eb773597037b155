from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluasi dan Rakor POP"

    def ready(self):
        from . import tugas_rakor  # noqa: F401 - registers the Rakor pack jobs
