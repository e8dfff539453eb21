"""OpenTelemetry: one trace from a request through other products' facades to event handlers.

On only when an OTLP endpoint is configured (``OTEL_EXPORTER_OTLP_ENDPOINT`` or
``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``, and ``OTEL_SDK_DISABLED`` not ``true``): then spans
go over OTLP/HTTP, the SDK reads the standard ``OTEL_*`` variables, and Django, Celery,
psycopg and requests are instrumented. Off, nothing of OpenTelemetry is imported and
:func:`span` is a null context. ``config/wsgi.py``, ``config/asgi.py`` and the Celery worker
call :func:`setup`, before Django builds its middleware (the instrumentation adds one).
"""

import functools
import os
from collections.abc import Callable, Iterator, Mapping
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
    """Trace this process when configured (or into ``provider``, in tests); whether it does."""
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
    if _tracer is None:
        return
    for instrumentor in _instrumentors():
        instrumentor.uninstrument()
    while _traced:
        facade, name, original = _traced.pop()
        setattr(facade, name, original)
    _tracer = None


def span(
    name: str, attributes: Mapping[str, str], parent: str = ""
) -> AbstractContextManager[None]:
    """A span around a block, child of the W3C ``parent`` if given; nothing when off."""
    return nullcontext() if _tracer is None else _span(_tracer, name, attributes, parent)


def traceparent() -> str:
    """The current span's W3C ``traceparent`` (stored with an event), or ``''``."""
    if _tracer is None:
        return ""
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    carrier: dict[str, str] = {}
    TraceContextTextMapPropagator().inject(carrier)
    return carrier.get("traceparent", "")


def trace_id() -> str:
    """The current trace's id, as the tracing backend shows it; ``-`` outside one (logs)."""
    if _tracer is None:
        return NONE
    from opentelemetry import trace

    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else NONE


def trace_facades() -> None:
    """Wrap every public function of every installed product's facade in a span."""
    if _tracer is not None:
        from django.apps import apps

        for config in apps.get_app_configs():
            if product_of(config.name) is not None:
                trace_facade(import_module(f"{config.name}.facade.api"))


def trace_facade(facade: ModuleType) -> None:
    """Wrap the functions of ``facade.__all__``: callers look them up on the module."""
    product = product_of(facade.__name__)
    if product is None or _tracer is None:
        return
    for name in getattr(facade, "__all__", ()):
        function = getattr(facade, name)
        if callable(function) and not any(t[0] is facade and t[1] == name for t in _traced):
            attributes = {"product": product.name, "facade.function": name}
            setattr(facade, name, _in_span(f"{product.name}.{name}", attributes, function))
            _traced.append((facade, name, function))


def _in_span(
    name: str, attributes: Mapping[str, str], function: Callable[..., Any]
) -> Callable[..., Any]:
    @functools.wraps(function)
    def traced(*args: object, **kwargs: object) -> object:
        with span(name, attributes):
            return function(*args, **kwargs)

    return traced


@contextmanager
def _span(
    tracer: "Tracer", name: str, attributes: Mapping[str, str], parent: str
) -> Iterator[None]:
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    context = TraceContextTextMapPropagator().extract({"traceparent": parent}) if parent else None
    with tracer.start_as_current_span(name, context=context, attributes=dict(attributes)):
        yield


@functools.cache  # one per process: the SDK refuses a second global provider
def _exporting_provider() -> "TracerProvider":
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create())  # OTEL_RESOURCE_ATTRIBUTES, sampler
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))  # forks restart it
    trace.set_tracer_provider(provider)
    return provider


def _instrumentors() -> tuple[Any, ...]:
    from opentelemetry.instrumentation.celery import CeleryInstrumentor
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor

    return (
        DjangoInstrumentor(),
        CeleryInstrumentor(),  # type: ignore[no-untyped-call]
        PsycopgInstrumentor(),
        RequestsInstrumentor(),
    )
