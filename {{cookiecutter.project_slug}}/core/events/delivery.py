"""One subscriber's handling of one event: at least once, and once in effect."""

import traceback
from contextlib import AbstractContextManager
from uuid import UUID

from django.db import transaction

from core import telemetry
from core.events.codec import loads
from core.events.models import EventDelivery, OutboxEvent
from core.events.registry import subscription

ERROR_SHOWN = 4000  # characters of a traceback kept on the delivery record


class HandlerFailed(Exception):
    """The handler raised; its record says so, and the task retries or gives up."""


class UnknownSubscriber(LookupError):
    """No installed product has a handler of that name (renamed, or not installed here)."""


def handle(subscriber: str, event_id: UUID | str, *, final: bool = True) -> str:
    """Run ``subscriber``'s handler for the event unless its record says handled.

    The handler runs in the transaction that records it handled, holding that record's
    row lock: a second delivery of the same event waits, then sees it handled. A failure
    rolls back the handler's writes and is recorded (``failed`` when ``final``). Returns the
    record's state; raises HandlerFailed from the handler's exception.
    """
    wanted = subscription(subscriber)
    if wanted is None:
        raise UnknownSubscriber(f"no installed product handles events as {subscriber!r}")
    failure: Exception | None = None
    with transaction.atomic():
        event = OutboxEvent.objects.get(id=event_id)
        delivery, _ = EventDelivery.objects.select_for_update().get_or_create(
            event=event, subscriber=subscriber
        )
        if delivery.state == EventDelivery.State.HANDLED:
            return delivery.state
        delivery.attempts += 1
        try:
            with transaction.atomic(), _span(subscriber, event):
                wanted.handler(loads(wanted.event_type, event.payload))
        except Exception as error:  # any failure of the product's code is recorded
            failure = error
            delivery.state = EventDelivery.State.FAILED if final else EventDelivery.State.RETRYING
            delivery.last_error = "".join(traceback.format_exception(error))[-ERROR_SHOWN:]
        else:
            delivery.state = EventDelivery.State.HANDLED
            delivery.last_error = ""
        delivery.save(update_fields=["state", "attempts", "last_error", "updated_at"])
    if failure is not None:
        raise HandlerFailed(f"{subscriber} failed on {event.topic} {event.id}") from failure
    return delivery.state


def _span(subscriber: str, event: OutboxEvent) -> AbstractContextManager[None]:
    """The handler's span, in the publisher's trace (the outbox row carries its context)."""
    attributes = {"event.topic": event.topic, "event.id": str(event.id)}
    product = {"product": subscriber.partition(".")[0], "event.handler": subscriber}
    return telemetry.span(subscriber, {**product, **attributes}, parent=event.traceparent)
