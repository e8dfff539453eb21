"""Handing failed deliveries to their handlers again (``replay_events``, the admin's action)."""

from collections.abc import Iterable

from django.db.models import QuerySet

from core.events.models import EventDelivery


def failed_deliveries(
    subscriber: str | None = None, topic: str | None = None
) -> QuerySet[EventDelivery]:
    failed = EventDelivery.objects.filter(state=EventDelivery.State.FAILED)
    if subscriber:
        failed = failed.filter(subscriber=subscriber)
    if topic:
        failed = failed.filter(event__topic=topic)
    return failed.select_related("event").order_by("event__created_at", "event_id")


def replay(deliveries: Iterable[EventDelivery]) -> int:
    """Mark each delivery retrying and send its handler task again, with fresh retries."""
    from core.events.tasks import handle_event  # the task module imports the delivery

    count = 0
    for delivery in deliveries:
        EventDelivery.objects.filter(pk=delivery.pk).update(state=EventDelivery.State.RETRYING)
        handle_event.apply_async((delivery.subscriber, str(delivery.event_id)))
        count += 1
    return count
