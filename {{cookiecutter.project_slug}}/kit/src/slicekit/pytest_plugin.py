"""The kit's pytest plugin (entry point ``slicekit``): the runtime guards, in every test run.

Registered once Django is set up (pytest-django does it before ``pytest_configure``), so a
pytest run without a Django project (the kit's own unit tests) loads neither guard.
``-p no:slicekit`` turns both off; ``-p no:slicekit.django.guard`` one of them.
"""

from importlib import import_module

import pytest

GUARDS = ("slicekit.django.guard", "slicekit.django.facade_guard")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    from django.apps import apps

    if not apps.ready:
        return
    for name in GUARDS:
        if not config.pluginmanager.is_blocked(name):
            config.pluginmanager.register(import_module(name), name)
