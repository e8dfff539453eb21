"""The kit's Django app: the boundary system checks and the kit's management commands.

Installed by the test settings only (``config/settings/test.py``), so the checks run in
the commands that pass ``--settings=config.settings.test``; production and development
settings never load it. A pytest run loads the app but not the checks: pytest-django runs
no system check, and a test process that loads none of them is one a change to a check
cannot fail (turbo.json's kit inputs leave the checks out of ``backend:test``).
"""

from importlib import import_module

from django.apps import AppConfig

# Registered by import; named, not imported here, so that a test process loads neither.
CHECK_MODULES = (
    "slicekit.django.checks",
    "slicekit.django.ownership_checks",
    "slicekit.django.name_checks",
)
# Turned off by the kit's pytest plugin (slicekit.pytest_plugin) before Django is set up.
REGISTER_CHECKS = True


def register_checks() -> None:
    for name in CHECK_MODULES:
        import_module(name)


class SlicekitConfig(AppConfig):
    name = "slicekit.django"
    label = "slicekit"
    verbose_name = "slicekit"

    def ready(self) -> None:
        if REGISTER_CHECKS:
            register_checks()
