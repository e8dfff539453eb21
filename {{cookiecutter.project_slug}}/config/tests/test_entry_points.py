"""The ways a process starts the project: manage.py, the WSGI and ASGI apps, the dev settings."""

import runpy
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import WSGIHandler

from config.settings import observability

ROOT = Path(__file__).resolve().parent.parent.parent
# Each test runs a module again, as a process starting with it would.
pytestmark = pytest.mark.filterwarnings("ignore:'config.:RuntimeWarning")


def test_manage_py_runs_a_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["manage.py", "check", "--fail-level", "WARNING"])

    runpy.run_path(str(ROOT / "manage.py"), run_name="__main__")

    assert capsys.readouterr().out == "System check identified no issues (0 silenced).\n"


@pytest.mark.parametrize(("module", "handler"), [("wsgi", WSGIHandler), ("asgi", ASGIHandler)])
def test_the_servers_application_is_built(module: str, handler: type) -> None:
    assert isinstance(runpy.run_module(f"config.{module}")["application"], handler)


def test_the_dev_settings_serve_locally_with_the_browsable_api(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    started: list[str] = []  # never a real Sentry client in a test process
    monkeypatch.setattr(
        observability, "start_sentry", lambda dsn, environment: started.append(environment)
    )

    dev = runpy.run_module("config.settings.dev")

    assert started == ["development"]
    assert dev["DEBUG"] is True
    assert dev["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert (
        "rest_framework.renderers.BrowsableAPIRenderer"
        in (dev["REST_FRAMEWORK"]["DEFAULT_RENDERER_CLASSES"])
    )


def test_the_dev_settings_refuse_to_start_without_a_secret_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SECRET_KEY", "")

    with pytest.raises(ImproperlyConfigured, match=r"SECRET_KEY is not set: run `make \.env`"):
        runpy.run_module("config.settings.dev")
