"""All settings, read from the environment with safe local defaults.

Every variable is documented in docs/operations.md. A bad value fails loudly
at start-up rather than quietly falling back.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Under pytest: tasks run in the request and static files need no manifest.
TESTING = env_bool("MATHSHUBS_TESTING", "pytest" in sys.modules)
_DEV_SECRET = "dev-only-insecure-secret-key-change-me-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET and env_bool("MATHSHUBS_PRODUCTION", False):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

VAR_DIR = Path(env_str("MATHSHUBS_VAR_DIR", str(PROJECT_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "govuk_frontend_django",
    "ninja",  # serves the API docs page's Swagger UI from our own static files
    "simple_history",  # the audit trail's history tables (audit/, ADR 0016)
    "csp",  # the Content-Security-Policy header (ADR 0015)
    "mathshubs.directory",
    "mathshubs.accounts",
    "mathshubs.catalogue",
    "mathshubs.activities",
    "mathshubs.grants",
    "mathshubs.events",
    "mathshubs.evaluation",
    "mathshubs.reporting",
    "mathshubs.collaboration",
    "mathshubs.demo",
    "mathshubs.ops",
    "mathshubs.audit",
    "mathshubs.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "mathshubs.headers.permissions_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made a change: the audit trail reads the request's user (audit/, ADR 0016).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "mathshubs.urls"
WSGI_APPLICATION = "mathshubs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mathshubs.accounts.context_processors.navigation",
            ],
        },
    }
]

# Database: SQLite file by default, PostgreSQL with DATABASE_URL=postgres://...
_default_db = f"sqlite:///{VAR_DIR / 'mathshubs.sqlite3'}"
if not os.environ.get("DATABASE_URL"):
    # A fresh clone has no var/ yet; SQLite can create the file but not its folder.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db), conn_max_age=env_int("DB_CONN_MAX_AGE", 0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL, foreign keys and a busy timeout on every connection.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    (
        "govuk-frontend/dist/govuk",
        PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk",
    ),
    BASE_DIR / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
# Under tests every client builds its own middleware; without autorefresh whitenoise
# would index every collected file each time.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_ROOT = VAR_DIR / "media"

# Email: console in development, a file per message in the demo, SMTP in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Maths Hubs <no-reply@mathshubs.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: the database queue by default (run `mathshubs worker`);
# TASKS_BACKEND=immediate runs each task in the request, for tests and one-process demos.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env_str("TASKS_BACKEND", "immediate" if TESTING else "database")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(_TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend], "QUEUES": ["default"]}}

# The cache holds sign-in rate-limit counters, so every web process must share it: a
# table in the database by default (created by `mathshubs migrate`).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mathshubs_cache",
        # Past MAX_ENTRIES the table is culled, counters included: keep it well above
        # the keys the sign-in limits make in half an hour (ADR 0015).
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 50_000)},
    }
}

# Sign-in (see docs/accounts.md).
VERIFICATION_CODE_TTL_MINUTES = env_int("VERIFICATION_CODE_TTL_MINUTES", 15)
VERIFICATION_CODE_MAX_ATTEMPTS = env_int("VERIFICATION_CODE_MAX_ATTEMPTS", 5)
# Dietary, access and other requirements are erased this many days after the event ends.
REQUIREMENTS_RETENTION_DAYS = env_int("REQUIREMENTS_RETENTION_DAYS", 14)
# A report's exports (a drill-down names schools and people) are erased after this many days.
REPORT_EXPORT_RETENTION_DAYS = env_int("REPORT_EXPORT_RETENTION_DAYS", 7)
# The retention schedule: days each kind of personal data is kept (docs/privacy.md gives
# each period's reason; mathshubs.privacy.tasks.retention_enforce applies them daily).
# Requirements and reports' exports keep their own settings above and their own tasks.
RETENTION: dict[str, int] = {
    "verification_codes": env_int("RETENTION_VERIFICATION_CODES_DAYS", 1),
    "login_failures": env_int("RETENTION_LOGIN_FAILURES_DAYS", 1),
    "join_link_clicks": env_int("RETENTION_JOIN_LINK_CLICKS_DAYS", 90),
    "event_documents": env_int("RETENTION_EVENT_DOCUMENTS_DAYS", 730),
    "attendance_reports": env_int("RETENTION_ATTENDANCE_REPORTS_DAYS", 90),
    "survey_answers": env_int("RETENTION_SURVEY_ANSWERS_DAYS", 730),
    "inactive_accounts": env_int("RETENTION_INACTIVE_ACCOUNTS_DAYS", 3 * 365),
    "requirements": REQUIREMENTS_RETENTION_DAYS,
    "report_exports": REPORT_EXPORT_RETENTION_DAYS,
}
if any(days < 1 for days in RETENTION.values()):
    raise ImproperlyConfigured("Each RETENTION_*_DAYS must be at least 1")
VERIFICATION_CODE_MAX_SENDS_PER_HOUR = env_int("VERIFICATION_CODE_MAX_SENDS_PER_HOUR", 5)
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 10)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)

# Security: on by default whenever DEBUG is off; `mathshubs check --deploy` is clean
# once SECRET_KEY and ALLOWED_HOSTS are set (docs/operations.md).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
_secure = env_bool("SECURE_COOKIES", not DEBUG and env_bool("MATHSHUBS_PRODUCTION", False))
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _secure)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if _secure else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", _secure)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page uses these browser features (mathshubs.headers.permissions_policy).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "accelerometer=(), gyroscope=(), magnetometer=()"
)
# The Content Security Policy (django-csp 4, ADR 0015): every script and style sheet is
# a file served from this site, never inline. The one exception is the 500 page's own
# small <style>, allowed by its hash so the page needs no static file to look right
# (tests/test_security_headers.py recomputes the hash from templates/500.html).
_ERROR_PAGE_STYLE = "'sha256-N5NtQRbc21zyKTbODFaSP3qtSbkqpe73ChBLT3ZO4ls='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", _ERROR_PAGE_STYLE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"upgrade-insecure-requests": True} if _secure else {}),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
