from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules

from core import telemetry


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Every installed product's subscriptions.py registers its event handlers
        # (core.events.subscribe): a product that is not installed handles nothing.
        autodiscover_modules("subscriptions")
        telemetry.trace_facades()  # spans naming each facade call's product, when tracing
