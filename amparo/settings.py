"""Amparo settings: one module, every value from the environment.

Defaults make `make run` work on a fresh machine with nothing set (SQLite under var/, console
email). `DJANGO_ENV=production` refuses to start without a secret key and allowed hosts.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("AMPARO_VAR_DIR", PROJECT_DIR / "var"))

DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV must be development, production or test, not {DJANGO_ENV!r}"
    )
PRODUCTION = DJANGO_ENV == "production"
DEBUG = os.environ.get("DJANGO_DEBUG", "0" if PRODUCTION else "1") == "1"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_ENV=production")
    # Development only: a fixed key keeps sessions across restarts; never used in production.
    SECRET_KEY = "amparo-development-key-not-for-production-use-0123456789abcdef"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    if PRODUCTION:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "amparo.core",
    "amparo.accounts",
    "amparo.people",
    "amparo.cases",
    "amparo.custody",
    "amparo.courts",
    "amparo.relief",
    "amparo.deadlines",
    "amparo.advocacy",
    "amparo.documents",
    "amparo.audit",
    "amparo.reports",
    "amparo.exchange",
    "amparo.api",
    "amparo.search",
    "amparo.sampledata",
]

MIDDLEWARE = [
    "amparo.core.edge.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files before anything that touches the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so every API error below it leaves in the one JSON shape.
    "amparo.api.edge.ApiEdgeMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the cookie or the browser; a signed-in member's profile wins below.
    "django.middleware.locale.LocaleMiddleware",
    "amparo.core.sessions.SessionRefreshMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "amparo.accounts.language.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "amparo.audit.middleware.AuditContextMiddleware",
    "amparo.core.edge.EdgeMiddleware",
    # After authentication: members of an organisation that requires MFA set it up first.
    "amparo.accounts.middleware.RequireMfaMiddleware",
    "amparo.core.middleware.OrganisationTimeZoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "amparo.urls"
WSGI_APPLICATION = "amparo.wsgi.application"

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
                # `may`: which pages the member may open, so links show only to them.
                "amparo.accounts.context_processors.may",
            ],
            # `|shown:"day"` and the like: dates for people, in the language's order.
            # `|intcomma`: counts grouped the language's way (1,234 · 1.234).
            "builtins": [
                "amparo.core.templatetags.dates",
                "django.contrib.humanize.templatetags.humanize",
            ],
        },
    },
]

# SQLite (WAL) is the embedded default; PostgreSQL is chosen with DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'amparo.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# PostgreSQL compiles a statement it thinks costly with LLVM (JIT) before running it: for the
# reports over a million decisions that took 1.8–3.2 s of a 2.5–5 s answer, more than the
# query itself (EXPLAIN ANALYZE "JIT: Timing", docs/benchmarks.md). Amparo's statements finish
# well before JIT would pay back, so it is off for Amparo's connections.
# The statements Amparo prepares (`core.rawsql.statements_prepared`: the case page's, a list's
# page) are planned once, for any values: each is led by an index on the case or the
# organisation whatever the values, and PostgreSQL's own choice kept planning a search's page
# anew on every request (2.3 ms of a 4.5 ms statement). No other statement is prepared.
PG_CONNECTION_OPTIONS = "-c jit=off -c plan_cache_mode=force_generic_plan"
# 0 for a connection pooler that cannot carry prepared statements (docs/deployment.md).
AMPARO_PG_PREPARED = os.environ.get("AMPARO_PG_PREPARED", "1") == "1"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Kept open like PostgreSQL's: opening one and running the PRAGMAs cost about 0.5 ms of
    # CPU per request (docs/benchmarks.md, "Load"). Autocommit holds no snapshot between requests.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades
        # that SQLite would otherwise answer with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME", "")}
else:
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("POSTGRES_TEST_NAME", "test_amparo")}
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", PG_CONNECTION_OPTIONS)
    if AMPARO_PG_PREPARED:
        # psycopg prepares a statement only when asked (`prepare=True`), never by how often it
        # ran: Django's default (None) forbids even that, and its own cursors never prepare.
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", sys.maxsize)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2id first (memory-hard); older hashes still verify and are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if DJANGO_ENV == "test":
    # Argon2 spends ~100 MiB and a noticeable fraction of a second per hash by design; the suite
    # creates users by the hundred. Tests that check Argon2 itself name the hasher explicitly.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

# Sign-in: django-axes watches every attempt first (lockout), then Django's backend (used by
# force_login, the admin and `authenticate(email=…)`), then allauth's (sign-in by email).
AUTHENTICATION_BACKENDS = [
    "amparo.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"  # the home page: what needs action now
LOGOUT_REDIRECT_URL = "/accounts/login/"

# django-allauth: accounts are created by organisation admins (`amparo user create`), never by
# sign-up; people sign in with their email address; TOTP and recovery codes as second factor.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_ENABLED = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False  # no "remember me": sessions end with the browser or when idle
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Amparo] "
# django-axes counts failed sign-ins in the database (below); allauth's own cache-based counter
# would answer first with a different message, so it is left to axes. allauth's "login" limit
# counts attempts per client address alone: behind an office proxy or NAT one person's typos
# for made-up addresses would lock out every colleague, so it is off too (axes locks the pair
# of address typed and client address).
ACCOUNT_RATE_LIMITS = {"login_failed": None, "login": None}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Amparo"

# django-axes: after 5 failed sign-ins for one email address from one address, that pair is
# locked out for an hour; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "amparo.accounts.backends.attempted_email"
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy: how many proxies in front of Amparo append to X-Forwarded-For. 0 (the
# default) trusts no header: the client address is the connection's. See docs/deployment.md.
AMPARO_TRUSTED_PROXIES = int(os.environ.get("AMPARO_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "amparo.core.edge.client_address"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit trail
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "code"]

# English is the source language; Spanish and Arabic catalogues live in amparo/locale/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "amparo_language"
LANGUAGE_COOKIE_SECURE = DJANGO_ENV == "production"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("AMPARO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# WhiteNoise serves STATIC_ROOT (filled by `amparo collectstatic`, which `amparo serve` runs).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise from the
# checkout like the static files: no request reaches a view or leaves the machine for them.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Documents go through Django's storage API: the filesystem under MEDIA_ROOT by default, or any
# S3-compatible store (AWS, MinIO, Ceph…) when AMPARO_S3_BUCKET is set. Files are private and
# always downloaded through Amparo's access gate, never from a bucket URL.
# Document files are staged until their row commits (amparo/documents/storage.py).
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "amparo.documents.storage.DocumentStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if os.environ.get("AMPARO_S3_BUCKET"):
    STORAGES = {
        "default": {
            "BACKEND": "amparo.documents.storage_s3.S3DocumentStorage",
            "OPTIONS": {
                "bucket_name": os.environ["AMPARO_S3_BUCKET"],
                "endpoint_url": os.environ.get("AMPARO_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("AMPARO_S3_REGION") or None,
                "access_key": os.environ.get("AMPARO_S3_ACCESS_KEY_ID") or None,
                "secret_key": os.environ.get("AMPARO_S3_SECRET_ACCESS_KEY") or None,
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

# Email: EMAIL_URL such as smtp://user:pass@host:587 (TLS implied on 587) or console://.
_email_url = os.environ.get("EMAIL_URL", "console://")
if _email_url.startswith("console://"):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _email_url.startswith("locmem://"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
elif _email_url.startswith(("smtp://", "smtps://")):
    from urllib.parse import unquote, urlsplit

    _parts = urlsplit(_email_url)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _parts.hostname or "localhost"
    EMAIL_PORT = _parts.port or (465 if _parts.scheme == "smtps" else 25)
    EMAIL_HOST_USER = unquote(_parts.username or "")
    EMAIL_HOST_PASSWORD = unquote(_parts.password or "")
    EMAIL_USE_SSL = _parts.scheme == "smtps"
    EMAIL_USE_TLS = not EMAIL_USE_SSL and EMAIL_PORT == 587
else:
    raise ImproperlyConfigured(
        "EMAIL_URL must start with console://, locmem://, smtp:// or smtps://"
    )
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "amparo@localhost")
# Absolute links in emails and calendar feeds, e.g. https://amparo.example.org
AMPARO_BASE_URL = os.environ.get("AMPARO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Documents: evidence uploads and PDF copies (amparo/documents).
AMPARO_UPLOAD_MAX_BYTES = int(os.environ.get("AMPARO_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# A Unicode TrueType font for PDFs; blank: DejaVu Serif if installed, else Latin-1 Times.
AMPARO_PDF_FONT = os.environ.get("AMPARO_PDF_FONT", "")
AMPARO_PDF_FONT_BOLD = os.environ.get("AMPARO_PDF_FONT_BOLD", "")
AMPARO_PDF_FONT_ITALIC = os.environ.get("AMPARO_PDF_FONT_ITALIC", "")
# A submitted request with no answer after this many hours is flagged overdue (per-type override).
AMPARO_REQUEST_OVERDUE_HOURS = int(os.environ.get("AMPARO_REQUEST_OVERDUE_HOURS", "72"))
# Hours after a "not found" in the detainee locator before the team is asked to search again.
AMPARO_LOCATOR_RECHECK_HOURS = int(os.environ.get("AMPARO_LOCATOR_RECHECK_HOURS", "24"))

SESSION_COOKIE_HTTPONLY = True
# Idle expiry: every request renews the session, so it ends after this many idle seconds.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60)))
# Idle expiry is kept by amparo.core.sessions.SessionRefreshMiddleware, which saves the session
# at most every few minutes instead of on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): scripts and styles only from Amparo's own static files,
# no inline script or style, no framing. htmx is told in base.html not to inject its indicator
# style and not to evaluate expressions, so it needs no 'unsafe-inline' or 'unsafe-eval'.
CONTENT_SECURITY_POLICY: dict[str, dict[str, list[str] | bool]] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # data: for the TOTP QR code allauth renders inline
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # django-axes logs every sign-in with the address typed; the audit trail has them.
        "axes": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50

# --- Beyond one machine (docs/deployment.md) ---------------------------------------------------
# Background tasks through the django-tasks interface. AMPARO_TASK_BACKEND: `database` (the
# default: no extra service, worker `amparo db_worker`), `rq` (Redis at REDIS_URL, worker
# `amparo rqworker default`), or `immediate` (run at once; what tests use).
REDIS_URL = os.environ.get("REDIS_URL", "")
TASK_BACKEND = os.environ.get(
    "AMPARO_TASK_BACKEND", "immediate" if DJANGO_ENV == "test" else "database"
)
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASK_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"AMPARO_TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}")
if TASK_BACKEND == "rq" and not REDIS_URL:
    raise ImproperlyConfigured("AMPARO_TASK_BACKEND=rq needs REDIS_URL (redis://host:6379/0)")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASK_BACKEND]}}
if TASK_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")  # the `amparo rqworker` command
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 900}}

# A shared cache (and cached sessions) in Redis when AMPARO_CACHE_URL (or REDIS_URL) is set;
# otherwise each process keeps its own small in-memory cache.
CACHE_URL = os.environ.get("AMPARO_CACHE_URL", REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Reports read from a PostgreSQL replica when DATABASE_REPLICA_URL is set (amparo.core.replica).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("options", PG_CONNECTION_OPTIONS)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["amparo.core.replica.ReportsReplicaRouter"]
    MIDDLEWARE.append("amparo.core.replica.ReportsOnReplicaMiddleware")
