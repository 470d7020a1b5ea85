from datetime import timedelta
from pathlib import Path

from django.urls import reverse_lazy

from .env import SQLITE_OPTIONS, env, env_bool, env_choice, env_database, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "news",
    "members",
    "member_review",
    "positions",
    "events",
    "calls",
    "needs",
    "council",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "csp",
    "axes",
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
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "idekammare.security.ContentSecurityPolicyMiddleware",
    "idekammare.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # What Varnish may keep, and its cache tags; outside the session and CSRF middleware, so
    # that it sees every cookie they set.
    "home.core.http_cache.HttpCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "idekammare.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Representatives reach only the admin views of the reviews they are asked about.
    "member_review.representative_gate.RepresentativeGateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Pages go live as the request's user, and an admin request is one transaction; inside the
    # messages middleware, so that a refusal raised at the commit still reaches the user.
    "home.core.publication.PublicationGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wrong page passwords and password resets are counted per client address.
    "idekammare.throttling.ThrottleMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks for a lockout first (its backend logs no one in); Django's model backend
# then authenticates. AxesBackend rather than the standalone one, so that it can also load a
# user for Wagtail's test helpers, which log in through the first backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "idekammare.urls"
WSGI_APPLICATION = "idekammare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# A fresh PostgreSQL connection per request cost a 2.4x drop in throughput here.
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, except that a Redis that cannot be reached makes a cache miss, not an error.
            "BACKEND": "home.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that accepts connections and never answers holds a request no longer.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Kept in each process, as their keys never change meaning: what a page shows of other rows, under
# the generation whose key names it (home/core/navigation.py), and the renditions Wagtail writes
# to the cache on every request, whose keys name their image's file hash.
CACHES.update(
    {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": alias,
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
        for alias in ("generation", "renditions")
    }
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", "Svenska"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
# Image renditions under MEDIA_URL/images/ are served by the web server in front (deploy/nginx).
# `make serve` has none, so there gunicorn serves them itself; never set this behind nginx.
SERVE_IMAGE_RENDITIONS = env_bool("SERVE_IMAGE_RENDITIONS", False)
BACKUP_DIR = Path(env("BACKUP_DIR", BASE_DIR / "backups"))
STORAGES = {
    # Uploads are written whole or not at all (home/core/storage.py).
    "default": {"BACKEND": "home.core.storage.WholeFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Mail goes into the outbox (home/core/outbox.py); the worker sends it through the delivery backend.
EMAIL_BACKEND = "home.core.outbox.QueueingEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# A mail server that accepts a connection and never answers holds a worker no longer than this.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Idékammaren <noreply@idekammaren.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks). E-mail waits in a queue in the database and is sent by
# `manage.py db_worker --backend email` (home/core/outbox.py), so no request waits for SMTP and a
# mail that cannot be sent is tried again. Wagtail's own tasks (search and reference index) run
# in the request, as they always have.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

SESSION_COOKIE_HTTPONLY = True
# Only admin users have sessions; a working day without a request logs them out.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

ADMIN_PATH_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
    }
}
PERMISSIONS_POLICY_DISABLED_FEATURES = [
    "accelerometer",
    "browsing-topics",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

# Five failed logins for one username from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

# One line per record: "text" for people, "json" (one object a line) for log shippers. A request
# that fails because the database is down is one line, without the traceback (idekammare/logging.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "idekammare.logging.JsonFormatter"},
    },
    "filters": {"database_unavailable": {"()": "idekammare.logging.DatabaseUnavailableFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_choice("LOG_FORMAT", ["text", "json"], "text"),
        }
    },
    "loggers": {"django.request": {"filters": ["database_unavailable"]}},
    "root": {
        "handlers": ["console"],
        "level": env_choice(
            "LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], "WARNING"
        ),
    },
}

WAGTAIL_SITE_NAME = "Idékammaren"
WAGTAILADMIN_USER_LOGIN_FORM = "home.core.admin_login.LoginForm"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Each page is stemmed in its own language: by PostgreSQL's text-search configurations, or by
# Snowball for SQLite's full-text search (search/backends/).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "django.db.backends.postgresql": {
            "BACKEND": "search.backends.postgres",
            "SEARCH_CONFIG": "swedish",
        },
        "django.db.backends.sqlite3": {"BACKEND": "search.backends.sqlite"},
    }.get(DATABASES["default"]["ENGINE"], {"BACKEND": "wagtail.search.backends.database"})
}
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105 (a template name)
# Every account is an admin account, so a page for logged-in readers asks at the admin login.
WAGTAIL_FRONTEND_LOGIN_URL = reverse_lazy("wagtailadmin_login")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt"]
# Documents are accepted by content, not name, and a failed write is an error on the form
# (home/core/document_content.py, home/core/upload_forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.core.upload_forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.core.upload_forms.ImageForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from a third party in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# The open-data API is read-only JSON; no browsable HTML API, no sessions or CSRF cookies.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}

# Member review: members vote on one revision, and exactly that revision is published.
WAGTAIL_FINISH_WORKFLOW_ACTION = "member_review.finish.finish_workflow"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Autosave would rewrite drafts every few seconds, restarting a running review each time.
WAGTAIL_AUTOSAVE_INTERVAL = 0

# Throttling. Behind reverse proxies, the client's address is taken from the right of
# X-Forwarded-For, one entry per trusted proxy (home/core/throttling.py); 0 uses REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "home.core.throttling.client_address"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "idekammare.throttling.PasswordResetForm"  # noqa: S105

# Shared caching (home/core/http_cache.py): browsers keep a public response a minute, Varnish ten
# and is told by tag what to purge on change (home/core/xkey_purge.py). Searches, filtered and
# paginated listings and 404s are kept a minute.
HTTP_CACHE_MAX_AGE = env_int("HTTP_CACHE_MAX_AGE", 60)
HTTP_CACHE_SHARED_MAX_AGE = env_int("HTTP_CACHE_SHARED_MAX_AGE", 600)
HTTP_CACHE_QUERY_SHARED_MAX_AGE = env_int("HTTP_CACHE_QUERY_SHARED_MAX_AGE", 60)
HTTP_CACHE_NOT_FOUND_SHARED_MAX_AGE = env_int("HTTP_CACHE_NOT_FOUND_SHARED_MAX_AGE", 60)
HTTP_CACHE_STALE_WHILE_REVALIDATE = 60
HTTP_CACHE_STALE_IF_ERROR = 24 * 60 * 60
# One Varnish per address in VARNISH_PURGE_URL (comma-separated); unset, nothing is purged.
HTTP_CACHE_PURGE_TIMEOUT = 2
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {
        "BACKEND": "home.core.xkey_purge.XkeyBackend",
        "LOCATION": location,
        "TIMEOUT": HTTP_CACHE_PURGE_TIMEOUT,
    }
    for number, location in enumerate(env_list("VARNISH_PURGE_URL"))
}
