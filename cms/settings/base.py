"""Settings shared by every environment.

Everything is read from the environment through ``env`` below, and every value has a
default that gives the *embedded* setup: SQLite, local media files, django-q2 on the
ORM broker, Wagtail's database search backend and a local-memory cache. ``production``
removes the defaults that must never reach a real server (secret key, hosts).
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="sepakat-embedded-insecure-key-change-me-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications ---------------------------------------------------------------------

SEPAKAT_APPS = [
    "organizations",
    "audit",
    "notifications",
    "forms_builder",
    "reporting",
    "planning",
    "budget",
    "complaints",
    "wbs",
    "api",
    "home",
    "search",
    "ops",
]

INSTALLED_APPS = [
    *SEPAKAT_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "health_check",
    "csp",
    "django_filters",
    "graphene_django",
    "simple_history",
    "django_q",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: WBS requests forget their client before anything can log it (home/edge.py, ADR 0010).
    "home.edge.ClientPrivacyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.csp.SepakatCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.language.SepakatLocaleMiddleware",  # Indonesian unless chosen (?lang=, cookie); not Accept-Language
    # Whole public pages for anonymous visitors, after the language is known (home/page_cache.py, ADR 0019).
    "home.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "organizations.middleware.PemdaTimezoneMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a login refused by django-axes into the 429 lockout answer (ops.lockouts).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
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
            "libraries": {"sepakat_format": "cms.templatetags.sepakat_format"},
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# --- Database -------------------------------------------------------------------------
# SQLite is shared by the web process and the django-q2 worker in the embedded setup:
# WAL lets readers and one writer work together, the busy timeout waits for the lock
# instead of failing, and IMMEDIATE transactions take the write lock up front so two
# writers never deadlock on an upgrade from read to write.

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and jobs -------------------------------------------------------------------

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, keeping its redis-py client per process (cms/redis.py).
            "BACKEND": "cms.redis.SepakatRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sepakat",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Lists count at most this many rows (cms/counting.py, ADR 0019): above it REST says
# ``count_capped``, GraphQL ``totalCountCapped`` and the audit timeline "lebih dari 10.000".
LIST_COUNT_CAP = env.int("LIST_COUNT_CAP", default=10_000)

# Open311 ``GET requests`` answers are kept this many seconds (api/open311/cache.py; 0 = off) and
# dropped at each refresh of the complaints' public figures.
OPEN311_CACHE_SECONDS = env.int("OPEN311_CACHE_SECONDS", default=60)

# Server-side page cache for anonymous visitors (home/page_cache.py, ADR 0019): on/off, and the
# longest an entry lives (seconds; pages with live figures live at most 60 s, and every entry is
# purged when its page is published or the figures it shows are refreshed).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=300)

# Without REDIS_URL the cache lives inside each process: `check --deploy` fails (ops.E001)
# unless this install really runs one web process and one worker (SINGLE_PROCESS=true).
SINGLE_PROCESS = env.bool("SINGLE_PROCESS", default=False)

# django-q2: ``retry`` must be larger than ``timeout`` or a slow task runs twice.
Q_CLUSTER = {
    "name": "sepakat",
    "workers": env.int("Q_WORKERS", default=1),
    "timeout": env.int("Q_TIMEOUT", default=300),
    "retry": env.int("Q_RETRY", default=360),
    "max_attempts": 3,
    "queue_limit": 50,
    # A worker is replaced after this many jobs. A new worker is forked from the cluster's master but
    # imports each job's module again on its first job (about 2 s of CPU), so recycling every 500
    # jobs (django-q2's default) cost more than the jobs themselves at a few submissions per second
    # (ADR 0019). Q_MAX_RSS_KB recycles a worker that grew past that many kilobytes instead.
    "recycle": env.int("Q_RECYCLE", default=20000),
    "max_rss": env.int("Q_MAX_RSS_KB", default=0) or None,
    "catch_up": False,
    "label": "Jobs",
    # Every worker machine may run the scheduler (django-q2 locks due schedules with
    # SELECT ... FOR UPDATE); Q_SCHEDULER=false on all but one saves the polling.
    "scheduler": env.bool("Q_SCHEDULER", default=True),
}
# /health/ fails when no worker has executed the heartbeat task for this long.
HEALTH_WORKER_MAX_AGE = env.int("HEALTH_WORKER_MAX_AGE", default=300)
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
    # One connection pool per process for every async_task, not a new connection each (cms/redis.py).
    Q_CLUSTER["broker_class"] = "cms.redis.SharedConnectionBroker"
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = env.float("Q_POLL", default=2.0)

# --- Passwords and login --------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# django-axes (ADR 0010): every password door (Wagtail/Django admin login, /api/v1/auth/token/)
# counts failures per user name and per client address (organizations.client_address);
# AXES_FAILURE_LIMIT failures lock for AXES_COOLOFF_MINUTES. Superusers unlock in
# Settings > "Kunci masuk" (audited). WBS doors never authenticate: axes never sees them.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_CLIENT_IP_CALLABLE = "organizations.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "ops.lockouts.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # unlocking goes through the audited Wagtail screen only
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not stored with address and browser
AXES_VERBOSE = False
AXES_USERNAME_FORM_FIELD = "username"

# --- Language and time ----------------------------------------------------------------
# Indonesian first. TIME_ZONE is the fallback only: each request runs in the time zone
# of the Pemda (WIB/WITA/WIT) through organizations.middleware.PemdaTimezoneMiddleware.

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Asia/Makassar")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The public site's language switch (?lang=en) is remembered for a year (cms/language.py).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Indonesian for Wagtail, modeladmin and Django admin beyond their catalogues (scripts/admin_translations.py).
LOCALE_PATHS.append(BASE_DIR / "locale_admin")

# --- Static and media files -----------------------------------------------------------

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = env("MEDIA_URL", default="/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "cms.staticfiles.StaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email ----------------------------------------------------------------------------

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds an SMTP server may take to answer; without it a hung server holds a delivery job (and the
# deliveries queued behind it in the same job, notifications.tasks.DELIVERIES_PER_JOB) until Q_TIMEOUT.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Sepakat <noreply@sepakat.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Wagtail --------------------------------------------------------------------------

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Sepakat")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://localhost:8000")
# No Gravatar: it would send a hash of every staff member's email address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No upgrade banner fetched from releases.wagtail.org by staff browsers: versions are pinned here.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_DOCUMENT_MODEL = "home.SepakatDocument"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

SEARCH_URL = env("SEARCH_URL", default="")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": env("SEARCH_BACKEND", default="wagtail.search.backends.elasticsearch8"),
            "URLS": [SEARCH_URL],
            "INDEX": env("SEARCH_INDEX", default="sepakat"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "indonesian",
        }
    }

# --- REST and GraphQL -----------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StandardPagination",
    # JSON bodies must be objects (api/parsers.py): an array or a bare value is a 400, not a 500.
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonThrottle",
        "api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="60/minute"),
        "user": env("THROTTLE_USER", default="600/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Sepakat API",
    "DESCRIPTION": "REST API Sepakat: laporan OPD, pengaduan, dan data publik Pemda.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from drf-spectacular-sidecar: served by us, works offline and under CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["cms.openapi.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cms.openapi.document_problem_responses",
        "api.rest.operation_docs.describe_operations",
    ],
}

# The load balancers / reverse proxies whose X-Forwarded-For we believe (CIDRs); empty = none:
# the client is REMOTE_ADDR. One function reads it: organizations.client_address (ADR 0010).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

GRAPHENE = {
    "SCHEMA": "api.graphql.schema.schema",
    "MIDDLEWARE": [],
}
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=8)
# GraphQL cost limits (api/graphql/cost.py, ADR 0010): aliases per document, field selections per
# operation (fragments expanded), body bytes before parsing; anonymous introspection (off in production).
GRAPHQL_MAX_ALIASES = env.int("GRAPHQL_MAX_ALIASES", default=30)
GRAPHQL_MAX_FIELDS = env.int("GRAPHQL_MAX_FIELDS", default=500)
GRAPHQL_MAX_BODY_BYTES = env.int("GRAPHQL_MAX_BODY_BYTES", default=256 * 1024)
GRAPHQL_MAX_TOKENS = env.int("GRAPHQL_MAX_TOKENS", default=5000)
GRAPHQL_INTROSPECTION_ANONYMOUS = env.bool("GRAPHQL_INTROSPECTION_ANONYMOUS", default=True)

IDEMPOTENCY_KEY_TTL_HOURS = env.int("IDEMPOTENCY_KEY_TTL_HOURS", default=48)
# Report exports with more rows than this are built by the worker (ADR 0008); their files live this long.
REPORT_EXPORT_INLINE_MAX_ROWS = env.int("REPORT_EXPORT_INLINE_MAX_ROWS", default=20000)
REPORT_EXPORT_TTL_HOURS = env.int("REPORT_EXPORT_TTL_HOURS", default=24)

# --- Content Security Policy (django-csp 4) -------------------------------------------
# Strict for the public site: no inline scripts or styles, nothing from other origins
# except the media host. cms/csp.py relaxes it per path where a third-party screen needs
# more (the Wagtail admin's inline scripts and styles, Swagger UI, dev-only GraphiQL).

CSP_MEDIA_ORIGINS = env.list("CSP_MEDIA_ORIGINS", default=[])
# Complaint form map picker: the tile server (Leaflet URL template) and its attribution.
# Leaflet itself is served from our static files; only tiles come from this server.
COMPLAINT_MAP_TILE_URL = env("COMPLAINT_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
COMPLAINT_MAP_ATTRIBUTION = env("COMPLAINT_MAP_ATTRIBUTION", default="© OpenStreetMap contributors")
_tiles = urlsplit(COMPLAINT_MAP_TILE_URL.replace("{s}", "*"))
if _tiles.netloc:
    CSP_MEDIA_ORIGINS.append(f"{_tiles.scheme}://{_tiles.netloc}")
if AWS_STORAGE_BUCKET_NAME and env("AWS_S3_CUSTOM_DOMAIN", default=""):
    CSP_MEDIA_ORIGINS.append(f"https://{env('AWS_S3_CUSTOM_DOMAIN')}")
elif AWS_STORAGE_BUCKET_NAME and env("AWS_S3_ENDPOINT_URL", default=""):
    CSP_MEDIA_ORIGINS.append(env("AWS_S3_ENDPOINT_URL"))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *CSP_MEDIA_ORIGINS],
        "media-src": ["'self'", *CSP_MEDIA_ORIGINS],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *env.list("CSP_FRAME_SRC", default=[])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": env.list("CSP_REPORT_URI", default=[]) or None,
    }
}

# --- History (audit) ------------------------------------------------------------------

SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# History retention per model label, in days (docs/adr/0003-audit-trail.md); empty = keep forever.
AUDIT_RETENTION_DAYS: dict[str, int] = {}
AUDIT_EXPORT_MAX_ROWS = env.int("AUDIT_EXPORT_MAX_ROWS", default=1_000_000)
# HMAC of every audit event (audit/signing.py): a key the database does not hold. Empty = derived
# from SECRET_KEY (embedded/dev/test only; production requires it). Rotation: new key + new id, the
# old key kept under its id in AUDIT_HMAC_OLD_KEYS ("k1=secret,k2=secret").
AUDIT_HMAC_KEY = env("AUDIT_HMAC_KEY", default="")
AUDIT_HMAC_KEY_ID = env("AUDIT_HMAC_KEY_ID", default="k1")
AUDIT_HMAC_OLD_KEYS: dict[str, str] = env.dict("AUDIT_HMAC_OLD_KEYS", default={})
# Seconds a queued audit seal job covers: a burst of writes in this window queues one job.
AUDIT_SEAL_DEBOUNCE_SECONDS = env.int("AUDIT_SEAL_DEBOUNCE_SECONDS", default=5)

# --- Uploads (safefiles/): images above this many pixels are refused before decoding ----------
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=20_000_000)

# Fernet keys (newest first) encrypting complaint reporters' identities at rest; empty = derived
# from SECRET_KEY (check complaints.W001).
COMPLAINT_IDENTITY_KEYS = env.list("COMPLAINT_IDENTITY_KEYS", default=[])

# --- Whistleblowing (WBS), see docs/adr/0005-wbs.md -------------------------------------
# Fernet keys (newest first) for reporters' identities; empty = derived from SECRET_KEY
# (check wbs.W001). Retention after closing is Pemda policy, not a regulatory number.

WBS_IDENTITY_KEYS = env.list("WBS_IDENTITY_KEYS", default=[])
WBS_RETENTION_DAYS = env.int("WBS_RETENTION_DAYS", default=5 * 365)
WBS_SUBMISSIONS_PER_MINUTE = env.int("WBS_SUBMISSIONS_PER_MINUTE", default=30)
WBS_MAX_BODY_CHARS = env.int("WBS_MAX_BODY_CHARS", default=10_000)

# --- Notifications: channels, SMS and WhatsApp (docs/adr/0012-sms-whatsapp-channels.md) ----
# Channels that deliver besides the in-admin list: email, whatsapp, sms. Retries back off
# exponentially (base * 2**(attempt-1)); SMS/WhatsApp wait for the end of the quiet hours
# (HH:MM-HH:MM in the Pemda's zone, empty = none) unless a notification is urgent.

NOTIFICATION_CHANNELS = env.list("NOTIFICATION_CHANNELS", default=["email"])
NOTIFICATION_HTTP_TIMEOUT = env.float("NOTIFICATION_HTTP_TIMEOUT", default=10.0)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=5)
NOTIFICATION_RETRY_BASE_SECONDS = env.int("NOTIFICATION_RETRY_BASE_SECONDS", default=60)
NOTIFICATION_QUIET_HOURS = env("NOTIFICATION_QUIET_HOURS", default="21:00-06:00")

WHATSAPP_API_BASE_URL = env("WHATSAPP_API_BASE_URL", default="https://graph.facebook.com")
WHATSAPP_API_VERSION = env("WHATSAPP_API_VERSION", default="v21.0")
WHATSAPP_PHONE_NUMBER_ID = env("WHATSAPP_PHONE_NUMBER_ID", default="")
WHATSAPP_ACCESS_TOKEN = env("WHATSAPP_ACCESS_TOKEN", default="")
WHATSAPP_TEMPLATE_NAME = env("WHATSAPP_TEMPLATE_NAME", default="")
WHATSAPP_TEMPLATE_LANGUAGE = env("WHATSAPP_TEMPLATE_LANGUAGE", default="id")
WHATSAPP_APP_SECRET = env("WHATSAPP_APP_SECRET", default="")
WHATSAPP_WEBHOOK_VERIFY_TOKEN = env("WHATSAPP_WEBHOOK_VERIFY_TOKEN", default="")

SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_METHOD = env("SMS_GATEWAY_METHOD", default="POST")
SMS_GATEWAY_CONTENT_TYPE = env("SMS_GATEWAY_CONTENT_TYPE", default="application/json")
SMS_GATEWAY_BODY_TEMPLATE = env("SMS_GATEWAY_BODY_TEMPLATE", default='{"to": "{to}", "text": "{text}"}')
SMS_GATEWAY_AUTH_HEADER = env("SMS_GATEWAY_AUTH_HEADER", default="")
SMS_GATEWAY_BASIC_AUTH = env("SMS_GATEWAY_BASIC_AUTH", default="")
SMS_GATEWAY_SUCCESS_STATUS = env.list("SMS_GATEWAY_SUCCESS_STATUS", cast=int, default=[])
SMS_GATEWAY_SUCCESS_JSON = env("SMS_GATEWAY_SUCCESS_JSON", default="")
SMS_GATEWAY_MESSAGE_ID_JSON = env("SMS_GATEWAY_MESSAGE_ID_JSON", default="")
SMS_MAX_LENGTH = env.int("SMS_MAX_LENGTH", default=459)

# --- Knobs of the domain apps (each read here once; apps read ``settings.X``) ------------
# Periodic reporting: overdue/lock notices for deadlines older than this are not sent.
REPORT_NOTICE_WINDOW_DAYS = env.int("REPORT_NOTICE_WINDOW_DAYS", default=30)
# Complaints (docs/adr/0006-complaints.md). Deadlines per stage (working days) override
# complaints.deadlines.LAPOR_DEADLINES; rates are (requests, seconds) per client address.
COMPLAINT_DEADLINES: dict[str, int] = {}
COMPLAINT_REOPEN_DAYS = env.int("COMPLAINT_REOPEN_DAYS", default=14)
COMPLAINT_CONFIRM_WORKING_DAYS = env.int("COMPLAINT_CONFIRM_WORKING_DAYS", default=5)
COMPLAINT_ESCALATION_GRACE_WORKING_DAYS = env.int("COMPLAINT_ESCALATION_GRACE_WORKING_DAYS", default=3)
COMPLAINT_MAX_FILE_SIZE = env.int("COMPLAINT_MAX_FILE_SIZE", default=5 * 1024 * 1024)
COMPLAINT_MAX_FILES = env.int("COMPLAINT_MAX_FILES", default=5)
COMPLAINT_UPLOAD_TTL_MINUTES = env.int("COMPLAINT_UPLOAD_TTL_MINUTES", default=60)
COMPLAINT_SUBMIT_RATE: tuple[int, int] = (5, 3600)
COMPLAINT_UPLOAD_RATE: tuple[int, int] = (30, 3600)
# WBS: cost of the receipt-code hash (scrypt N), body size and anonymous rates.
WBS_SCRYPT_N = env.int("WBS_SCRYPT_N", default=2**14)
WBS_MAX_BODY_CHARS = env.int("WBS_MAX_BODY_CHARS", default=10_000)
WBS_FOLLOWUPS_PER_MINUTE = env.int("WBS_FOLLOWUPS_PER_MINUTE", default=120)
WBS_MAX_FAILED_RECEIPTS = env.int("WBS_MAX_FAILED_RECEIPTS", default=10)
# WBS evidence sent ahead of a report (GraphQL): minutes a token stays valid, uploads per client a minute.
WBS_UPLOAD_TTL_MINUTES = env.int("WBS_UPLOAD_TTL_MINUTES", default=30)
WBS_UPLOADS_PER_MINUTE = env.int("WBS_UPLOADS_PER_MINUTE", default=20)
# Notification channels in use (notifications.channels); the demo's users print their passwords.
NOTIFICATION_CHANNELS = env.list("NOTIFICATION_CHANNELS", default=["email"])
SEPAKAT_SHOW_DEMO_PASSWORDS = env.bool("SEPAKAT_SHOW_DEMO_PASSWORDS", default=False)
# Front-end cache (CDN) purging of live public pages; empty = none (wagtail.contrib.frontend_cache).
WAGTAILFRONTENDCACHE: dict[str, dict] = {}

# --- Logging --------------------------------------------------------------------------

# Every handler passes organizations.log_privacy.ClientTraceFilter: no record carries a client
# address, user agent or referer (ADR 0010). Error mails (ADMINS) go through the same filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_trace": {"()": "organizations.log_privacy.ClientTraceFilter"},
        "drop_enqueue_notices": {"()": "cms.log_filters.DropEnqueueNotices"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["client_trace"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "client_trace"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "axes": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # urllib3 logs each request line at DEBUG: an SMS gateway URL may carry a phone number.
        "urllib3.connectionpool": {"level": "INFO"},
        # pikepdf announces its C++ log bridge at INFO on every start.
        "pikepdf": {"level": "WARNING"},
        # django-q2 logs a line for every job queued (two per complaint submission).
        "django-q": {"filters": ["drop_enqueue_notices"]},
    },
}

# Serap (budget): the prefix of every OCDS ocid (registered with the OCDS helpdesk in production).
OCDS_OCID_PREFIX = env("OCDS_OCID_PREFIX", default="ocds-sepakat-6503")
