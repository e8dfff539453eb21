"""The Celery side of events: a handler task per subscriber and event, and the sweep."""

from typing import Any

from celery import Task, shared_task
from celery.utils.time import get_exponential_backoff_interval

from core.events.delivery import HandlerFailed, handle
from core.events.models import EventDelivery
from core.events.outbox import relay_pending

MAX_RETRIES = 5
BACKOFF_FACTOR = 2  # seconds: a retry waits up to 2, 4, 8, 16, 32 seconds (full jitter)
BACKOFF_MAX = 600


@shared_task(
    bind=True,
    name="core.events.handle",
    max_retries=MAX_RETRIES,
    # Acknowledged once handled: a worker killed mid-handling leaves the message to another.
    acks_late=True,
    reject_on_worker_lost=True,
)
def handle_event(self: Task[Any, Any], subscriber: str, event_id: str) -> str:
    """Deliver one event to one subscriber; retried with backoff, then recorded failed."""
    if self.request.is_eager:
        return handle_in_place(subscriber, event_id)
    retries = self.request.retries or 0
    final = retries >= MAX_RETRIES
    try:
        return handle(subscriber, event_id, final=final)
    except HandlerFailed as failed:
        if final:
            return EventDelivery.State.FAILED
        countdown = get_exponential_backoff_interval(
            BACKOFF_FACTOR, retries, BACKOFF_MAX, full_jitter=True
        )
        raise self.retry(exc=failed, countdown=countdown) from failed


def handle_in_place(subscriber: str, event_id: str) -> str:
    """Eager Celery (tests, a worker-less default): every retry now, with no wait between.

    An eager retry would raise out of ``apply_async`` into the publisher's commit.
    """
    for retries in range(MAX_RETRIES + 1):
        try:
            return handle(subscriber, event_id, final=retries == MAX_RETRIES)
        except HandlerFailed:
            continue
    return EventDelivery.State.FAILED


@shared_task(name="core.events.relay_pending")
def sweep_outbox() -> int:
    """Hand on the events the commit's relay could not (the broker was down); how many."""
    return relay_pending()
