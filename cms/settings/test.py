"""Test settings: fast hashing, synchronous django-q2, the database from DATABASE_URL."""

from .base import *  # noqa: F403
from .base import DATABASES, Q_CLUSTER, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / ".test-media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
Q_CLUSTER.pop("redis", None)
Q_CLUSTER["orm"] = "default"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLITE_TEST_NAME: a private test database file when several runs share the tree.
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME", default=str(BASE_DIR / ".test-db.sqlite3"))}
REST_FRAMEWORK = {**REST_FRAMEWORK}
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "10000/minute", "user": "10000/minute"}
SEPAKAT_SHOW_DEMO_PASSWORDS = False
WAGTAILADMIN_BASE_URL = "http://testserver"
LANGUAGE_CODE = "id"
