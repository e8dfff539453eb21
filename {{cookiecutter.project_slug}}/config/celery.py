"""The project's one Celery app.

Tasks are discovered in every product's ``backend/tasks/tasks.py`` and the
beat schedule is the merge of every product's ``backend/tasks/schedules.py``.
"""

import os

from celery import Celery

from config.products import beat_schedule, products

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("{{ cookiecutter.project_slug }}")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(lambda: [f"{product.app_module}.tasks" for product in products()])
app.conf.beat_schedule = beat_schedule()
