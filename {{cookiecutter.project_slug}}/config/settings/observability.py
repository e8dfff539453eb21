"""Logging and error tracking, configured from the environment.

Every line goes to stdout, where a container platform or a process manager
collects it: readable lines while developing, one JSON object per line in
production (``LOG_FORMAT=json``) for a log pipeline to index. ``SENTRY_DSN``
also reports unhandled errors, in requests and in Celery tasks, to Sentry.

sentry_sdk is imported only when a DSN is set: with its integrations it took
about 0.1 s of CPU, a tenth of every test process's imports, and tests never report.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from pythonjsonlogger.json import JsonFormatter

from config.logs import RequestIdFilter
from config.settings.values import text

FORMATS = ("readable", "json")
# A readable line: 2026-12-01 22:14:22,123 INFO    config.logs [3f2a...] GET /api/ 200 ...
READABLE = "%(asctime)s %(levelname)-7s %(name)s [%(request_id)s] %(message)s"
# A JSON line has these, then every field the call passed in ``extra`` (method, path, ...),
# and ``exc_info`` with the traceback when there is one.
JSON_FIELDS = ("asctime", "levelname", "name", "message", "request_id", "trace_id")


def log_format(name: str, default: str) -> str:
    value = text(name).strip().lower() or default
    if value not in FORMATS:
        raise ImproperlyConfigured(f"{name}={value!r} is not valid: expected readable or json")
    return value


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """Django's ``LOGGING``: everything through one stdout handler on the root logger."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": RequestIdFilter},
        },
        "formatters": {
            "readable": {"format": READABLE},
            "json": {
                "()": JsonFormatter,
                "fmt": list(JSON_FIELDS),
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "filters": ["request_id"],
                "formatter": log_format,
            },
            "discard": {"class": "logging.NullHandler"},
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # Django's defaults print only while DEBUG is on, and mail admins: replaced by
            # the root's handler, so errors (``django.request``, with traceback) always print.
            "django": {"handlers": [], "level": level, "propagate": True},
            # runserver's own access lines repeat config.logs.RequestLogMiddleware's.
            "django.server": {"handlers": ["discard"], "propagate": False},
        },
    }


def sentry_dsn(name: str) -> str:
    value = text(name).strip()
    if value:
        from sentry_sdk.utils import BadDsn, Dsn

        try:
            Dsn(value)
        except BadDsn as error:
            raise ImproperlyConfigured(
                f"{name}={value!r} is not valid: expected a Sentry DSN ({error})"
            ) from None
    return value


def start_sentry(dsn: str, environment: str) -> None:
    """Report unhandled errors of requests and Celery tasks to Sentry, when a DSN is set."""
    if dsn:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration

        sentry_sdk.init(
            dsn=dsn,
            environment=environment,
            integrations=[DjangoIntegration(), CeleryIntegration()],
            send_default_pii=False,  # no user names, emails, cookies or bodies leave the server
        )
