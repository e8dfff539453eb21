"""Settings read from the environment that refuse a bad value at startup.

A typo in a deployment's environment must stop the process with one line
naming the variable, not surface later as a 500, a silent default or a
traceback that never says which variable was wrong.

Every setting read from the environment comes through these readers, each
returning one type. django-environ has no types: it is imported here only (mypy
refuses the import anywhere else), and what it returns is given a type here.
"""

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import environ  # type: ignore[import-untyped]  # the one import, see above
from django.core.exceptions import ImproperlyConfigured

# What DRF's throttles understand: "<requests>/<period>", the period by its first letter.
RATE = re.compile(r"[1-9]\d*/(s|sec|second|m|min|minute|h|hour|d|day)")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def read_dotenv(path: Path) -> None:
    """Put the variables of ``path`` into the environment; variables already set win."""
    environ.Env.read_env(path)


def text(name: str, default: str = "") -> str:
    """The variable as it is set (base.py has read ``.env`` before any setting is read)."""
    return os.environ.get(name, default)


def items(name: str) -> list[str]:
    """A comma-separated list, e.g. host names; blanks around and between commas are dropped."""
    return [item.strip() for item in text(name).split(",") if item.strip()]


def database(url: str) -> dict[str, Any]:
    """One entry of Django's ``DATABASES`` from a URL, e.g. ``postgres://user@host:5432/name``."""
    config: dict[str, Any] = environ.Env.db_url_config(url)
    return config


def refuse(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name}={value!r} is not valid: expected {expected}")


def integer(name: str, default: int, minimum: int = 0) -> int:
    value = text(name).strip()
    if not value:
        return default
    if not re.fullmatch(r"\d+", value) or int(value) < minimum:
        raise refuse(name, value, f"a whole number of at least {minimum}")
    return int(value)


def boolean(name: str, default: bool) -> bool:
    value = text(name).strip().lower()
    if not value:
        return default
    if value not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
        raise refuse(name, value, "true or false")
    return value in {"true", "1", "yes", "on"}


def rate(name: str, default: str) -> str:
    value = text(name).strip() or default
    if not RATE.fullmatch(value):
        raise refuse(
            name, value, "requests per period, e.g. 100/minute (second, minute, hour, day)"
        )
    return value


def level(name: str, default: str) -> str:
    value = text(name).strip().upper() or default
    if value not in LOG_LEVELS:
        raise refuse(name, value, "one of " + ", ".join(LOG_LEVELS))
    return value


def origins(name: str) -> list[str]:
    """A comma-separated list of origins, each ``scheme://host[:port]`` and nothing more.

    A path or a trailing slash never matches a browser's ``Origin`` header, so a
    list with one would quietly let nothing through.
    """
    values = [value.strip() for value in text(name).split(",") if value.strip()]
    for value in values:
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018  (parsing the port is what checks it)
        except ValueError:
            parts = None
        if (
            parts is None
            or parts.scheme not in {"http", "https"}
            or not parts.hostname
            or parts.username is not None
            or value != f"{parts.scheme}://{parts.netloc}"
        ):
            raise refuse(name, value, "origins like https://app.example.com, comma-separated")
    return values


def result_backend(name: str, broker: str) -> str:
    """Where Celery keeps task results: ``name`` if it is set, else what the broker offers.

    Redis keeps them in the broker's own server; RabbitMQ sends each back as a
    message to the process that sent the task (``rpc://``); the in-memory
    broker keeps them in memory, like its messages, within one process.
    """
    value = text(name).strip()
    if value:
        return value
    scheme = urlsplit(broker).scheme
    if scheme in {"redis", "rediss"}:
        return broker
    if scheme in {"amqp", "amqps", "pyamqp"}:
        return "rpc://"
    if scheme == "memory":
        return "cache+memory://"
    raise ImproperlyConfigured(
        f"{name} is not set, and a {scheme!r} broker has no default result backend: set it"
    )
