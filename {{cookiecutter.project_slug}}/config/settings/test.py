"""Tests: a fixed key, fast hashing, eager Celery; SQLite unless ``DATABASE_URL`` is set."""

from config.settings.base import *  # noqa: F403

SECRET_KEY = "insecure-key-for-tests-only"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
