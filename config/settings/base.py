"""Settings shared by every mode; everything site-specific comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from lms.conf import DEFAULTS as LMS_DEFAULTS

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
# The embedded SQLite database and uploaded media live here.
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name, default=""):
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-local-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "courses",
    "content",
    "lms",
    "lms.contrib.xapi",
    "lms.contrib.badges",
    "csp",
    "axes",
    "tasks",
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.core.csp.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers locked-out sign-ins.
    "axes.middleware.AxesMiddleware",
]

# Only our own origin, no inline code on the site's pages; the admin's prefix
# also allows inline script and style (lms.core.csp says why).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
# Server-side binding lets psycopg prepare the statements a process repeats, so
# PostgreSQL stops parsing and planning them on every request: on the event API
# it took single-event throughput from about 390 to about 550 requests/s.
SERVER_SIDE_BINDING = os.environ.get("DATABASE_SERVER_SIDE_BINDING", "1") != "0"
if DATABASES["default"]["ENGINE"].endswith("postgresql") and SERVER_SIDE_BINDING:
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's backend, reading the user's profile and permissions in fewer queries.
# Also django-axes' backend: it refuses a locked-out sign-in before the password.
AUTHENTICATION_BACKENDS = ["lms.backends.ModelBackend"]

# Sign-in throttling (lms/core/throttling.py): per username and address on the
# sign-in pages, per address for failed API tokens, counted in the database.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lms.core.throttling.lockout_response"
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }
# Invitation and reset links to set a password work for a week (and once).
PASSWORD_RESET_TIMEOUT = 7 * 24 * 3600

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Evidence uploads: never under MEDIA_ROOT, served only through permission checks.
LMS_PRIVATE_ROOT = Path(os.environ.get("LMS_PRIVATE_ROOT", VAR_DIR / "private"))
# The plugin's other settings (lms/conf.py says what each does), from the
# environment, else the plugin's own defaults.
LMS_EVIDENCE_MAX_BYTES = int(
    os.environ.get("LMS_EVIDENCE_MAX_BYTES", LMS_DEFAULTS["EVIDENCE_MAX_BYTES"])
)
LMS_EVIDENCE_MAX_FILES = int(
    os.environ.get("LMS_EVIDENCE_MAX_FILES", LMS_DEFAULTS["EVIDENCE_MAX_FILES"])
)
LMS_APPLY_DRAIN = int(os.environ.get("LMS_APPLY_DRAIN", LMS_DEFAULTS["APPLY_DRAIN"]))
LMS_HANDOFF_SECONDS = float(
    os.environ.get("LMS_HANDOFF_SECONDS", LMS_DEFAULTS["HANDOFF_SECONDS"])
)
for _name in (
    "APPLY_MAX_FAILURES",
    "HANDOFF_MAX_PENDING",
    "SWEEP_SECONDS",
    "SWEEP_AGE_SECONDS",
):
    globals()[f"LMS_{_name}"] = int(os.environ.get(f"LMS_{_name}", LMS_DEFAULTS[_name]))

LOGIN_URL = "lms:login"
LOGIN_REDIRECT_URL = "lms:home"
LOGOUT_REDIRECT_URL = "/"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "learning@localhost")

# A module page and an upload stay far below this; larger bodies are refused.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

WAGTAIL_SITE_NAME = "Front line to team leader"
# The admin asks no outside service: no avatars from gravatar, no release feed.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# xAPI statements go to this LRS once it is set (lms/contrib/xapi).
LMS_XAPI_ENDPOINT = os.environ.get("LMS_XAPI_ENDPOINT", "")
LMS_XAPI_USERNAME = os.environ.get("LMS_XAPI_USERNAME", "")
LMS_XAPI_PASSWORD = os.environ.get("LMS_XAPI_PASSWORD", "")

WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "txt", "xlsx"]
TAGGIT_CASE_INSENSITIVE = True

# Celery: no broker configured means every task runs eagerly, in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Beat runs the nightly and weekly jobs in the site's time zone.
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A frozen broker makes a publish fail within seconds instead of blocking the
# web process (docs/decisions.md, "Background work that must not stall").
CELERY_BROKER_CONNECTION_TIMEOUT = float(
    os.environ.get("CELERY_BROKER_CONNECTION_TIMEOUT", "2")
)
CELERY_BROKER_SOCKET_TIMEOUT = float(
    os.environ.get("CELERY_BROKER_SOCKET_TIMEOUT", "5")
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # A few minutes above the longest task and retry countdown (tasks/policy.py),
    # so a running task is never handed out twice, yet a message whose worker
    # died comes back within minutes, not an hour.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600")),
    "socket_timeout": CELERY_BROKER_SOCKET_TIMEOUT,
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Wagtail's immediate task backend logs every search-index update at INFO.
    # Page actions are kept in Wagtail's audit log; the console needs no copy.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
