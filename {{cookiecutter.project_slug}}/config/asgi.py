import os

from django.core.asgi import get_asgi_application

from core import telemetry

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
telemetry.setup()  # before the application: it adds its middleware (core/telemetry.py)

application = get_asgi_application()
