"""SIAP settings, read from environment variables (see README, "Konfigurasi")."""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from lib.env import EnvError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("SIAP_DATA_DIR") or BASE_DIR / "data")

try:
    DEBUG = env_bool("DEBUG", False)
except EnvError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

SECRET_KEY = env_str("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY wajib diisi bila DEBUG tidak aktif (contoh: SECRET_KEY=$(python -c "
            "'import secrets; print(secrets.token_urlsafe(50))'))"
        )
    SECRET_KEY = "siap-development-only-not-for-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS wajib diisi bila DEBUG tidak aktif")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "siap",
    "accounts",
    "budget",
    "evaluation",
    "reporting",
    "exchange",
    "api",
    "kinerja",  # indikator kinerja and the Permendagri 86/2017 forms (issue #16)
    "tugas",
    "demo",  # the Lampung Barat demo: siap demo-data, siap demo-sipd (top layer, #14)
    # The background queue (Django 6's tasks framework, backported) and its database backend.
    "django_tasks",
    "django_tasks_db",
    # Its Swagger UI templates and static files, so /api/docs needs no CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Renews the session (the idle timeout) at most once a minute, not on every request.
    "siap.middleware.SesiBergulirMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Verifikator/Admin (and anyone who enrolled) must enter a TOTP code before any page.
    "accounts.middleware.DuaLangkahMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "siap.middleware.KebijakanIzinMiddleware",
    # After authentication (it asks request.user): no page with figures stays in a cache.
    "siap.middleware.TanpaSimpanMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "siap.urls"
WSGI_APPLICATION = "siap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "siap.context_processors.siap",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'siap.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL") or _default_db)}
except Exception as exc:  # dj_database_url raises several kinds; all mean a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL tidak dapat dibaca: {exc}") from exc
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiling cost 2 s of the 7 s Kurva S query at 100x (README "Benchmark"): off.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

# lib.tembolok: the rendered figures of the leaders' pages, keyed by the data version, shared
# by the gunicorn workers (each also keeps what it served last in its own memory).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "tembolok": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "tembolok"),
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out account before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "evaluation:dasbor"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by siap.middleware.KebijakanIzinMiddleware: SIAP uses no camera, microphone, location…
SIAP_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "accelerometer=(), gyroscope=(), magnetometer=()"
)

try:
    # HTTPS (behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto, or TLS in
    # gunicorn): every secure-transport setting on together, never half of them.
    SIAP_HTTPS = env_bool("SIAP_HTTPS", False)
    # Idle timeout: the session cookie lives this long after the user's last renewal …
    SIAP_SESI_MENIT = env_int("SIAP_SESI_MENIT", 60, minimum=1, maximum=7 * 24 * 60)
    # … and is renewed by a request at most this often (0: on every request, a database write
    # each; siap.middleware.SesiBergulirMiddleware).
    SIAP_SESI_SEGAR_DETIK = env_int("SIAP_SESI_SEGAR_DETIK", 60, minimum=0, maximum=3600)
    # An account is locked after AXES_FAILURE_LIMIT wrong passwords, for this many minutes.
    SIAP_LOCKOUT_MENIT = env_int("SIAP_LOCKOUT_MENIT", 15, minimum=1, maximum=24 * 60)
    # Two-step sign-in (TOTP, django-otp) required of Verifikator and Admin; "0" turns it off.
    SIAP_2FA = env_bool("SIAP_2FA", True)
    # A reverse proxy in front of SIAP overwrites X-Forwarded-For with the client's address:
    # the login lockout then reads the address there (never trusted without this setting).
    SIAP_PROXY = env_bool("SIAP_PROXY", False)
    # An API token works this many days after it is made (api.models.TokenAPI).
    SIAP_TOKEN_HARI = env_int("SIAP_TOKEN_HARI", 90, minimum=1, maximum=3650)
except EnvError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

if SIAP_HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The reverse proxy MUST set (overwrite) X-Forwarded-Proto; a client can otherwise claim
    # HTTPS over plain HTTP. With gunicorn serving TLS itself the header is simply absent.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is for public domains on the browsers' preload list; an intranet host name
    # can never be on it.
    "security.W021",
]

SESSION_COOKIE_AGE = SIAP_SESI_MENIT * 60
OTP_TOTP_ISSUER = "SIAP"
SESSION_SAVE_EVERY_REQUEST = False  # SesiBergulirMiddleware renews it, at most once a minute

# Content Security Policy (django-csp 4): no inline script or style anywhere — every template
# links its JavaScript and CSS from static files (tests/test_keamanan.py scans them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Login lockout (django-axes), per username AND address together: a guesser at one PC locks
# that username at that address only, so nobody can lock a known account (the admin's
# included) out of every office by typing wrong passwords; guessing from elsewhere starts again
# at 5 tries, which the password rules (10+ characters, not common) make worthless. The price:
# colleagues behind the same NAT address as the guesser stay locked out with them; an admin
# unlocks at once on the user's page (accounts.views_kunci). Behind a reverse proxy, the address
# is the one the proxy puts in X-Forwarded-For (SIAP_PROXY=1), else the connection's.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=SIAP_LOCKOUT_MENIT)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "accounts.alamat.alamat_klien"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_COOLOFF_MESSAGE = (
    "Akun terkunci karena terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
)

