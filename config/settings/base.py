"""Settings shared by every environment. Values come from the environment (see README);
dev, test and production only adjust or tighten what is here."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "brobygger.core",
    "brobygger.accounts",
    "brobygger.alliances",
    "brobygger.ledger",
    "brobygger.agreements",
    "brobygger.leadership",
    "brobygger.healthcheck",
    "brobygger.decisions",
    "brobygger.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "brobygger.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "brobygger.core.context_processors.solution",
                "brobygger.core.context_processors.chrome",
            ],
        },
    },
]

# Database: DATABASE_URL, or an embedded SQLite file under var/ (WAL mode).
DEFAULT_SQLITE_PATH = VAR_DIR / "brobygger.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}",
        # Connections are kept for a minute and checked before reuse: opening one per request
        # cost PostgreSQL most of its throughput (docs/performance.md).
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets the task worker and the web server read and write side by side;
            # IMMEDIATE transactions avoid "database is locked" on lock upgrades.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its username and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "brobygger.accounts.backends.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force protection on the site's and the admin's login (django-axes, counted in the
# database): after 5 failures for one username from one address, that pair is locked for 15
# minutes; the real user elsewhere is not, and can always reset the password.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "brobygger.core.net.client_ip"
AXES_VERBOSE = False
# No log of every successful login (IP address, browser) kept forever: only the failed
# attempts the lock needs, which go when the lock has run out (the privacy page says so).
AXES_DISABLE_ACCESS_LOG = True
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:front"
LOGOUT_REDIRECT_URL = "core:front"

# Danish first, English second.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The design system copied from npm by `make static` (brobygger/static/vendor/); the apps'
# own files come from their static/ folders.
STATICFILES_DIRS = [BASE_DIR / "brobygger" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# `brobygger serve` (gunicorn): workers are processes, so they use every core; two per core and
# one more keeps the cores busy while a request waits for the database, capped because each
# worker holds its own memory and database connection. Threads share a worker's memory; with
# PostgreSQL a few per worker let it answer while another thread waits on a query.
BROBYGGER_SERVE_WORKERS = int(os.environ.get("WEB_WORKERS", "0")) or min(2 * (os.cpu_count() or 1) + 1, 8)
BROBYGGER_SERVE_THREADS = int(os.environ.get("WEB_THREADS", "0")) or (
    1 if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else 4
)

# Slow work (email first of all) goes through the task queue; `make run` starts the worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Shared cache and client address.
# One cache shared by every process (web workers and the task worker), so cached figures and
# rate limits are the same whichever process answers: Redis when REDIS_URL is set, otherwise a
# table in the database, which `migrate` creates (brobygger/core/management/commands/migrate.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "brobygger",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "brobygger.core.cache.DatabaseCache",
            "LOCATION": "brobygger_cache",
            # Django's default of 300 would cull rate-limit counters under load.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# The reverse proxies whose X-Forwarded-For is believed: comma-separated IP addresses or CIDR
# networks. Empty: the client's address is always the connection's (brobygger.core.net).
BROBYGGER_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Brobygger <noreply@localhost>")

# Content Security Policy on every response (django-csp): only our own scripts, styles,
# images, fonts and connections; no inline scripts or styles, no framing, forms post only to
# us. The Django admin runs under it too (tests/browser/test_content_security_policy.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Confirmation messages live in the session, so no cookie beyond those the cookie page names.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# What the header and footer say about who is responsible (required of Danish public solutions).
BROBYGGER_SOLUTION_NAME = os.environ.get("BROBYGGER_SOLUTION_NAME", "Brobygger")
BROBYGGER_AUTHORITY_NAME = os.environ.get("BROBYGGER_AUTHORITY_NAME", "Brobygger-sekretariatet")
BROBYGGER_CONTACT_EMAIL = os.environ.get("BROBYGGER_CONTACT_EMAIL", "kontakt@brobygger.dk")
BROBYGGER_CONTACT_PHONE = os.environ.get("BROBYGGER_CONTACT_PHONE", "")
# How to reach the data controller's data protection officer (databeskyttelsesrådgiver); the
# privacy page names it. Without it, the page sends people to the contact address.
BROBYGGER_DPO_EMAIL = os.environ.get("BROBYGGER_DPO_EMAIL", "")
BROBYGGER_ACCESSIBILITY_STATEMENT_URL = os.environ.get(
    "BROBYGGER_ACCESSIBILITY_STATEMENT_URL", "https://www.was.digst.dk/"
)
BROBYGGER_INVITATION_DAYS = int(os.environ.get("BROBYGGER_INVITATION_DAYS", "14"))
# Invitations in the last 24 hours, counted in the database: per inviter and per alliance.
BROBYGGER_INVITATIONS_PER_INVITER_PER_DAY = int(os.environ.get("BROBYGGER_INVITATIONS_PER_INVITER_PER_DAY", "40"))
BROBYGGER_INVITATIONS_PER_ALLIANCE_PER_DAY = int(os.environ.get("BROBYGGER_INVITATIONS_PER_ALLIANCE_PER_DAY", "60"))
# Figures about people (a team's profile, profiles by sector) are shown only over at least
# this many people (DOMAIN.md: "at least three").
BROBYGGER_PRIVACY_THRESHOLD = max(3, int(os.environ.get("BROBYGGER_PRIVACY_THRESHOLD", "3")))
# Where the installation answers, for links in emails sent outside a request (reminders from
# `brobygger send_reminders`, run by cron); emails sent from a request use its own address.
BROBYGGER_BASE_URL = os.environ.get("BROBYGGER_BASE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Forms render with the design system's markup (brobygger/core/templates/forms/).
# --- The API (/api/v1/, docs/api.md) ---------------------------------------------------------
# Everything under this prefix answers errors as application/problem+json and speaks the
# language of the request's Accept-Language header, not the interface's language cookie.
BROBYGGER_API_PREFIX = "/api/"
# Requests per window (DRF's "N/second|minute|hour|day"), per token or session user, and per
# address for anonymous callers.
BROBYGGER_API_RATES = {
    "user": os.environ.get("API_RATE_USER", "1200/hour"),
    "anonymous": os.environ.get("API_RATE_ANONYMOUS", "300/hour"),
}
BROBYGGER_API_PAGE_SIZE = 50
BROBYGGER_API_MAX_PAGE_SIZE = 500
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "brobygger.api.authentication.TokenAuthentication",
        "brobygger.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["brobygger.api.permissions.TokenMayWrite"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "brobygger.api.throttling.UserRateThrottle",
        "brobygger.api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_PAGINATION_CLASS": "brobygger.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": [],
    "DEFAULT_SCHEMA_CLASS": "brobygger.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "brobygger.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
    "COERCE_DECIMAL_TO_STRING": True,
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Brobygger API",
    "DESCRIPTION": "Alliancer, parter, værdiregnskab og partnerskabsaftaler. Se docs/api.md.",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Choices that share a field name across apps get names of their own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "EntryVisibilityEnum": "brobygger.ledger.models.EntryVisibility",
        "ContributionKindEnum": "brobygger.ledger.models.ContributionKind",
        "GivenLineKindEnum": "brobygger.ledger.api.GIVEN_LINE_KINDS",
        "PhaseEnum": "brobygger.alliances.models.Phase",
        "LeadershipRoleEnum": "brobygger.leadership.dimensions.Role",
        "DecisionStatusEnum": "brobygger.decisions.taxonomy.Status",
    },
    "DISABLE_ERRORS_AND_WARNINGS": False,
}

FORM_RENDERER = "brobygger.core.forms.DesignSystemFormRenderer"
