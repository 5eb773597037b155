from django.apps import AppConfig


class SiapConfig(AppConfig):
    name = "siap"
    verbose_name = "SIAP"
