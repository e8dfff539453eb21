"""The outbox and the processed-events records (``core.OutboxEvent``, ``core.EventDelivery``).

Imported by ``core.models``, so they are core's models and its migrations hold them.
"""

import uuid

from django.db import models
from django.utils import timezone


class OutboxEvent(models.Model):
    """An event published in the transaction of the change it reports.

    Written by ``core.events.publish``: a change that rolls back leaves no event. The relay
    hands a committed one to Celery and marks it dispatched; one still pending (the broker
    was down at commit, the process died) is handed on by the beat's sweep.
    """

    class State(models.TextChoices):
        PENDING = "pending"
        DISPATCHED = "dispatched"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    topic = models.CharField(max_length=200, db_index=True)  # "<product>.<Event>"
    # The event's fields as JSON text (core.events.codec). Text, not a JSONField: that one
    # makes `manage.py check` open a database connection to ask SQLite what it supports.
    payload = models.TextField()
    # What the event is about (an item's id): handlers see one aggregate's events in order
    # of created_at when they are delivered one at a time (docs/events.md).
    aggregate_id = models.CharField(max_length=100, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    # The publisher's W3C trace context (core.telemetry): its relay and handlers join its trace.
    traceparent = models.CharField(max_length=55, blank=True, default="")

    class Meta:
        ordering = ("created_at", "id")
        indexes = (models.Index(fields=("state", "created_at"), name="core_outbox_pending"),)

    def __str__(self) -> str:
        return f"{self.topic} {self.aggregate_id} ({self.id})"


class EventDelivery(models.Model):
    """One subscriber's handling of one event: the processed-events record.

    Unique per (subscriber, event): a handler whose record says handled never runs again
    for that event, however often the event is delivered. Failed after its retries, it
    stays failed, in the admin, until ``manage.py replay_events`` hands it on again.
    """

    class State(models.TextChoices):
        RETRYING = "retrying"
        HANDLED = "handled"
        FAILED = "failed"

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.CharField(max_length=200)  # "<product>.<handler>"
    state = models.CharField(max_length=20, choices=State.choices, default=State.RETRYING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at", "id")
        constraints = (
            models.UniqueConstraint(fields=("subscriber", "event"), name="core_delivery_once"),
        )
        indexes = (models.Index(fields=("state", "subscriber"), name="core_delivery_state"),)

    def __str__(self) -> str:
        return f"{self.subscriber} <- {self.event_id} ({self.state})"
