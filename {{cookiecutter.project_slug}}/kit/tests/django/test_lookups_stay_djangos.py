"""Django's model lookups are wrapped only where a check or a test needs them, and
production never loads the kit.

The boundary checks watch ``AppConfig.get_model`` and ``Apps.get_registered_model``
(``slicekit.django.lookups``); a server, a worker or an everyday command runs Django as it
ships, with no module of the kit imported.
"""

import os
import subprocess
import sys

import pytest

from ..project import PROJECT_ROOT as ROOT

# It starts the project's own processes (config.wsgi, manage.py): run in a bake.
pytestmark = pytest.mark.needs_project
# Which module each lookup comes from, after the process has set Django up its own way.
PROBE = (
    "from django.apps import AppConfig; from django.apps.registry import Apps; "
    "print(AppConfig.get_model.__module__, Apps.get_registered_model.__module__)"
)
DJANGOS = "django.apps.config django.apps.registry"
KIT_MODULES = "import sys; print(sorted(m for m in sys.modules if m.startswith('slicekit')))"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "SECRET_KEY": "a-production-secret-key-that-is-long-enough-to-pass-the-checks-0123",
    "ALLOWED_HOSTS": "example.com",
    "DATABASE_URL": "postgres://app@127.0.0.1:5432/app",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def lookups_in(command: list[str], settings: str = "config.settings.test") -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings}
    if settings == PRODUCTION["DJANGO_SETTINGS_MODULE"]:
        env |= PRODUCTION
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip().splitlines()[-1]


def test_a_production_server_process_runs_djangos_own_lookups() -> None:
    wsgi = f"import config.wsgi; {PROBE}"

    assert lookups_in([sys.executable, "-c", wsgi], PRODUCTION["DJANGO_SETTINGS_MODULE"]) == DJANGOS


def test_an_everyday_command_runs_djangos_own_lookups() -> None:
    assert lookups_in([sys.executable, "manage.py", "shell", "-c", PROBE]) == DJANGOS


def test_the_check_command_watches_the_lookups_made_while_the_apps_load() -> None:
    import_check = "import manage, sys; sys.argv = ['manage.py', 'check']; "
    watched = f"{import_check}manage.main(); {PROBE}"

    assert (
        lookups_in([sys.executable, "-c", watched])
        == "slicekit.django.lookups slicekit.django.lookups"
    )


@pytest.mark.parametrize("entry", ["config.wsgi", "config.asgi", "config.celery"])
def test_a_production_process_imports_nothing_of_the_kit(entry: str) -> None:
    """The web server's and the worker's entry points, set up with the production settings."""
    command = [sys.executable, "-c", f"import {entry}, django; django.setup(); {KIT_MODULES}"]

    assert lookups_in(command, PRODUCTION["DJANGO_SETTINGS_MODULE"]) == "[]"


def test_a_development_server_imports_nothing_of_the_kit() -> None:
    command = [sys.executable, "manage.py", "shell", "-c", KIT_MODULES]

    assert lookups_in(command, "config.settings.dev") == "[]"
