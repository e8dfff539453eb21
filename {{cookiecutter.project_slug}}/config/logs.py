"""One log line per request, and a request id on every line logged while serving it.

The id comes from the ``X-Request-ID`` header when a proxy or a caller sent a
well-formed one, so a request can be followed across services; otherwise it
is new. The response carries it back in the same header: a user reporting a
problem can quote it, and it finds every line of that request.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from core import telemetry

HEADER = "X-Request-ID"
# Letters, digits and ``-._:``, up to 128: a UUID, a trace id, a load balancer's id.
# Anything else (spaces, line breaks, quotes, very long values) could forge log lines.
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
NO_REQUEST = "-"

request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)
logger = logging.getLogger(__name__)


class RequestIdFilter(logging.Filter):
    """Gives every record a ``request_id`` (the current request's, or ``-`` outside one)
    and a ``trace_id`` (the current OpenTelemetry trace's, or ``-``: core.telemetry)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.trace_id = telemetry.trace_id()
        return True


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(HEADER, "")
        current = incoming if WELL_FORMED.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id.set(current)
        started = time.perf_counter()
        try:
            # Django turns an exception in a view into a 500 response before it gets here.
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response[HEADER] = current
            user = getattr(request, "user", None)  # DRF sets it for token-authenticated calls
            user_id = user.pk if user is not None and user.is_authenticated else None
            logger.info(
                "%s %s %s %.1fms user=%s",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                user_id,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": None if user_id is None else str(user_id),
                },
            )
            return response
        finally:
            request_id.reset(token)
