"""The kit's pytest plugin (entry point ``slicekit``): the runtime guards, in every test run.

Registered once Django is set up (pytest-django does it before ``pytest_configure``), so a
pytest run without a Django project (the kit's own unit tests) loads neither guard.
``-p no:slicekit`` turns both off; ``-p no:slicekit.django.guard`` one of them.

It also keeps the boundary system checks out of the run (``slicekit.django.apps``):
pytest-django runs none, and the guards and test helpers need none of their code.
"""

from importlib import import_module

import pytest

from slicekit.django import apps as kit_app

# Before pytest-django sets Django up: entry-point plugins load first.
kit_app.REGISTER_CHECKS = False

GUARDS = ("slicekit.django.guard", "slicekit.django.facade_guard")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    from django.apps import apps

    if not apps.ready:
        return
    for name in GUARDS:
        if not config.pluginmanager.is_blocked(name):
            config.pluginmanager.register(import_module(name), name)
