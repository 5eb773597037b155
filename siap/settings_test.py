"""Settings for the test suite: the real settings, with development defaults for what a
developer's shell need not set. DATABASE_URL still selects the database (CI: PostgreSQL)."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SIAP_DATA_DIR", os.path.join(os.path.dirname(__file__), "..", "data"))
# Most tests force_login a verifikator/admin and expect the page: two-step sign-in is off for the
# suite; accounts/tests/test_dua_langkah.py turns it on with the settings fixture.
os.environ.setdefault("SIAP_2FA", "0")
# The Rakor PDF is not prepared on every dashboard view of the suite (the jobs run inside the
# request here: seconds each); evaluation/tests/test_tembolok_pdf.py turns it on.
os.environ.setdefault("SIAP_PDF_SIAPKAN", "0")

from .settings import *  # noqa: E402,F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 — whitenoise warns when it is missing
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only
# Background jobs run at once, inside the request that queues them, so a page test sees their
# result; tugas/tests/ uses the database queue and its worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                     "QUEUES": ANTREAN_TUGAS}}  # noqa: F405
