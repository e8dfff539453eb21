"""Each setting read from the environment refuses a bad value at start-up, in one
line that names the variable; good values come through as Django expects them."""

import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

# Each test runs a settings module again, as a process starting with that environment would.
pytestmark = pytest.mark.filterwarnings("ignore:'config.settings.:RuntimeWarning")

ROOT = Path(__file__).resolve().parent.parent.parent
BASE = "config.settings.base"
PROD = "config.settings.prod"
PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "example.com",
    "DATABASE_URL": "postgres://app@db.example.com:5432/app",
    "CELERY_BROKER_URL": "redis://redis.example.com:6379/0",
}


def settings_of(module: str, monkeypatch: pytest.MonkeyPatch, **variables: str) -> dict[str, Any]:
    """Run a settings module afresh with these variables (and prod's required ones) set."""
    for name, value in {**PRODUCTION, **variables}.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module(module)


@pytest.mark.parametrize(
    ("module", "variable", "value"),
    [
        (BASE, "CORS_ALLOWED_ORIGINS", "https://app.example.com/"),  # a path never matches
        (BASE, "CORS_ALLOWED_ORIGINS", "app.example.com"),
        (BASE, "CORS_ALLOWED_ORIGINS", "ftp://app.example.com"),
        (BASE, "CORS_ALLOWED_ORIGINS", "https://app.example.com:http"),
        (BASE, "THROTTLE_ANON_RATE", "lots"),
        (BASE, "THROTTLE_USER_RATE", "100/fortnight"),
        (BASE, "LOG_LEVEL", "LOUD"),
        (BASE, "LOG_FORMAT", "xml"),
        (BASE, "SENTRY_DSN", "not a dsn"),
        (BASE, "CELERY_BROKER_URL", "sqs://queue"),  # no result backend to derive
        (BASE, "CELERY_TASK_ALWAYS_EAGER", "sometimes"),
        (PROD, "CONN_MAX_AGE", "forever"),
        (PROD, "CONN_MAX_AGE", "-1"),
        (PROD, "SECURE_HSTS_SECONDS", "1y"),
        (PROD, "SECURE_SSL_REDIRECT", "maybe"),
        (PROD, "LOG_FORMAT", "xml"),
    ],
)
def test_a_bad_value_is_refused_in_one_line_naming_it(
    module: str, variable: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        settings_of(module, monkeypatch, **{variable: value})

    message = str(refused.value)
    named = "CELERY_RESULT_BACKEND" if variable == "CELERY_BROKER_URL" else variable
    assert message.startswith(named), message
    assert "\n" not in message


def test_good_values_come_through(monkeypatch: pytest.MonkeyPatch) -> None:
    origins = "https://app.example.com,http://localhost:5173"
    settings = settings_of(
        PROD,
        monkeypatch,
        CORS_ALLOWED_ORIGINS=origins,
        CONN_MAX_AGE="0",
        SECURE_HSTS_SECONDS="31536000",
        LOG_FORMAT="Readable",
        CSRF_TRUSTED_ORIGINS=" https://app.example.com , https://admin.example.com,",
    )

    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    assert settings["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["LOGGING"]["handlers"]["stdout"]["formatter"] == "readable"
    assert settings["CSRF_TRUSTED_ORIGINS"] == [
        "https://app.example.com",
        "https://admin.example.com",
    ]


def test_base_reads_origins_and_rates(monkeypatch: pytest.MonkeyPatch) -> None:
    origins = "https://app.example.com, http://localhost:5173"
    settings = settings_of(
        BASE,
        monkeypatch,
        CORS_ALLOWED_ORIGINS=origins,
        THROTTLE_ANON_RATE="5/second",
        LOG_LEVEL="warning",
    )

    assert settings["CORS_ALLOWED_ORIGINS"] == ["https://app.example.com", "http://localhost:5173"]
    assert settings["REST_FRAMEWORK"]["DEFAULT_THROTTLE_RATES"]["anon"] == "5/second"
    assert settings["LOGGING"]["root"]["level"] == "WARNING"


def test_production_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("CONN_MAX_AGE", "SECURE_HSTS_SECONDS", "LOG_FORMAT", "CORS_ALLOWED_ORIGINS"):
        monkeypatch.delenv(variable, raising=False)
    settings = settings_of(PROD, monkeypatch)

    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert settings["SECURE_HSTS_SECONDS"] == 3600  # an hour, as .env.example advises to start
    assert settings["LOGGING"]["handlers"]["stdout"]["formatter"] == "json"
    assert settings["CORS_ALLOWED_ORIGINS"] == []
    assert settings["CELERY_RESULT_BACKEND"] == PRODUCTION["CELERY_BROKER_URL"]


@pytest.mark.parametrize(
    ("broker", "backend"),
    [
        ("redis://redis.example.com:6379/0", "redis://redis.example.com:6379/0"),
        ("amqp://guest:guest@rabbit.example.com:5672//", "rpc://"),
        ("memory://", "cache+memory://"),
    ],
)
def test_the_result_backend_follows_the_broker(
    broker: str, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)

    assert settings_of(BASE, monkeypatch, CELERY_BROKER_URL=broker)["CELERY_RESULT_BACKEND"] == (
        backend
    )


def test_an_explicit_result_backend_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_of(BASE, monkeypatch, CELERY_RESULT_BACKEND="redis://results:6379/1")

    assert settings["CELERY_RESULT_BACKEND"] == "redis://results:6379/1"


def test_the_refusal_is_the_last_line_a_starting_process_prints() -> None:
    completed = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": "", **PRODUCTION, "DJANGO_SETTINGS_MODULE": PROD, "CONN_MAX_AGE": "soon"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode != 0
    assert completed.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: "
        "CONN_MAX_AGE='soon' is not valid: expected a whole number of at least 0"
    )
