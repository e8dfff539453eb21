"""The project's one Celery app.

Tasks are discovered in every product's ``backend/tasks/tasks.py`` and the
beat schedule is the merge of every product's ``backend/tasks/schedules.py``; core adds
the event handlers and the outbox's sweep (``core.events.tasks``).
"""

import logging.config
import os
from typing import Any

from celery import Celery
from celery.signals import setup_logging, worker_init
from django.conf import settings

from config.products import beat_schedule, products
from core import telemetry

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("{{ cookiecutter.project_slug }}")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    lambda: ["core.events", *(f"{product.app_module}.tasks" for product in products())]
)
app.conf.beat_schedule = {
    **beat_schedule(),
    # Events whose relay at commit could not reach the broker (core.events, docs/events.md).
    "core.events.relay-pending": {"task": "core.events.relay_pending", "schedule": 60.0},
}


@setup_logging.connect
def use_django_logging(**kwargs: Any) -> None:
    """Workers and beat log through the project's ``LOGGING``, not Celery's own set-up.

    Without this receiver Celery replaces the root logger's handlers: a worker's
    lines would not be JSON in production. A failing task is logged by Celery
    (``celery.app.trace``, with its traceback) through this configuration.
    """
    logging.config.dictConfig(settings.LOGGING)


@worker_init.connect
def trace_worker(**kwargs: Any) -> None:
    """Workers trace when an OTLP endpoint is set (core/telemetry.py): forked children too."""
    telemetry.setup()
