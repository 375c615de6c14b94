"""Settings for lanhmanh, all read from the environment.

Variables (all optional in development):

- ``LANHMANH_DEBUG``: ``1`` turns on Django's debug mode. Off unless set.
- ``LANHMANH_SECRET_KEY``: the secret key. Without it a key is generated once and kept
  in ``var/secret_key`` (fine for a laptop, not for a server).
- ``DATABASE_URL``: ``postgres://user:pass@host:5432/name``; default SQLite in ``var/``.
- ``LANHMANH_ALLOWED_HOSTS``: comma-separated host names; default ``127.0.0.1,localhost``.
- ``LANHMANH_CSRF_TRUSTED_ORIGINS``: comma-separated origins when served behind a proxy.
- ``LANHMANH_SECURE``: ``1`` behind HTTPS: secure cookies, HSTS, redirect to HTTPS.
- ``LANHMANH_DATA_KEYS``: the keys that encrypt identities and contacts (comma-separated
  Fernet keys, newest first). Without it they are generated into ``var/data_keys``;
  ``lanhmanh rotate-key`` adds a new one and re-encrypts.
- ``LANHMANH_VAR_DIR``: where the SQLite database, secret key and uploads live. It is
  made (or tightened to) 0700, and the SQLite files 0600 (``lanhmanh.security.files``).
- ``LANHMANH_SESSION_IDLE_MINUTES``: a session ends after this much inactivity (120).
- ``LANHMANH_LOGIN_FAILURES``: failed logins before an account is locked (5).
- ``LANHMANH_LOCKOUT_MINUTES``: how long the lock lasts (30).
- ``LANHMANH_TWO_FACTOR_ROLES``: roles that sign in with a code after the password
  (``admin,coordinator,case_worker``; superusers always).
- ``LANHMANH_PASSWORD_MIN_LENGTH``: shortest password accepted (12).
- ``LANHMANH_TOKEN_DAYS_SENSITIVE``: days an API token lasts when its user may read
  identities or contacts (90; at least 1). Such a token is made only right after a
  two-factor check (``LANHMANH_TWO_FACTOR_FRESH_MINUTES``, 5).
- ``LANHMANH_TOKEN_DAYS``: days any other API token lasts (365; 0: until revoked).
- ``LANHMANH_COMPLETENESS_PERCENT``: share of the expected units (in %) that must have
  reported before a target rolled up from their reports is judged met or behind (80).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


VAR_DIR = Path(os.environ.get("LANHMANH_VAR_DIR") or REPO_DIR / "var")
DEBUG = env_flag("LANHMANH_DEBUG")


def _private_dir(path: Path) -> Path:
    """``path`` as a directory only its owner may enter (0700), made so if it was not:
    var/ holds the SQLite database, the keys, the figures cache and the uploads."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
    except OSError:  # not ours to change: the deployment decided
        pass
    return path


_private_dir(VAR_DIR)


def _key_file(path: Path, make) -> str:
    """The text of the key file ``path``, made once with ``make()`` if it does not exist.
    Several processes may start at once on a fresh machine (two servers, the test workers):
    the key is written whole to a file of this process and linked into place, so the one
    that links first wins and every process reads the same, complete key."""
    if not path.exists():
        staged = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(make())
        try:
            os.link(staged, path)
        except FileExistsError:
            pass  # another process made it first: its key is the key
        finally:
            staged.unlink()
    return path.read_text()


def _secret_key() -> str:
    key = os.environ.get("LANHMANH_SECRET_KEY", "")
    if key:
        return key
    return _key_file(VAR_DIR / "secret_key", lambda: secrets.token_urlsafe(50)).strip()


SECRET_KEY = _secret_key()


