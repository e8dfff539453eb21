"""core.telemetry: one trace from a request through a facade, the outbox and a handler."""

import os
import subprocess
import sys
import types
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.http import HttpResponse
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


shop_api.__dict__.update(__all__=["withdraw_item"], withdraw_item=withdraw_item)
urlpatterns = [path("withdraw/", lambda _: shop_api.withdraw_item(uuid.uuid4()) or HttpResponse())]


@pytest.fixture
def spans(monkeypatch: pytest.MonkeyPatch) -> Iterator[InMemorySpanExporter]:
    """Tracing into memory for one test; cart.forget handles ItemWithdrawn."""
    monkeypatch.setattr(registry, "_BY_TOPIC", {})
    monkeypatch.setattr(registry, "_BY_NAME", {})
    subscribe(ItemWithdrawn)(handler(lambda event: None))
    exporter, provider = InMemorySpanExporter(), TracerProvider()
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
    assert response.status_code == 200
    assert len({span.context.trace_id for span in finished}) == 1
    assert getattr(facade.parent, "span_id", None) == request.context.span_id
    assert dict(facade.attributes or {}) == {"product": "shop", "facade.function": "withdraw_item"}
    assert getattr(relay.parent, "span_id", None) == facade.context.span_id
    assert getattr(handled.parent, "span_id", None) == facade.context.span_id
    handler_attributes = {"product": "cart", "event.topic": "shop.ItemWithdrawn"}
    assert dict(handled.attributes or {}).items() >= handler_attributes.items()


@pytest.mark.parametrize(("disabled", "on"), [("", True), ("true", False)])
def test_an_endpoint_turns_tracing_on(
    monkeypatch: pytest.MonkeyPatch, disabled: str, on: bool
) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
    monkeypatch.setenv("OTEL_SDK_DISABLED", disabled)
    try:
        assert telemetry.setup() is on
        telemetry.trace_facade(types)  # not a product's: left alone
        telemetry.trace_facade(shop_api)
        assert (shop_api.withdraw_item is not withdraw_item) is on
    finally:
        telemetry.teardown()
    assert shop_api.withdraw_item is withdraw_item


def test_without_an_endpoint_nothing_is_set_up_or_imported() -> None:
    """A fresh process that starts the application with no OTEL_* variable loads no SDK."""
    program = (
        "import sys, config.wsgi\nfrom core import telemetry\nfrom django.conf import settings\n"
        "assert not telemetry.setup() and telemetry.span('x', {}).__enter__() is None\n"
        "print([m for m in sys.modules if m.startswith('opentelemetry')], settings.MIDDLEWARE)\n"
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith("OTEL_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=False
    )

    assert done.stdout.startswith("[] ["), done.stderr
    assert "opentelemetry" not in done.stdout
