"""Settings read from the environment that refuse a bad value at startup.

A typo in a deployment's environment must stop the process with one line
naming the variable, not surface later as a 500, a silent default or a
traceback that never says which variable was wrong.
"""

import re
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()  # base.py has read .env into the environment before any of these run

# What DRF's throttles understand: "<requests>/<period>", the period by its first letter.
RATE = re.compile(r"[1-9]\d*/(s|sec|second|m|min|minute|h|hour|d|day)")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def refuse(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"{name}={value!r} is not valid: expected {expected}")


def integer(name: str, default: int, minimum: int = 0) -> int:
    value = env.str(name, default="").strip()
    if not value:
        return default
    if not re.fullmatch(r"\d+", value) or int(value) < minimum:
        raise refuse(name, value, f"a whole number of at least {minimum}")
    return int(value)


def boolean(name: str, default: bool) -> bool:
    value = env.str(name, default="").strip().lower()
    if not value:
        return default
    if value not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
        raise refuse(name, value, "true or false")
    return value in {"true", "1", "yes", "on"}


def rate(name: str, default: str) -> str:
    value = env.str(name, default="").strip() or default
    if not RATE.fullmatch(value):
        raise refuse(
            name, value, "requests per period, e.g. 100/minute (second, minute, hour, day)"
        )
    return value


def level(name: str, default: str) -> str:
    value = env.str(name, default="").strip().upper() or default
    if value not in LOG_LEVELS:
        raise refuse(name, value, "one of " + ", ".join(LOG_LEVELS))
    return value


def origins(name: str) -> list[str]:
    """A comma-separated list of origins, each ``scheme://host[:port]`` and nothing more.

    A path or a trailing slash never matches a browser's ``Origin`` header, so a
    list with one would quietly let nothing through.
    """
    values = [value.strip() for value in env.str(name, default="").split(",") if value.strip()]
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
    value = env.str(name, default="").strip()
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
