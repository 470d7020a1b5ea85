import atexit
import shutil
import tempfile
from pathlib import Path

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# The SQLite test database is one in-memory connection, with no other writer to wait for; a
# transaction begun IMMEDIATE would hold a write lock that makes SQLite's backup API, which
# tests/test_backup.py runs inside the test's transaction, wait for ever. tests/test_sqlite_writers.py
# checks the development settings' transaction mode against a file, with two writers.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["OPTIONS"] = {}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias in ("default", "generation")
}
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The tests request no static files; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Uploads of one test run stay out of the project's media/ and out of another run's way.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="idekammare-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
