"""Who handles which event: ``@subscribe(<event class>)`` in a product's ``subscriptions.py``.

The registry is filled when Django starts (``CoreConfig.ready`` imports every installed
app's ``subscriptions`` module), so a product that is not installed (``PRODUCTS=...``)
subscribes to nothing. A subscription is named ``<product>.<function>``: that name keys its
processed-events records, so renaming a handler makes it a new subscriber.
"""

from collections.abc import Callable
from dataclasses import dataclass, is_dataclass
from importlib import import_module
from typing import Any

from core.products import Product, product_of

EVENTS_MODULE = "facade.events"


class SubscriptionError(TypeError):
    """A subscription that cannot work: not an event, not a product's handler, or twice."""


@dataclass(frozen=True)
class Subscription:
    name: str  # "<product>.<function>": the subscriber, in the processed-events records
    event_type: type[Any]
    handler: Callable[[Any], object]


_BY_TOPIC: dict[str, list[Subscription]] = {}
_BY_NAME: dict[str, Subscription] = {}


def topic_of(event_type: type[Any]) -> str:
    """``<product>.<Event>``: the topic of an event class of a product's ``facade/events.py``."""
    module = getattr(event_type, "__module__", "")
    product = product_of(module)
    if product is None or module != f"{product.app_module}.{EVENTS_MODULE}":
        raise SubscriptionError(
            f"{event_type!r} is not an event: events are classes of a product's facade/events.py"
        )
    if not (is_dataclass(event_type) and isinstance(event_type, type)):
        raise SubscriptionError(f"{event_type!r} is not an event: events are frozen dataclasses")
    return f"{product.name}.{event_type.__name__}"


def subscribe[E, H: Callable[..., object]](event_type: type[E]) -> Callable[[H], H]:
    """Register the decorated function as a handler of ``event_type``.

    Each handler runs at least once per event, in a worker, in a database transaction with
    its processed-events record: a handler whose effects are database writes takes effect
    exactly once. It receives the event, a frozen contract of the publisher.
    """
    topic = topic_of(event_type)

    def register(handler: H) -> H:
        product = product_of(handler.__module__)
        if product is None:
            raise SubscriptionError(f"{handler!r} is not a product's: subscribe in products/")
        name = f"{product.name}.{handler.__name__}"
        known = _BY_NAME.get(name)
        if known is not None and known.handler is not handler:
            raise SubscriptionError(f"two handlers are named {name}: a subscriber's name is unique")
        if known is None:
            subscription = Subscription(name, event_type, handler)
            _BY_NAME[name] = subscription
            _BY_TOPIC.setdefault(topic, []).append(subscription)
        return handler

    return register


def subscriptions_to(topic: str) -> tuple[Subscription, ...]:
    return tuple(_BY_TOPIC.get(topic, ()))


def subscription(name: str) -> Subscription | None:
    return _BY_NAME.get(name)


def event_class(topic: str) -> type[Any]:
    """The event class of a topic (``catalog.ItemDeleted``), from its product's events.py."""
    product, _, name = topic.partition(".")
    module = import_module(f"{Product(product).app_module}.{EVENTS_MODULE}")
    event_type: type[Any] = getattr(module, name)
    return event_type
