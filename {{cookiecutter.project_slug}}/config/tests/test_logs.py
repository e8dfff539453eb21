"""Every request is logged once, with a request id that the response carries back;
errors in views and in Celery tasks are logged with their traceback."""

import io
import json
import logging
import logging.config
import sys
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AbstractBaseUser as User  # config may not import core
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse
from opentelemetry.sdk.trace import TracerProvider
from rest_framework.test import APIClient

from config.celery import app
from config.logs import HEADER, RequestIdFilter
from config.settings.observability import logging_config
from core import telemetry

pytestmark = pytest.mark.django_db


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


urlpatterns = [path("fail/", fail)]


@app.task(name="config.tests.failing_task")
def failing_task() -> None:
    raise RuntimeError("a bug in a task")


def request_lines(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    return [record for record in records if record.name == "config.logs"]


def fields(record: logging.LogRecord, *names: str) -> tuple[object, ...]:
    """Attributes a log call's ``extra`` (or a filter) set on the record."""
    return tuple(vars(record)[name] for name in names)


def test_a_request_is_logged_with_its_fields_and_id(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="config.logs"):
        response = Client().get("/api/schema/")

    (line,) = request_lines(caplog.records)
    assert fields(line, "method", "path", "status", "user_id") == ("GET", "/api/schema/", 403, None)
    assert vars(line)["duration_ms"] >= 0
    assert len(response[HEADER]) == 32  # a new id: a UUID's hex
    assert line.getMessage().startswith("GET /api/schema/ 403 ")


def test_a_signed_in_request_names_its_user(caplog: pytest.LogCaptureFixture, user: User) -> None:
    client = Client()
    # django-stubs takes only core's User, which config may not import; any user signs in.
    client.force_login(user)  # type: ignore[arg-type]
    with caplog.at_level(logging.INFO, logger="config.logs"):
        client.get("/api/schema/")

    (line,) = request_lines(caplog.records)
    assert fields(line, "status", "user_id") == (200, str(user.pk))


def test_a_token_authenticated_request_names_its_user(
    caplog: pytest.LogCaptureFixture, user: User
) -> None:
    client = APIClient()
    credentials = {"username": user.get_username(), "password": "a-long-test-password"}
    access = client.post(reverse("token_obtain"), credentials, format="json").json()["access"]
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    caplog.clear()  # the sign-in's own line
    with caplog.at_level(logging.INFO, logger="config.logs"):
        client.get("/api/schema/")

    (line,) = request_lines(caplog.records)
    assert fields(line, "status", "user_id") == (
        200,
        str(user.pk),
    )  # DRF, not the session, found it


@pytest.mark.parametrize("incoming", ["3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f", "lb.trace:42_x"])
def test_a_well_formed_incoming_id_is_kept(incoming: str) -> None:
    assert Client().get("/api/schema/", headers={HEADER: incoming})[HEADER] == incoming


@pytest.mark.parametrize("incoming", ["", "two words", "x" * 129, "a\nforged line", "-leading"])
def test_a_malformed_incoming_id_is_replaced(incoming: str) -> None:
    returned = Client().get("/api/schema/", headers={HEADER: incoming})[HEADER]

    assert returned != incoming
    assert len(returned) == 32


@override_settings(ROOT_URLCONF=__name__)
def test_lines_logged_while_serving_carry_the_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.handler.addFilter(RequestIdFilter())  # as the project's stdout handler does
    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get("/fail/", headers={HEADER: "req-1"})

    assert response.status_code == 500
    assert response[HEADER] == "req-1"
    assert len(caplog.records) >= 2  # the error with its traceback, and the request line
    assert {fields(record, "request_id") for record in caplog.records} == {("req-1",)}


@pytest.fixture
def stdout() -> Iterator[io.StringIO]:
    """What the project's own handler (``LOGGING``, as configured at start-up) writes."""
    (handler,) = [h for h in logging.root.handlers if h.get_name() == "stdout"]
    assert isinstance(handler, logging.StreamHandler)
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


@override_settings(ROOT_URLCONF=__name__)
def test_an_unhandled_error_is_printed_with_its_traceback(stdout: io.StringIO) -> None:
    response = Client(raise_request_exception=False).get("/fail/", headers={HEADER: "req-2"})

    assert response.status_code == 500
    printed = stdout.getvalue()
    assert "ERROR   django.request [req-2] Internal Server Error: /fail/" in printed
    assert (
        'RuntimeError("a bug in a view")' in printed or "RuntimeError: a bug in a view" in printed
    )
    assert "INFO    config.logs [req-2] GET /fail/ 500 " in printed


def test_a_failed_task_is_printed_with_its_traceback(stdout: io.StringIO) -> None:
    result = failing_task.apply(throw=False)

    assert result.failed()
    printed = stdout.getvalue()
    assert "ERROR   celery.app.trace [-] Task config.tests.failing_task[" in printed
    assert "RuntimeError: a bug in a task" in printed


def formatted(log_format: str, record: logging.LogRecord) -> str:
    """The line the project's stdout handler writes for ``record`` in that format."""
    config = logging_config(log_format, "INFO")
    formatter = logging.config.DictConfigurator(config).configure_formatter(
        config["formatters"][log_format]
    )
    RequestIdFilter().filter(record)
    return formatter.format(record)


def a_record() -> logging.LogRecord:
    record = logging.LogRecord("config.logs", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.__dict__.update(method="GET", path="/", status=200, duration_ms=1.5, user_id="7")
    return record


def test_json_lines_are_one_object_with_every_field() -> None:
    line = formatted("json", a_record())

    assert "\n" not in line
    fields = json.loads(line)
    assert fields["level"] == "INFO"
    assert fields["logger"] == "config.logs"
    assert fields["message"] == "GET / 200"
    assert fields["request_id"] == fields["trace_id"] == "-"  # outside a request, a trace
    assert {fields[key] for key in ("method", "path", "status", "duration_ms", "user_id")} == {
        "GET",
        "/",
        200,
        1.5,
        "7",
    }


def test_json_lines_carry_the_trace_id_when_tracing() -> None:
    telemetry.setup(TracerProvider())
    with telemetry.span("work", {}):
        fields, trace_id = json.loads(formatted("json", a_record())), telemetry.trace_id()
    telemetry.teardown()

    assert fields["trace_id"] == trace_id != telemetry.NONE


def test_json_lines_carry_the_traceback() -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error",
            (),
            sys.exc_info(),
        )

    fields = json.loads(formatted("json", record))

    assert "RuntimeError: boom" in fields["exc_info"]


def test_readable_lines_are_one_line_with_the_request_id() -> None:
    line = formatted("readable", a_record())

    assert line.endswith("INFO    config.logs [-] GET / 200")
