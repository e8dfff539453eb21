from django.apps import AppConfig

from . import lookups

# Before any product loads, so lookups made while the apps load are seen (boundaries.E016).
lookups.install()


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import checks, ownership_checks  # noqa: F401  (register the boundary system checks)
