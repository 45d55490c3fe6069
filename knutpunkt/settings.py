"""Knutpunkt's one settings module.

Everything that differs between a laptop and production comes from environment variables (see README,
"Configuration"). With nothing set, Knutpunkt runs on an embedded SQLite database in KNUTPUNKT_DATA_DIR.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from knutpunkt.config import ConfigError, data_dir, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

PRODUCTION = env_bool("KNUTPUNKT_PRODUCTION")
DEBUG = env_bool("KNUTPUNKT_DEBUG", default=False)
# Demo mode lets the seeded demo accounts sign in without a second factor, and says so on every page.
DEMO_MODE = env_bool("KNUTPUNKT_DEMO", default=False)
if PRODUCTION and (DEBUG or DEMO_MODE):
    raise ConfigError("KNUTPUNKT_PRODUCTION cannot be combined with KNUTPUNKT_DEBUG or KNUTPUNKT_DEMO")

SECRET_KEY = env_str("KNUTPUNKT_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ConfigError("KNUTPUNKT_SECRET_KEY must be set in production")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production-0123456789"  # noqa: S105 - dev only

ALLOWED_HOSTS = env_list("KNUTPUNKT_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("KNUTPUNKT_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "mozilla_django_oidc",
    "knutpunkt.core",
    "knutpunkt.accounts",
    "knutpunkt.organisations",
    "knutpunkt.people",
    "knutpunkt.audit",
    "knutpunkt.plans",
    "knutpunkt.indicators",
    "knutpunkt.prevention",
    "knutpunkt.api",
    "knutpunkt.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "knutpunkt.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "knutpunkt.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "knutpunkt.accounts.middleware.SecondFactorMiddleware",
    "knutpunkt.organisations.middleware.ActorMiddleware",
    # Last, so that a locked-out sign-in attempt is answered before the view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "knutpunkt.urls"
WSGI_APPLICATION = "knutpunkt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "knutpunkt.core.context_processors.knutpunkt",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------------------------------
# KNUTPUNKT_DATABASE_URL selects PostgreSQL in production (postgres://user:password@host:5432/name).
_database_url = env_str("KNUTPUNKT_DATABASE_URL")
if _database_url:
    if not _database_url.startswith(("postgres://", "postgresql://")):
        raise ConfigError("KNUTPUNKT_DATABASE_URL must be a postgres:// URL")
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("KNUTPUNKT_DB_CONN_MAX_AGE", 60))}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "knutpunkt.sqlite3"),
            "OPTIONS": {
                # WAL and a busy timeout let the web server and the background worker share the file.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after this many minutes without a request (the cookie is renewed on every request).
SESSION_IDLE_MINUTES = env_int("KNUTPUNKT_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lock-out after repeated failed sign-ins (django-axes), per user name and address.
AXES_FAILURE_LIMIT = env_int("KNUTPUNKT_LOCKOUT_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("KNUTPUNKT_LOCKOUT_MINUTES", 30, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Knutpunkt"

# Optional OpenID Connect sign-in (an eID or SITHS identity provider), on when a client id is configured.
OIDC_RP_CLIENT_ID = env_str("KNUTPUNKT_OIDC_CLIENT_ID")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if OIDC_ENABLED:
    OIDC_RP_CLIENT_SECRET = env_str("KNUTPUNKT_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("KNUTPUNKT_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env_str("KNUTPUNKT_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env_str("KNUTPUNKT_OIDC_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env_str("KNUTPUNKT_OIDC_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("KNUTPUNKT_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("KNUTPUNKT_OIDC_SCOPES", "openid email profile")
    OIDC_CREATE_USER = False  # Accounts are created by a local administrator, never by the identity provider.
    missing = [
        name
        for name, value in {
            "KNUTPUNKT_OIDC_CLIENT_SECRET": OIDC_RP_CLIENT_SECRET,
            "KNUTPUNKT_OIDC_AUTHORIZATION_ENDPOINT": OIDC_OP_AUTHORIZATION_ENDPOINT,
            "KNUTPUNKT_OIDC_TOKEN_ENDPOINT": OIDC_OP_TOKEN_ENDPOINT,
            "KNUTPUNKT_OIDC_USER_ENDPOINT": OIDC_OP_USER_ENDPOINT,
        }.items()
        if not value
    ]
    if missing:
        raise ConfigError("OpenID Connect is on but these are not set: " + ", ".join(missing))
    AUTHENTICATION_BACKENDS.append("knutpunkt.accounts.oidc.KnutpunktOIDCBackend")
    LOGIN_REDIRECT_URL_FAILURE = "/konto/logga-in/"

# --- Language, time ------------------------------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -------------------------------------------------------------------------------
STATIC_URL = "/static/"
# Collected files are served from STATIC_ROOT in production; elsewhere WhiteNoise serves straight from the apps.
STATIC_ROOT = Path(env_str("KNUTPUNKT_STATIC_ROOT", str(DATA_DIR / "static"))) if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Background tasks (on the database: no broker to install) ------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Mail ----------------------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("KNUTPUNKT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("KNUTPUNKT_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("KNUTPUNKT_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("KNUTPUNKT_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("KNUTPUNKT_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("KNUTPUNKT_EMAIL_TLS")
DEFAULT_FROM_EMAIL = env_str("KNUTPUNKT_FROM_EMAIL", "knutpunkt@localhost")

# --- Security ------------------------------------------------------------------------------------------------
# Audit events are kept at least this long (HSLF-FS 2016:40: logs kept at least five years).
AUDIT_RETENTION_YEARS = env_int("KNUTPUNKT_AUDIT_RETENTION_YEARS", 5, minimum=5)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("KNUTPUNKT_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("KNUTPUNKT_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KNUTPUNKT_LOG_LEVEL", "INFO")},
    # django_tasks_db's worker says "no more tasks" after every poll of `knutpunkt worker`; task runs are still
    # logged by django_tasks.
    "loggers": {"axes": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}},
}
