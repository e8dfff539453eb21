"""A stand-in product event and subscriptions for core's event tests (no product needed).

The registry knows an event by its module and a subscriber by its handler's module, so
classes and functions that claim a product's modules stand for a real publisher and
subscriber; the ``subscriptions`` fixture gives each test a registry of its own.
"""

import datetime as dt
import enum
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

EVENTS_MODULE = "products.shop.backend.facade.events"
SUBSCRIBER_MODULE = "products.cart.backend.subscriptions"


class Reason(enum.StrEnum):
    SOLD_OUT = "sold_out"


@dataclass(frozen=True)
class Price:
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class ItemWithdrawn:
    item_id: uuid.UUID
    reason: Reason
    at: dt.datetime
    prices: tuple[Price, ...] = ()
    note: str | None = None
    tags: frozenset[str] = field(default_factory=frozenset)


for _cls in (Reason, Price, ItemWithdrawn):
    _cls.__module__ = EVENTS_MODULE


def handler(body: Callable[[ItemWithdrawn], None], name: str = "forget") -> Callable[..., None]:
    """A function claiming to be ``cart``'s handler ``name``, doing ``body``."""

    def handle(event: ItemWithdrawn) -> None:
        body(event)

    handle.__module__ = SUBSCRIBER_MODULE
    handle.__name__ = handle.__qualname__ = name
    return handle


def withdrawn(**values: object) -> ItemWithdrawn:
    fields: dict[str, object] = {
        "item_id": uuid.uuid4(),
        "reason": Reason.SOLD_OUT,
        "at": dt.datetime(2026, 1, 31, 9, 30, tzinfo=dt.UTC),
    }
    return ItemWithdrawn(**{**fields, **values})  # type: ignore[arg-type]
