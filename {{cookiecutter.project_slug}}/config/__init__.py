"""Project wiring: settings, URLs, the Celery app and product discovery."""

from config.celery import app as celery_app

__all__ = ["celery_app"]