def _data_keys() -> list[str]:
    """Keys that encrypt people's identities and tip contacts (see ``lanhmanh/crypto.py``):
    the first encrypts, all decrypt. ``LANHMANH_DATA_KEYS`` (comma-separated Fernet keys),
    or ``var/data_keys`` generated once for development. Kept apart from SECRET_KEY so that
    rotating one never makes the other's data unreadable."""
    keys = env_list("LANHMANH_DATA_KEYS", "")
    if keys:
        return keys
    from cryptography.fernet import Fernet

    text = _key_file(VAR_DIR / "data_keys", lambda: Fernet.generate_key().decode() + "\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


DATA_KEYS = _data_keys()
ALLOWED_HOSTS = env_list("LANHMANH_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("LANHMANH_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "lanhmanh.places",
    "lanhmanh.audit",
    "lanhmanh.agencies",
    "lanhmanh.indicators",
    "lanhmanh.plans",
    "lanhmanh.reporting",
    "lanhmanh.tips",
    "lanhmanh.hotspots",
    "lanhmanh.activities",
    "lanhmanh.inspections",
    "lanhmanh.people",
    "lanhmanh.sanctions",
    "lanhmanh.assessments",
    "lanhmanh.monitoring",
    "lanhmanh.api",
    "lanhmanh.demo",
    "lanhmanh.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lanhmanh.middleware.IdleSessionMiddleware",
    "lanhmanh.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "lanhmanh.security.middleware.RejectUnstorableInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "lanhmanh.monitoring.freshness.FiguresGenerationMiddleware",
]

ROOT_URLCONF = "lanhmanh.urls"
WSGI_APPLICATION = "lanhmanh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lanhmanh.agencies.context_processors.navigation",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'lanhmanh.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_db, conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one request writes; IMMEDIATE avoids
        # "database is locked" when two transactions both upgrade to writers.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("LANHMANH_PASSWORD_MIN_LENGTH", 12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Two-factor sign-in (lanhmanh.security): these roles, and superusers, enter a code
# from an authenticator app after their password.
TWO_FACTOR_ROLES = env_list("LANHMANH_TWO_FACTOR_ROLES", "admin,coordinator,case_worker")
OTP_TOTP_ISSUER = "lanhmanh"
# API tokens (lanhmanh.api.actions): a token of a user who may read identities or
# contacts ends after API_TOKEN_DAYS_SENSITIVE days and is made only within
# TWO_FACTOR_FRESH_MINUTES of a code from the user's authenticator; others end after
# API_TOKEN_DAYS (0: never, until revoked).
API_TOKEN_DAYS_SENSITIVE = env_int("LANHMANH_TOKEN_DAYS_SENSITIVE", 90)
API_TOKEN_DAYS = env_int("LANHMANH_TOKEN_DAYS", 365)
TWO_FACTOR_FRESH_MINUTES = env_int("LANHMANH_TWO_FACTOR_FRESH_MINUTES", 5)
if API_TOKEN_DAYS_SENSITIVE < 1:
    raise ImproperlyConfigured("LANHMANH_TOKEN_DAYS_SENSITIVE must be 1 or more")
# A target rolled up from fewer reports than this share of the units expected is "not
# enough data" (lanhmanh.reporting.progress.judged), never met or behind.
COMPLETENESS_PERCENT = env_int("LANHMANH_COMPLETENESS_PERCENT", 80)
if not 0 <= COMPLETENESS_PERCENT <= 100:
    raise ImproperlyConfigured("LANHMANH_COMPLETENESS_PERCENT must be within 0 and 100")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lock an account (per user name, whatever the address) after repeated failures.
AXES_FAILURE_LIMIT = env_int("LANHMANH_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LANHMANH_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Offices share one address behind a government NAT: locking by address would lock out
# a whole department, so the lock is per user name only.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# The dashboards' computed figures are kept until the next change (monitoring.freshness),
# at most this long; 0 turns keeping them off. They are kept in files under var/, which
# every server process on the machine shares: one counts, the others read.
LANHMANH_FIGURES_CACHE_SECONDS = env_int("LANHMANH_FIGURES_CACHE_SECONDS", 600)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "figures"),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

# Pushed forward while the user works by lanhmanh.middleware.IdleSessionMiddleware.
SESSION_ENGINE = "lanhmanh.sessions"
SESSION_COOKIE_AGE = env_int("LANHMANH_SESSION_IDLE_MINUTES", 120) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE = env_flag("LANHMANH_SECURE")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "lanhmanh_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["lanhmanh.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# Uploads are the application's own, like the rest of var/ (lanhmanh.security.files).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Served from the finders when nobody ran collectstatic (development, tests).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "LANHMANH_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        )
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("LANHMANH_FROM_EMAIL", "lanhmanh@localhost")

# API
API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 500
NINJA_PAGINATION_PER_PAGE = API_PAGE_SIZE
NINJA_PAGINATION_MAX_LIMIT = API_MAX_PAGE_SIZE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LANHMANH_LOG_LEVEL", "INFO")},
    # Request bodies and query strings can carry people's data: never log them.
    "loggers": {"django.request": {"level": "ERROR", "propagate": True}},
}

if not DEBUG and SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("LANHMANH_SECRET_KEY must be a real secret when DEBUG is off")
