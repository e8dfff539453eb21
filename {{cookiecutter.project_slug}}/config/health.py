"""``/health/``: whether this process reaches its database and its broker.

Load balancers and the container's HEALTHCHECK call it without signing in, so
it answers "ok" or "unavailable" per service and never says why. A middleware
answers it before any other: probes reach a container by its IP over plain
HTTP, which host validation and the HTTPS redirect would otherwise refuse.
"""

from collections.abc import Callable

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu.exceptions import OperationalError

from config.celery import app

PATH = "/health/"
TIMEOUT = 2  # seconds: a health check must answer before its caller gives up


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def broker_reachable() -> bool:
    try:
        with app.connection_for_write(connect_timeout=TIMEOUT) as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, timeout=TIMEOUT)
    except (OperationalError, OSError):
        return False
    return True


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    services = {"database": database_reachable(), "broker": broker_reachable()}
    return JsonResponse(
        {name: "ok" if up else "unavailable" for name, up in services.items()},
        status=200 if all(services.values()) else 503,
    )


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == PATH:
            return health(request)
        return self.get_response(request)
