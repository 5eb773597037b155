import sqlite3

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _batas_variabel_sqlite(sender, connection, **kwargs):
    # Django 5.2 assumes SQLite's old compile-time limit of 999 variables per query and splits
    # bulk writes into batches accordingly; modern SQLite allows far more (32,766 or 250,000),
    # and Django 6 reads the real limit. Reading it here keeps a report's save at a constant
    # number of queries whatever its number of lines.
    if connection.vendor == "sqlite":
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        connection.features.max_query_params = limit


class SiapConfig(AppConfig):
    name = "siap"
    verbose_name = "SIAP"

    def ready(self):
        connection_created.connect(_batas_variabel_sqlite, dispatch_uid="siap_sqlite_limit")
        from django.db.models.signals import post_migrate

        from lib.versi_data import setelah_migrate

        # After every migrate (every table exists by then): the data-version triggers.
        post_migrate.connect(setelah_migrate, dispatch_uid="siap_versi_data")
        from django.contrib.auth.signals import user_logged_in

        from .middleware import SesiBergulirMiddleware

        user_logged_in.connect(SesiBergulirMiddleware.tandai_masuk, dispatch_uid="siap_sesi_masuk")
        _nama_indonesia()


# Third-party apps shown in the Django admin, named as the administrators say it.
NAMA_APLIKASI = {"axes": "Penguncian login", "otp_totp": "Verifikasi dua langkah",
                 "django_otp": "Verifikasi dua langkah"}


def _nama_indonesia() -> None:
    from django.apps import apps

    for label, nama in NAMA_APLIKASI.items():
        if apps.is_installed(label) or label in apps.app_configs:
            apps.get_app_config(label).verbose_name = nama
    if "otp_totp" in apps.app_configs:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice._meta.verbose_name = "perangkat TOTP"
        TOTPDevice._meta.verbose_name_plural = "perangkat TOTP"
