"""Test settings: fast hashing, in-memory mail and SMS, immediate tasks unless a test opts in."""

import os

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
KHEPRI_ALLOW_DEMO = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
KHEPRI_SMS_BACKEND = "notifications.sms.LocmemBackend"  # messages in notifications.sms.outbox
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ALLOWED_HOSTS = ["*"]
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Each pytest-xdist worker gets its own file; a file (not :memory:) so live-server
    # threads and concurrency tests share one database.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    DATABASES["default"]["NAME"] = str(BASE_DIR / "var" / f"test-{worker}.sqlite3")  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": DATABASES["default"]["NAME"]}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}
KHEPRI_CALENDAR_ALLOW_PRIVATE_HOSTS = True  # the tests serve calendars from 127.0.0.1
#: The booking widget may be framed by pages served locally (a test host page, a local site).
KHEPRI_WIDGET_DEV_FRAME_ANCESTORS = ["http://localhost:*", "http://127.0.0.1:*"]
