"""Tests: a fixed key, fast hashing, eager Celery; SQLite unless ``DATABASE_URL`` is set."""

from config.settings.base import *  # noqa: F403
from config.settings.base import REST_FRAMEWORK

# The kit's app: the boundary system checks and its commands (checkall, lintproducts,
# openapi, startproduct, startpackage). Only test settings load it, never a server.
INSTALLED_APPS = [*INSTALLED_APPS, "slicekit.django"]  # noqa: F405
SECRET_KEY = "insecure-key-for-tests-only-long-enough-to-sign-tokens"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
# The test database is created from the models, not by running every migration.
# Each product's model points at the user model, so Django re-rendered all the
# earlier products' models for each product's migration: setup grew with the
# square of the products (87 s per test process at 400 products, 6 s without).
# `makemigrations --check` (make check, CI) keeps the migrations equal to the models.
DATABASES["default"].setdefault("TEST", {})["MIGRATE"] = False  # noqa: F405

# Never throttled: a suite sends many requests a minute, all from one "client".
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
