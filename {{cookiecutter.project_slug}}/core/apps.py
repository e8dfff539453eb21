from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import checks, ownership_checks  # noqa: F401  (register the boundary system checks)
