"""Publishing into the outbox, and the relay that hands committed events to Celery."""

import functools
import logging
from datetime import timedelta
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from core import telemetry
from core.events.codec import dumps
from core.events.models import OutboxEvent
from core.events.registry import subscriptions_to, topic_of

logger = logging.getLogger(__name__)
# A pending event younger than this is still the commit's own relay's to hand on.
SWEEP_AFTER = timedelta(seconds=30)


class PublishError(RuntimeError):
    """``publish`` outside a transaction: the event and the change could part."""


def publish(event: object, *, aggregate_id: object) -> UUID:
    """Record ``event`` in the outbox, in the transaction of the change it reports.

    Call it inside that transaction (a ``@transactional`` facade function): if the change
    rolls back, so does the event, and nothing is delivered. Once it commits, the relay
    hands the event to each subscriber's handler. ``aggregate_id`` names what the event
    is about (the item's id); docs/events.md says what order that gives. Returns its id.
    """
    topic = topic_of(type(event))
    if not transaction.get_connection().in_atomic_block:
        raise PublishError(
            f"publish({topic}) outside a transaction: publish in the transaction.atomic() "
            "(or @transactional function) that makes the change, so both commit or neither"
        )
    row = store(event, aggregate_id=aggregate_id)
    transaction.on_commit(functools.partial(relay, row.id))
    return row.id


def store(event: object, *, aggregate_id: object) -> OutboxEvent:
    """The outbox row of ``event``, written now (``publish`` and the test helpers)."""
    return OutboxEvent.objects.create(
        topic=topic_of(type(event)),
        payload=dumps(event),
        aggregate_id=str(aggregate_id),
        traceparent=telemetry.traceparent(),  # its relay and handlers join the publisher's trace
    )


def relay(event_id: UUID) -> bool:
    """Hand one committed, pending event to Celery (a task per subscriber); mark it dispatched.

    Returns whether it was handed on. A broker that refuses leaves the event pending for
    the sweep; handing it on twice is harmless, each handler being idempotent by event id.
    """
    from core.events.tasks import handle_event  # the task module imports this one

    row = OutboxEvent.objects.filter(id=event_id, state=OutboxEvent.State.PENDING).first()
    if row is None:
        return False
    attributes = {
        "product": row.topic.partition(".")[0],
        "event.topic": row.topic,
        "event.id": str(row.id),
    }
    try:
        with telemetry.span(f"relay {row.topic}", attributes, parent=row.traceparent):
            for subscription in subscriptions_to(row.topic):
                handle_event.apply_async((subscription.name, str(row.id)))
    except Exception:  # the broker is unreachable (or, eager, a bug in the delivery)
        logger.warning("event %s left pending for the sweep", row, exc_info=True)
        return False
    OutboxEvent.objects.filter(id=row.id, state=OutboxEvent.State.PENDING).update(
        state=OutboxEvent.State.DISPATCHED, dispatched_at=timezone.now()
    )
    return True


def relay_pending(older_than: timedelta = SWEEP_AFTER) -> int:
    """Hand on every event still pending after ``older_than``; return how many were."""
    cutoff = timezone.now() - older_than
    pending = OutboxEvent.objects.filter(state=OutboxEvent.State.PENDING, created_at__lte=cutoff)
    return sum(relay(event_id) for event_id in pending.values_list("id", flat=True))
