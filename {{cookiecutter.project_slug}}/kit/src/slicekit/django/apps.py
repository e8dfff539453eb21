"""The kit's Django app: the boundary system checks and the kit's management commands.

Installed by the test settings only (``config/settings/test.py``), so the checks run in
test runs and in the commands that pass ``--settings=config.settings.test``; production and
development settings never load it.
"""

from django.apps import AppConfig


class SlicekitConfig(AppConfig):
    name = "slicekit.django"
    label = "slicekit"
    verbose_name = "slicekit"

    def ready(self) -> None:
        from . import checks, ownership_checks  # noqa: F401  (registered by import)
