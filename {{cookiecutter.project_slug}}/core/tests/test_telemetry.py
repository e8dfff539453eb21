"""core.telemetry: one trace from a request through a facade, the outbox and a handler."""

import os
import subprocess
import sys
import types
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from core import telemetry
from core.events import publish, registry, subscribe
from core.transactions import transactional

from .events_fixtures import ItemWithdrawn, handler, withdrawn

# A stand-in for shop's facade (core's tests need no product): a request withdraws an item.
shop_api = types.ModuleType("products.shop.backend.facade.api")


@transactional
def withdraw_item(item_id: uuid.UUID) -> None:
    publish(withdrawn(item_id=item_id), aggregate_id=item_id)


shop_api.__all__ = ["withdraw_item"]  # type: ignore[attr-defined]
shop_api.withdraw_item = withdraw_item  # type: ignore[attr-defined]


def withdraw(request: HttpRequest) -> HttpResponse:
    shop_api.withdraw_item(uuid.uuid4())
    return HttpResponse(status=204)


urlpatterns = [path("withdraw/", withdraw)]


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    """Tracing into memory for one test; cart.forget handles ItemWithdrawn."""
    monkeypatch.setattr(registry, "_BY_TOPIC", {})
    monkeypatch.setattr(registry, "_BY_NAME", {})
    subscribe(ItemWithdrawn)(handler(lambda event: None))
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    assert telemetry.setup(provider)
    telemetry.trace_facade(shop_api)
    yield exporter
    telemetry.teardown()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_request_its_facade_call_and_the_handler_are_one_trace(
    spans: InMemorySpanExporter, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the relay runs after the request
        response = Client().post("/withdraw/")

    finished = spans.get_finished_spans()
    by_name = {span.name: span for span in finished}
    request = next(span for span in finished if span.kind is SpanKind.SERVER)
    facade, relay, handled = (
        by_name[name] for name in ("shop.withdraw_item", "relay shop.ItemWithdrawn", "cart.forget")
    )
    assert response.status_code == 204
    assert len({span.context.trace_id for span in finished}) == 1
    assert facade.parent is not None
    assert facade.parent.span_id == request.context.span_id
    assert dict(facade.attributes or {}) == {"product": "shop", "facade.function": "withdraw_item"}
    assert relay.parent is not None
    assert relay.parent.span_id == facade.context.span_id
    assert (handled.attributes or {})["product"] == "cart"
    assert (handled.attributes or {})["event.topic"] == "shop.ItemWithdrawn"
    assert (handled.attributes or {})["event.id"] == (relay.attributes or {})["event.id"]


@pytest.mark.parametrize(
    ("variables", "on"),
    [
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:4318/v1/traces"}, True),
        (
            {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", "OTEL_SDK_DISABLED": "true"},
            False,
        ),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": " "}, False),
    ],
)
def test_an_endpoint_turns_tracing_on(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], on: bool
) -> None:
    for name in (*telemetry.ENDPOINTS, "OTEL_SDK_DISABLED"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    try:
        assert telemetry.setup() is on
        telemetry.trace_facade(shop_api)
        telemetry.trace_facade(shop_api)  # once: not a span in a span
        telemetry.trace_facade(types)  # not a product's: left alone
        assert (shop_api.withdraw_item is not withdraw_item) is on
    finally:
        telemetry.teardown()
    assert shop_api.withdraw_item is withdraw_item


def test_without_an_endpoint_nothing_is_set_up_or_imported() -> None:
    """A fresh process that starts the application with no OTEL_* variable loads no SDK."""
    program = (
        "import sys\n"
        "import config.wsgi\n"
        "from core import telemetry\n"
        "from django.conf import settings\n"
        "assert not telemetry.setup() and telemetry.span('x', {}).__enter__() is None\n"
        "print(sorted(m for m in sys.modules if m.startswith('opentelemetry')))\n"
        "print(any('opentelemetry' in m for m in settings.MIDDLEWARE))\n"
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith("OTEL_")}
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        cwd=settings.BASE_DIR,
        check=False,
    )

    assert done.stdout.split() == ["[]", "False"], done.stderr
