"""Local development: debug on, SQLite and the in-memory broker unless ``.env`` says otherwise."""

from django.core.exceptions import ImproperlyConfigured

from config.settings import values
from config.settings.base import *  # noqa: F403
from config.settings.base import REST_FRAMEWORK, SENTRY_DSN
from config.settings.observability import start_sentry

DEBUG = True
SECRET_KEY = values.text("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is not set: run `make .env` to write a local one")
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# The browsable API is handy while developing; production speaks JSON only.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

start_sentry(SENTRY_DSN, environment="development")
