"""The one settings module of NIK, configured by NIK_* environment variables.

See docs/deployment.md for every variable. An optional, git-ignored
`nik/local_settings.py` may override values on a developer's machine.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DATA_DIR = Path(env_str("NIK_DATA_DIR", str(PROJECT_DIR / "data")))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """NIK_SECRET_KEY, or a random key kept in the data folder for a one-machine install.

    Several app servers must share one key: production sets NIK_SECRET_KEY.
    """
    key = env_str("NIK_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


# Demo mode: `nik demo` / `make demo`. 2FA off, a banner on every page. A demo is shown to
# people, so it has production's error pages: DEBUG stays off unless NIK_DEBUG asks for it.
DEMO = env_bool("NIK_DEMO", False)
DEBUG = env_bool("NIK_DEBUG", False)
# Served from this machine over plain HTTP (a developer's or a demo): static files straight from
# the source folders, no HTTPS redirect or secure-only cookies.
LOCAL_SERVE = DEBUG or DEMO
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("NIK_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("NIK_CSRF_TRUSTED_ORIGINS", [])

# Every role that can see family data needs a second factor (NEN 7510).
REQUIRE_2FA = env_bool("NIK_REQUIRE_2FA", not DEMO)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    # Before allauth, so our templates (layout, login page) take precedence over its own.
    "nik.core",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_htmx",
    "pgtrigger",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "nik.network",
    "nik.roadmap",
    "nik.families",
    "nik.careplans",
    "nik.directory",
    "nik.learning",
    "nik.casework",
    "nik.monitoring",
    "nik.signals",
    "nik.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "nik.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nik.core.middleware.SessionIdleMiddleware",
    "nik.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "nik.core.middleware.AccessPointMiddleware",
    "nik.core.middleware.SessionExpiredMiddleware",
    "nik.core.middleware.RequireTwoFactorMiddleware",
    # Axes last: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nik.urls"
WSGI_APPLICATION = "nik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nik.core.context_processors.nik",
                "nik.core.nav.area_nav",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Django's form and widget templates through Jinja2 (nik/core/forms.py says why).
FORM_RENDERER = "nik.core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("NIK_DATABASE_URL", f"sqlite:///{DATA_DIR / 'nik.sqlite3'}"),
        conn_max_age=env_int("NIK_DATABASE_CONN_MAX_AGE", 0),
        # A reused connection is checked before a request uses it (a restarted database).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # IMMEDIATE: writers queue up instead of failing half-way ("database is locked"),
    # which keeps the audit chain in order on the one-process install too.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One shared cache in the database: rate limits must hold across app processes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "nik_cache",
    }
}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's validators with their messages in our words and catalogue (nik/core/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "nik.core.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "nik.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "nik.core.passwords.CommonPasswordValidator"},
    {"NAME": "nik.core.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# Sessions end after this much inactivity: SessionIdleMiddleware pushes the end on once a minute
# while the session is used (not a write on every request).
SESSION_COOKIE_AGE = env_int("NIK_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-allauth: e-mail login, no public sign-up (accounts come from the admin and invitations).
ACCOUNT_ADAPTER = "nik.core.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/accounts/login/"
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Failed logins are counted and locked by django-axes alone, so the message is one and clear.
ACCOUNT_RATE_LIMITS = {"login_failed": False}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = LOCAL_SERVE
MFA_TOTP_ISSUER = "NIK"

# django-axes: five wrong passwords lock the account for a while.
AXES_FAILURE_LIMIT = env_int("NIK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NIK_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locked per account, not per address: hospital staff share a few NAT addresses, and one
# person's typing must not lock out a ward. Per-address limits belong to the proxy.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "nik.core.auth.axes_username"
AXES_LOCKOUT_CALLABLE = "nik.core.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Short date formats in each language's own way ("1 mrt 2026"): nik/core/locale_formats.
FORMAT_MODULE_PATH = ["nik.core.locale_formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Background work (django-tasks): spreadsheet imports run as tasks. "immediate" runs them within
# the request (one process, the demo, the tests); production sets "database" and runs
# `nik db_worker` beside the app servers (docs/deployment.md).
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env_str("NIK_TASKS_BACKEND", "immediate")]
    }
}

# Uploaded files (none yet; certificates and documents later): part of `nik backup`.
MEDIA_ROOT = Path(env_str("NIK_MEDIA_ROOT", str(DATA_DIR / "media")))

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("NIK_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if LOCAL_SERVE
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = LOCAL_SERVE

EMAIL_HOST = env_str("NIK_EMAIL_HOST")
EMAIL_PORT = env_int("NIK_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("NIK_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("NIK_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("NIK_EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("NIK_DEFAULT_FROM_EMAIL", "NIK <noreply@nik.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Behind a TLS-terminating proxy in production (docs/deployment.md).
if not LOCAL_SERVE:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("NIK_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("NIK_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy (django-csp): scripts only from our own static files or with
# the request's nonce, no inline script, no eval, nothing from other sites. Style attributes are
# allowed (the milestone timeline positions its bars with them); style elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features a page may use: the wegwijzer asks for the location; passkeys log in.
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), "
    "publickey-credentials-get=(self), publickey-credentials-create=(self)"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("NIK_LOG_LEVEL", "WARNING")},
}

with contextlib.suppress(ImportError):
    from nik.local_settings import *  # noqa: F403
