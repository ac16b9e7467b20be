"""Production: strict. No defaults for secrets; HTTPS everywhere except the health probes.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL), EMAIL_URL, AUDIT_HMAC_KEY.
Read when set: REDIS_URL (cache and django-q2 broker; needed as soon as there is more
than one machine), AWS_STORAGE_BUCKET_NAME and friends (media on S3 through
django-storages), SEARCH_URL (OpenSearch/Elasticsearch), CSRF_TRUSTED_ORIGINS,
WAGTAILADMIN_BASE_URL. See the configuration table in README.md.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY and ALLOWED_HOSTS must not be empty in production.")

# A real database server: several web and worker machines share it.
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

# The audit events' HMAC key (audit/signing.py): never derived from SECRET_KEY in production.
AUDIT_HMAC_KEY = env("AUDIT_HMAC_KEY")
if len(AUDIT_HMAC_KEY) < 32:
    raise ImproperlyConfigured("AUDIT_HMAC_KEY must be at least 32 characters.")

EMAIL_CONFIG = env.email("EMAIL_URL")
vars().update(EMAIL_CONFIG)

WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=f"https://{ALLOWED_HOSTS[0].lstrip('.')}")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Anonymous clients do not read the GraphQL schema in production (signed-in staff and tokens do).
GRAPHQL_INTROSPECTION_ANONYMOUS = env.bool("GRAPHQL_INTROSPECTION_ANONYMOUS", default=False)

# --- HTTPS and cookies ------------------------------------------------------------------
# TLS ends at the load balancer, which sets X-Forwarded-Proto. Health probes arrive over
# plain HTTP, hence the exemption. SECURE_SSL_REDIRECT=False only for a plain-HTTP
# loopback (the smoke test); `check --deploy` warns about it, as it should.

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SECURE_SSL_REDIRECT)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override it with SAMEORIGIN themselves

if SECURE_SSL_REDIRECT:
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
    }

# --- Errors go to the log (stdout), and to ADMINS by mail when set ----------------------------------

ADMINS = [("Sepakat", address) for address in env.list("ADMINS", default=[])]

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