# Reporting: the report of month m is due on this day of month m+1, 23:59 Asia/Jakarta.
try:
    SIAP_HARI_BATAS_LAPOR = env_int("SIAP_HARI_BATAS_LAPOR", 10, minimum=1, maximum=31)
except EnvError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

# Import files (CSV/XLSX) larger than this many MB are refused before parsing: by
# exchange.baca.baca() (commands) and by the upload form (exchange.forms). (Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE does not count uploaded files; files above
# FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file, so the defaults stay.)
try:
    SIAP_BATAS_UNGGAH_MB = env_int("SIAP_BATAS_UNGGAH_MB", 20, minimum=1, maximum=1024)
    # What a file may hold once opened (lib.batas, lib.xlsx): a 20 MB XLSX can
    # unpack to gigabytes. Defaults leave a kabupaten's largest file (≈ 60.000 rows) room.
    SIAP_IMPOR_BARIS = env_int("SIAP_IMPOR_BARIS", 200_000, minimum=10, maximum=1_048_576)
    SIAP_IMPOR_KOLOM = env_int("SIAP_IMPOR_KOLOM", 100, minimum=10, maximum=16_384)
    SIAP_IMPOR_SEL = env_int("SIAP_IMPOR_SEL", 32_767, minimum=100, maximum=1_000_000)
    SIAP_IMPOR_DETIK = env_int("SIAP_IMPOR_DETIK", 60, minimum=1, maximum=3600)
    SIAP_IMPOR_BARIS_KB = env_int("SIAP_IMPOR_BARIS_KB", 256, minimum=1, maximum=65_536)
    SIAP_XLSX_BAGIAN = env_int("SIAP_XLSX_BAGIAN", 1_000, minimum=10, maximum=100_000)
    SIAP_XLSX_BAGIAN_MB = env_int("SIAP_XLSX_BAGIAN_MB", 100, minimum=1, maximum=4096)
    SIAP_XLSX_RASIO = env_int("SIAP_XLSX_RASIO", 100, minimum=10, maximum=100_000)
    SIAP_XLSX_TEKS_MB = env_int("SIAP_XLSX_TEKS_MB", 50, minimum=1, maximum=4096)
except EnvError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

# Background jobs (tugas): large imports and the Rakor PDF/XLSX pack run in the worker that
# `siap serve` starts (django-tasks' database queue: no extra server), never in a web worker.
# Two queues: "default" for the jobs a user waits for, "siapkan" for work done ahead (the Rakor
# PDF prepared when a leader opens a period), which has a worker of its own in `siap serve`
# so that it never delays a user's job.
ANTREAN_TUGAS = ["default", "siapkan"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ANTREAN_TUGAS}}
try:
    SIAP_TUGAS_MENIT = env_int("SIAP_TUGAS_MENIT", 10, minimum=1, maximum=24 * 60)
    SIAP_TUGAS_PER_PENGGUNA = env_int("SIAP_TUGAS_PER_PENGGUNA", 3, minimum=1, maximum=100)
    SIAP_PEKERJA_LATAR = env_int("SIAP_PEKERJA_LATAR", 1, minimum=0, maximum=16)
    # The Rakor PDF laid out in the background when a leader opens a period's dashboard, so
    # that its download is ready at once (evaluation/tugas_rakor.py).
    SIAP_PDF_SIAPKAN = env_bool("SIAP_PDF_SIAPKAN", True)
except EnvError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

# Indeks Kinerja Pelaksanaan Anggaran OPD: weights of its five components, e.g.
# "penyerapan=30,deviasi=20,fisik=25,ketepatan=15,kualitas=10" (the default); checked here,
# so a bad value stops the server at start-up (ImproperlyConfigured, in Indonesian).
from evaluation.indeks import bobot_dari_teks  # noqa: E402

SIAP_BOBOT_INDEKS = bobot_dari_teks(env_str("SIAP_BOBOT_INDEKS"))

# The signature block of the Bahan Rakor POP (PDF): the Sekretaris Daerah's name and NIP.
SIAP_SEKDA_NAMA = env_str("SIAP_SEKDA_NAMA", "") or ""
SIAP_SEKDA_NIP = env_str("SIAP_SEKDA_NIP", "") or ""
# The Kepala Bappeda signs the kinerja evaluation forms: "Dievaluasi" on E.81, "Disusun" on E.79.
SIAP_BAPPEDA_NAMA = env_str("SIAP_BAPPEDA_NAMA", "") or ""
SIAP_BAPPEDA_NIP = env_str("SIAP_BAPPEDA_NIP", "") or ""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
