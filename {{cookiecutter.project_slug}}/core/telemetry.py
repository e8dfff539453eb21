"""OpenTelemetry: one trace from a request through other products' facades to event handlers.

On only with an OTLP endpoint (``OTEL_EXPORTER_OTLP_ENDPOINT``, and the standard ``OTEL_*``
variables): Django, Celery, psycopg and requests are instrumented, spans go over OTLP/HTTP.
Off, nothing of OpenTelemetry is imported and :func:`span` is a null context (ADR 0019).
"""

import functools
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from core.products import product_of

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.trace import Tracer

ENDPOINTS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
NONE = "-"  # the trace id logged outside a trace

_tracer: "Tracer | None" = None
_traced: list[tuple[ModuleType, str, object]] = []  # (facade, name, original) to restore


def configured() -> bool:
    off = os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true"
    return not off and any(os.environ.get(name, "").strip() for name in ENDPOINTS)


def setup(provider: "TracerProvider | None" = None) -> bool:
    """Trace this process when configured (or into ``provider``); before Django's middleware."""
    global _tracer
    if _tracer is None and (provider is not None or configured()):
        provider = provider or _exporting_provider()
        for instrumentor in _instrumentors():
            instrumentor.instrument(tracer_provider=provider)
        _tracer = provider.get_tracer(__name__)
        from django.apps import apps

        if apps.ready:  # else CoreConfig.ready wraps the facades
            trace_facades()
    return _tracer is not None


def teardown() -> None:
    """Undo :func:`setup` (tests): the instrumentations and the facades' wrappers."""
    global _tracer
    if _tracer is not None:
        for instrumentor in _instrumentors():
            instrumentor.uninstrument()
        while _traced:
            facade, name, original = _traced.pop()
            setattr(facade, name, original)
        _tracer = None


def span(name: str, attributes: dict[str, str], parent: str = "") -> AbstractContextManager[None]:
    """A span around a block, child of the W3C ``parent`` if given; nothing when off."""
    return nullcontext() if _tracer is None else _span(_tracer, name, attributes, parent)


def traceparent() -> str:
    """The current span's W3C ``traceparent`` (stored with an event), or ``''``."""
    if _tracer is None:
        return ""
    from opentelemetry.propagate import inject

    carrier: dict[str, str] = {}
    inject(carrier)  # OTEL_PROPAGATORS: W3C trace context unless told otherwise
    return carrier.get("traceparent", "")


def trace_id() -> str:
    """The current trace's id, as tracing backends show it; ``-`` outside one (logs)."""
    if _tracer is None:
        return NONE
    from opentelemetry import trace

    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else NONE


def trace_facades() -> None:
    """Wrap every public function of every installed product's facade in a span."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if _tracer is not None and product_of(config.name) is not None:
            trace_facade(import_module(f"{config.name}.facade.api"))


def trace_facade(facade: ModuleType) -> None:
    """Wrap the functions of ``facade.__all__`` in spans: callers look them up on the module."""
    product, tracer = product_of(facade.__name__), _tracer
    if product is None or tracer is None:
        return
    for name in getattr(facade, "__all__", ()):
        attributes = {"product": product.name, "facade.function": name}
        in_span = tracer.start_as_current_span(f"{product.name}.{name}", attributes=attributes)
        _traced.append((facade, name, getattr(facade, name)))
        setattr(facade, name, in_span(getattr(facade, name)))  # functools.wraps it


@contextmanager
def _span(tracer: "Tracer", name: str, attributes: dict[str, str], parent: str) -> Iterator[None]:
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    context = TraceContextTextMapPropagator().extract({"traceparent": parent}) if parent else None
    with tracer.start_as_current_span(name, context=context, attributes=attributes):
        yield


@functools.cache  # one per process: the SDK refuses a second global provider
def _exporting_provider() -> "TracerProvider":
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create())  # OTEL_SERVICE_NAME, the sampler
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))  # forks restart it
    trace.set_tracer_provider(provider)
    return provider


def _instrumentors() -> tuple[Any, ...]:
    from opentelemetry.instrumentation.celery import CeleryInstrumentor
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor

    celery = CeleryInstrumentor()  # type: ignore[no-untyped-call]
    return (DjangoInstrumentor(), celery, PsycopgInstrumentor(), RequestsInstrumentor())
